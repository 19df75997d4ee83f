INSERT INTO cluster_sample (cluster, environment, taken_at, metrics)
VALUES (@Cluster, @Environment, @TakenAt, @Metrics)
RETURNING id;

INSERT INTO cluster_namespace (cluster, name, labels, first_seen, last_seen)
VALUES (@Cluster, @Name, @Labels, @TakenAt, @TakenAt)
RETURNING id;

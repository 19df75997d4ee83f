SELECT id, cluster, name, labels, first_seen, last_seen FROM cluster_namespace
WHERE cluster = @Cluster AND last_seen = @Previous;

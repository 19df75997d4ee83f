SELECT id, name AS key, content FROM cluster_node
WHERE cluster = @Cluster AND last_seen = @Previous;

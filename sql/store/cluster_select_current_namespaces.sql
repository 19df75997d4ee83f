SELECT id, name AS key, labels AS content FROM cluster_namespace
WHERE cluster = @Cluster AND last_seen = @Previous;

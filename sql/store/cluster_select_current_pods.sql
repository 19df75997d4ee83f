SELECT id, uid AS key, content FROM cluster_pod
WHERE cluster = @Cluster AND last_seen = @Previous;

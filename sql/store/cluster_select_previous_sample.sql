SELECT taken_at FROM cluster_sample
WHERE cluster = @Cluster
ORDER BY taken_at DESC
LIMIT 1;

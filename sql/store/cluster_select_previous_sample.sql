SELECT taken_at FROM cluster_sample
WHERE cluster = @Cluster AND taken_at < @TakenAt
ORDER BY taken_at DESC
LIMIT 1;

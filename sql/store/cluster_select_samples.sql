SELECT id, cluster, environment, taken_at, metrics FROM cluster_sample
WHERE taken_at >= @Start AND taken_at < @EndExclusive
ORDER BY cluster, taken_at;

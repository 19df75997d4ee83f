SELECT u.sample_id, u.uid AS key, u.cpu, u.memory
FROM cluster_pod_usage u JOIN cluster_sample s ON s.id = u.sample_id
WHERE s.taken_at >= @Start AND s.taken_at < @EndExclusive;

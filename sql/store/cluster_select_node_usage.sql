SELECT u.sample_id, u.node AS key, u.cpu, u.memory
FROM cluster_node_usage u JOIN cluster_sample s ON s.id = u.sample_id
WHERE s.taken_at >= @Start AND s.taken_at < @EndExclusive;

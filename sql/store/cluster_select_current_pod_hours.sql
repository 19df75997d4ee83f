SELECT h.pod_id, h.hour, h.samples, h.cpu, h.memory, h.cpu_over, h.memory_over
FROM cluster_pod p JOIN cluster_pod_hour h ON h.pod_id = p.id AND h.hour = @Hour
WHERE p.cluster = @Cluster AND p.last_seen = @Previous;

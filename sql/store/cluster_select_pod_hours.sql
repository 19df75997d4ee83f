SELECT h.pod_id, h.hour, h.samples, h.cpu, h.memory, h.cpu_over, h.memory_over
FROM cluster_pod p JOIN cluster_pod_hour h ON h.pod_id = p.id AND h.hour >= @StartHour AND h.hour < @EndHour
WHERE p.first_seen < @EndExclusive AND p.last_seen >= @Start;

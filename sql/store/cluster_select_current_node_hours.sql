SELECT h.node_id, h.hour, h.samples, h.cpu, h.memory, 0, 0
FROM cluster_node n JOIN cluster_node_hour h ON h.node_id = n.id AND h.hour = @Hour
WHERE n.cluster = @Cluster AND n.last_seen = @Previous;

INSERT OR REPLACE INTO cluster_node_hour (node_id, hour, samples, cpu, memory)
VALUES (@Id, @Hour, @Samples, @Cpu, @Memory);

INSERT INTO cluster_node_usage (sample_id, node, cpu, memory) VALUES (@SampleId, @Key, @Cpu, @Memory);

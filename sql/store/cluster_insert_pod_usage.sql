INSERT INTO cluster_pod_usage (sample_id, uid, cpu, memory) VALUES (@SampleId, @Key, @Cpu, @Memory);

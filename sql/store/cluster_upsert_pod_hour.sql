INSERT OR REPLACE INTO cluster_pod_hour (pod_id, hour, samples, cpu, memory, cpu_over, memory_over)
VALUES (@Id, @Hour, @Samples, @Cpu, @Memory, @CpuOver, @MemoryOver);

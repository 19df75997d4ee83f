INSERT INTO cluster_node (cluster, name, content, instance_name, provider_project, machine_type, node_pool, zone,
    spot, cpu_capacity, memory_capacity, cpu_allocatable, memory_allocatable, labels, first_seen, last_seen)
VALUES (@Cluster, @Name, @Content, @InstanceName, @ProviderProject, @MachineType, @NodePool, @Zone,
    @Spot, @CpuCapacity, @MemoryCapacity, @CpuAllocatable, @MemoryAllocatable, @Labels, @TakenAt, @TakenAt)
RETURNING id;

INSERT INTO cluster_pod (cluster, uid, namespace, name, content, node_name, phase, workload, labels,
    cpu_request, memory_request, first_seen, last_seen)
VALUES (@Cluster, @Uid, @Namespace, @Name, @Content, @NodeName, @Phase, @Workload, @Labels,
    @CpuRequest, @MemoryRequest, @TakenAt, @TakenAt)
RETURNING id;

INSERT INTO efficiency (day, currency, cluster, namespace, workload, service, team, environment,
    cpu_request, cpu_usage, memory_request, memory_usage, net, unused_net)
VALUES (@Day, @Currency, @Cluster, @Namespace, @Workload, @Service, @Team, @Environment,
    @CpuRequest, @CpuUsage, @MemoryRequest, @MemoryUsage, @Net, @UnusedNet);

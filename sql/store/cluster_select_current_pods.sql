SELECT id, cluster, uid, namespace, name, node_name, phase, workload, labels, cpu_request, memory_request,
    first_seen, last_seen
FROM cluster_pod
WHERE cluster = @Cluster AND last_seen = @Previous;

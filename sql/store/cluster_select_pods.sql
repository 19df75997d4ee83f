SELECT id, cluster, uid, namespace, name, node_name, phase, workload, labels, cpu_request, memory_request,
    first_seen, last_seen
FROM cluster_pod
WHERE first_seen < @EndExclusive AND last_seen >= @Start
ORDER BY cluster, uid, first_seen, id;

SELECT id, cluster, name, instance_name, provider_project, machine_type, node_pool, zone, spot,
    cpu_capacity, memory_capacity, cpu_allocatable, memory_allocatable, labels, first_seen, last_seen
FROM cluster_node
WHERE first_seen < @EndExclusive AND last_seen >= @Start
ORDER BY cluster, name, first_seen, id;

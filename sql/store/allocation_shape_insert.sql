INSERT INTO allocation_shape (key, kind, service, team, environment, project, cloud_service, sku, region, cluster,
    namespace, node_pool, node, workload, rule, missing)
VALUES (@Key, @Kind, @Service, @Team, @Environment, @Project, @CloudService, @Sku, @Region, @Cluster,
    @Namespace, @NodePool, @Node, @Workload, @Rule, @Missing)
RETURNING id;

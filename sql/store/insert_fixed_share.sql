INSERT INTO fixed_share (day, currency, invoice_month, kind, service, team, environment, project,
    cloud_service, sku, region, cluster, namespace, node_pool, node, workload, rule, missing, cost, credits)
VALUES (@Day, @Currency, @InvoiceMonth, @Kind, @Service, @Team, @Environment, @Project,
    @CloudService, @Sku, @Region, @Cluster, @Namespace, @NodePool, @Node, @Workload, @Rule, @Missing, @Cost, @Credits);

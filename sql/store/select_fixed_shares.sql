SELECT day, currency, invoice_month, kind, service, team, environment, project, cloud_service, sku,
       region, cluster, namespace, node_pool, node, workload, rule, missing, cost, credits
FROM fixed_share
WHERE day >= @Start AND day < @EndExclusive
ORDER BY day, kind, service, team, environment, project, cloud_service, sku, region, cluster,
         namespace, node_pool, node, workload, rule, missing, invoice_month, currency;

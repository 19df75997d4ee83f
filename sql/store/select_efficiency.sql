SELECT day, currency, cluster, namespace, workload, service, team, environment, cpu_request, cpu_usage,
       memory_request, memory_usage, net, unused_net
FROM efficiency
WHERE day >= @Start AND day < @EndExclusive
ORDER BY day, cluster, namespace, workload, service, currency;

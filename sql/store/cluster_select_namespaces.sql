SELECT id, cluster, name, labels, first_seen, last_seen
FROM cluster_namespace
WHERE first_seen < @EndExclusive AND last_seen >= @Start
ORDER BY cluster, name, first_seen;

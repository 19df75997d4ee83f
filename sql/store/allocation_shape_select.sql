-- A shape's texts, in the order of AllocationCodec.ShapeColumns; an absent dimension is NULL.
SELECT kind.text, service.text, team.text, environment.text, project.text, cloud_service.text, sku.text, region.text,
       cluster.text, namespace.text, node_pool.text, node.text, workload.text, rule.text, missing.text
FROM allocation_shape s
JOIN dictionary kind ON kind.id = s.kind
LEFT JOIN dictionary service ON service.id = s.service
LEFT JOIN dictionary team ON team.id = s.team
LEFT JOIN dictionary environment ON environment.id = s.environment
LEFT JOIN dictionary project ON project.id = s.project
JOIN dictionary cloud_service ON cloud_service.id = s.cloud_service
JOIN dictionary sku ON sku.id = s.sku
LEFT JOIN dictionary region ON region.id = s.region
LEFT JOIN dictionary cluster ON cluster.id = s.cluster
LEFT JOIN dictionary namespace ON namespace.id = s.namespace
LEFT JOIN dictionary node_pool ON node_pool.id = s.node_pool
LEFT JOIN dictionary node ON node.id = s.node
LEFT JOIN dictionary workload ON workload.id = s.workload
JOIN dictionary rule ON rule.id = s.rule
JOIN dictionary missing ON missing.id = s.missing
WHERE s.id = @Id;

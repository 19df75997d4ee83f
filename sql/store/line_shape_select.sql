-- Columns in the order of LineShapes.Columns.
SELECT account, currency, credits, project_id, project_name, service_id, service_description, sku_id, sku_description,
       region, zone, resource_name, resource_global_name, labels, project_labels, system_labels, usage_unit,
       usage_pricing_unit, cost_type, consumption_model, adjustment
FROM line_shape WHERE id = @Id;

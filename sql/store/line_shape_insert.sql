INSERT INTO line_shape (key, account, currency, credits, project_id, project_name, service_id, service_description,
    sku_id, sku_description, region, zone, resource_name, resource_global_name, labels, project_labels, system_labels,
    usage_unit, usage_pricing_unit, cost_type, consumption_model, adjustment)
VALUES (@Key, @Account, @Currency, @Credits, @ProjectId, @ProjectName, @ServiceId, @ServiceDescription,
    @SkuId, @SkuDescription, @Region, @Zone, @ResourceName, @ResourceGlobalName, @Labels, @ProjectLabels, @SystemLabels,
    @UsageUnit, @UsagePricingUnit, @CostType, @ConsumptionModel, @Adjustment)
RETURNING id;

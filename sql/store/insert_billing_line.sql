INSERT INTO billing_line (
    load_id, usage_day, account, usage_start, usage_end, invoice_month, currency, cost, credit_total, credits,
    credit_amounts, project_id, project_name, service_id, service_description, sku_id, sku_description,
    region, zone, resource_name, resource_global_name, labels, project_labels, system_labels,
    usage_amount, usage_unit, usage_pricing_amount, usage_pricing_unit, cost_at_list, conversion_rate,
    cost_type, consumption_model, adjustment, export_time, source_file, source_line)
VALUES (
    @LoadId, @UsageDay, @Account, @UsageStart, @UsageEnd, @InvoiceMonth, @Currency, @Cost, @CreditTotal, @Credits,
    @CreditAmounts, @ProjectId, @ProjectName, @ServiceId, @ServiceDescription, @SkuId, @SkuDescription,
    @Region, @Zone, @ResourceName, @ResourceGlobalName, @Labels, @ProjectLabels, @SystemLabels,
    @UsageAmount, @UsageUnit, @UsagePricingAmount, @UsagePricingUnit, @CostAtList, @ConversionRate,
    @CostType, @ConsumptionModel, @Adjustment, @ExportTime, @SourceFile, @SourceLine);

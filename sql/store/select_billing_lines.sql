-- Columns in the order BillingLineCodec reads them; dictionary ids are resolved by the reader.
SELECT account, usage_start, usage_end, invoice_month, currency, cost, credit_total, credits, credit_amounts,
       project_id, project_name, service_id, service_description, sku_id, sku_description, region, zone,
       resource_name, resource_global_name, labels, project_labels, system_labels, usage_amount, usage_unit,
       usage_pricing_amount, usage_pricing_unit, cost_at_list, conversion_rate, cost_type, consumption_model,
       adjustment, export_time, source_file, source_line
FROM billing_line
WHERE usage_day >= @Start AND usage_day < @EndExclusive
ORDER BY usage_day, account, id;

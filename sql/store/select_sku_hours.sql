-- Columns in the order CostStore.ReadSkuHoursAsync reads them. @Start and @EndExclusive are day numbers.
SELECT usage_day, account, sku_description, region, currency, usage_start, usage_end,
       line_count, usage_sum, usage_max, net_sum, net_max, cost_max
FROM billing_sku_hour
WHERE usage_day >= @Start AND usage_day < @EndExclusive;

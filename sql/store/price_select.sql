SELECT region AS Region, machine_family AS MachineFamily, resource AS Resource, variant AS Variant, usage_type AS UsageType,
       sku_id AS SkuId, sku_description AS SkuDescription, usage_unit AS UsageUnit, currency AS Currency,
       unit_price AS UnitPrice, conversion_rate AS ConversionRate, usd_per_hour AS UsdPerHour,
       effective_time AS EffectiveTime
FROM price_rate
ORDER BY region, machine_family, resource, variant, usage_type;

INSERT INTO price_rate (region, machine_family, resource, variant, usage_type, sku_id, sku_description, usage_unit,
                        currency, unit_price, conversion_rate, usd_per_hour, effective_time, loaded_at)
VALUES (@Region, @MachineFamily, @Resource, @Variant, @UsageType, @SkuId, @SkuDescription, @UsageUnit,
        @Currency, @UnitPrice, @ConversionRate, @UsdPerHour, @EffectiveTime, @LoadedAt);

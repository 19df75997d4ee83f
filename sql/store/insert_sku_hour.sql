INSERT INTO billing_sku_hour (usage_day, account, sku_description, region, currency, usage_start, usage_end,
    line_count, usage_sum, usage_max, net_sum, net_max, cost_max)
VALUES (@Day, @Account, @Sku, @Region, @Currency, @UsageStart, @UsageEnd,
    @LineCount, @UsageSum, @UsageMax, @NetSum, @NetMax, @CostMax);

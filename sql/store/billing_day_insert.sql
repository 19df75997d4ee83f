-- A load writes a day's groups (0015) and SKU hours (0017) with its lines; @SkuHours is 2 where a sum would round.
INSERT INTO billing_day (day, account, line_count, grouped, sku_hours) VALUES (@Day, @Account, @LineCount, 1, @SkuHours)
ON CONFLICT (day, account) DO UPDATE SET line_count = excluded.line_count, grouped = 1, sku_hours = excluded.sku_hours;

SELECT usage_day, shape, invoice_month, cost, credit_total, line_count
FROM billing_group
WHERE usage_day >= @Start AND usage_day < @EndExclusive
ORDER BY usage_day, shape, invoice_month;

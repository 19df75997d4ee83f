-- Whether each (day, account) of the range has its sums in billing_sku_hour: 0 not yet, 1 yes, 2 a sum would round.
SELECT day AS Day, account AS Account, sku_hours AS SkuHours FROM billing_day
WHERE day >= @Start AND day < @EndExclusive
ORDER BY day, account;

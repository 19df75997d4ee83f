SELECT DISTINCT account_id FROM billing_line
WHERE usage_day >= @Start AND usage_day < @EndExclusive
ORDER BY account_id;

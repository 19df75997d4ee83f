SELECT DISTINCT usage_day FROM billing_line
WHERE usage_day >= @Start AND usage_day < @EndExclusive
ORDER BY usage_day;

SELECT DISTINCT day FROM billing_day
WHERE day >= @Start AND day < @EndExclusive
ORDER BY day;

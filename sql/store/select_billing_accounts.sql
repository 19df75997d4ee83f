SELECT DISTINCT account FROM billing_day
WHERE day >= @Start AND day < @EndExclusive AND line_count > 0
ORDER BY account;

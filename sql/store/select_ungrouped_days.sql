-- Days whose lines are not added up in billing_group yet (loaded before migration 0015).
SELECT DISTINCT day FROM billing_day
WHERE grouped = 0 AND day >= @Start AND day < @EndExclusive
ORDER BY day;

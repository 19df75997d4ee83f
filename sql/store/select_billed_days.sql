SELECT day, currency, invoice_month, cost, credits FROM billed_day
WHERE day >= @Start AND day < @EndExclusive
ORDER BY day, currency, invoice_month;

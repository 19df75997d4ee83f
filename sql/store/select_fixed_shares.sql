-- As select_allocations.sql, for the shares of fixed monthly amounts.
SELECT id, shape, invoice_month, currency, cost, credits
FROM fixed_share
WHERE id >= @Start AND id < @EndExclusive
ORDER BY id;

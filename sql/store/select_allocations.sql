-- Columns in the order AllocationCodec reads them. @Start and @EndExclusive are day numbers << 32: a day's rows
-- are one range of ids, numbered in the order the readers return (migration 0018).
SELECT id, shape, invoice_month, currency, cost, credits
FROM allocation
WHERE id >= @Start AND id < @EndExclusive
ORDER BY id;

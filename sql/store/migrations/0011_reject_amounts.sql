-- A rejected row stays in view: what could be read from it before it failed (its usage day, billing
-- account, invoice month, currency and amount) is kept beside it, null where the row could not be read
-- that far. The amount is the row's cost (BilledCost in FOCUS), exact decimal text like every amount.
ALTER TABLE reject ADD COLUMN usage_day TEXT;
ALTER TABLE reject ADD COLUMN account_id TEXT;
ALTER TABLE reject ADD COLUMN invoice_month TEXT;
ALTER TABLE reject ADD COLUMN currency TEXT;
ALTER TABLE reject ADD COLUMN amount TEXT;
CREATE INDEX reject_day ON reject (account_id, usage_day);

-- A sum added to in code (BillingGroups.Merge); NULL amounts when a sum had to round.
UPDATE billing_group SET cost = @Cost, credit_total = @CreditTotal, line_count = @LineCount
WHERE usage_day = @Day AND shape = @Shape AND invoice_month = @InvoiceMonth;

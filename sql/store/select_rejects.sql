SELECT load_id AS LoadId, file AS File, line AS Line, field AS Field, value AS Value, message AS Message,
       usage_day AS UsageDay, account_id AS AccountId, invoice_month AS InvoiceMonth, currency AS Currency, amount AS Amount
FROM reject ORDER BY id;

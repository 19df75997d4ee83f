-- A sum already written by the same load (it writes its sums whenever it holds many) is left as it is here
-- and added to in code (BillingGroups.Merge): exact decimal addition, which SQL cannot do on TEXT amounts.
INSERT INTO billing_group (usage_day, shape, invoice_month, cost, credit_total, line_count)
VALUES (@Day, @Shape, @InvoiceMonth, @Cost, @CreditTotal, @LineCount)
ON CONFLICT (usage_day, shape, invoice_month) DO NOTHING;

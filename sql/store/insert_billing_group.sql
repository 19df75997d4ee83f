INSERT INTO billing_group (usage_day, shape, invoice_month, cost, credit_total, line_count)
VALUES (@Day, @Shape, @InvoiceMonth, @Cost, @CreditTotal, @LineCount);

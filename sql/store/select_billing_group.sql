-- One sum of a load's earlier write, to add to (BillingGroups.Merge).
SELECT cost, credit_total, line_count FROM billing_group
WHERE usage_day = @Day AND shape = @Shape AND invoice_month = @InvoiceMonth;

-- Columns in the order BillingLineReader reads them. @Start and @EndExclusive are day numbers << 32.
SELECT shape, invoice_month, usage_start, usage_end, cost, credit_total, credit_amounts, usage_amount,
       usage_pricing_amount, cost_at_list, conversion_rate, export_time, source_file, source_line, legacy_credits, id
FROM billing_line
WHERE id >= @Start AND id < @EndExclusive
ORDER BY id;

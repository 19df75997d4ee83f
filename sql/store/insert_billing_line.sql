-- A line's id is (usage day << 32) + n: see migration 0015. Its shape holds what it shares with other lines.
INSERT INTO billing_line (
    id, load_id, shape, invoice_month, usage_start, usage_end, cost, credit_total, credit_amounts, usage_amount,
    usage_pricing_amount, cost_at_list, conversion_rate, export_time, source_file, source_line)
VALUES (
    @Id, @LoadId, @Shape, @InvoiceMonth, @UsageStart, @UsageEnd, @Cost, @CreditTotal, @CreditAmounts, @UsageAmount,
    @UsagePricingAmount, @CostAtList, @ConversionRate, @ExportTime, @SourceFile, @SourceLine);

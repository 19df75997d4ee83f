using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostIngest.BigQuery;

/// <summary>Turns one row of sql/bigquery/billing_lines.sql into a <see cref="BillingLine"/>. Pure.</summary>
public static class BillingRowDecoder
{
    public static BillingLine Decode(BqRecord row, ExportTable table, long rowNumber)
    {
        var currencyText = row.RequiredString("currency");
        if (!Currency.TryParse(currencyText, out var currency))
            throw new BqDecodeException($"Error parsing column currency (currency={currencyText}): not an ISO 4217 code.");
        var monthText = row.RequiredString("invoice_month");
        if (!InvoiceMonth.TryParse(monthText, out var month))
            throw new BqDecodeException($"Error parsing column invoice_month (invoice_month={monthText}): not YYYYMM.");

        var credits = row.Records("credits")
            .Select(c => new Credit(CreditType.Parse(c.RequiredString("type")), c.Decimal("amount") ?? 0m))
            .ToList();
        var labels = Labels.From(row.Records("labels")
            .Select(l => KeyValuePair.Create(l.RequiredString("key"), l.String("value") ?? "")));
        var projectLabels = Labels.From(row.Records("project_labels")
            .Select(l => KeyValuePair.Create(l.RequiredString("key"), l.String("value") ?? "")));

        return new BillingLine
        {
            BillingAccountId = row.RequiredString("billing_account_id"),
            UsageStart = row.Timestamp("usage_start") ?? throw new BqDecodeException("Column usage_start is null."),
            UsageEnd = row.Timestamp("usage_end") ?? throw new BqDecodeException("Column usage_end is null."),
            InvoiceMonth = month,
            Currency = currency,
            CurrencyConversionRate = row.Decimal("currency_conversion_rate"),
            Cost = row.Decimal("cost") ?? 0m,
            CostAtList = row.Decimal("cost_at_list"),
            Credits = credits,
            ProjectId = row.String("project_id"),
            ProjectName = row.String("project_name"),
            ServiceId = row.String("service_id") ?? "",
            ServiceDescription = row.String("service_description") ?? "",
            SkuId = row.String("sku_id") ?? "",
            SkuDescription = row.String("sku_description") ?? "",
            Region = row.String("region"),
            ResourceName = row.String("resource_name"),
            ResourceGlobalName = row.String("resource_global_name"),
            Labels = labels,
            ProjectLabels = projectLabels,
            CostType = row.String("cost_type") ?? "regular",
            ConsumptionModel = row.String("consumption_model_id"),
            UsageAmount = row.Decimal("usage_amount"),
            UsageUnit = row.String("usage_unit"),
            UsageAmountInPricingUnits = row.Decimal("usage_amount_in_pricing_units"),
            UsagePricingUnit = row.String("usage_pricing_unit"),
            ExportTime = row.Timestamp("export_time"),
            Source = new SourceRef("bigquery:" + table.SqlName, rowNumber),
        };
    }
}

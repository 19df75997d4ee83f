using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Billing;

/// <summary>Where a fact came from, for error messages and audit: a file and a 1-based line.</summary>
public sealed record SourceRef(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>
/// One line of a cloud bill, as the Cloud Billing export (or a FOCUS file) states it. Amounts are
/// exact decimals in <see cref="Currency"/>. <see cref="Cost"/> is before credits; <see cref="Net"/>
/// is cost plus every credit (credits are negative).
/// </summary>
public sealed record BillingLine
{
    public required string BillingAccountId { get; init; }
    public required DateTimeOffset UsageStart { get; init; }
    public required DateTimeOffset UsageEnd { get; init; }
    public required InvoiceMonth InvoiceMonth { get; init; }
    public required Currency Currency { get; init; }
    public required decimal Cost { get; init; }
    public IReadOnlyList<Credit> Credits { get; init; } = [];

    public string? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public string ServiceId { get; init; } = "";
    public string ServiceDescription { get; init; } = "";
    public string SkuId { get; init; } = "";
    public string SkuDescription { get; init; } = "";
    public string? Region { get; init; }
    public string? Zone { get; init; }
    public string? ResourceName { get; init; }
    public string? ResourceGlobalName { get; init; }
    public Labels Labels { get; init; } = Labels.Empty;
    public Labels ProjectLabels { get; init; } = Labels.Empty;
    public Labels SystemLabels { get; init; } = Labels.Empty;
    public decimal? UsageAmount { get; init; }
    public string? UsageUnit { get; init; }
    public decimal? UsageAmountInPricingUnits { get; init; }
    public string? UsagePricingUnit { get; init; }
    public decimal? CostAtList { get; init; }
    public decimal? CurrencyConversionRate { get; init; }
    /// <summary><c>regular</c>, <c>tax</c>, <c>adjustment</c> or <c>rounding error</c> in the export; ChargeCategory in FOCUS.</summary>
    public string CostType { get; init; } = "regular";
    /// <summary>The export's <c>consumption_model.id</c> / description, where present (spend-based CUD model).</summary>
    public string? ConsumptionModel { get; init; }
    public string? AdjustmentDescription { get; init; }
    public DateTimeOffset? ExportTime { get; init; }
    public SourceRef? Source { get; init; }

    /// <summary>The usage day: the UTC date on which usage started.</summary>
    public DateOnly UsageDay => DateOnly.FromDateTime(UsageStart.UtcDateTime);

    public decimal CreditTotal
    {
        get
        {
            var sum = 0m;
            foreach (var c in Credits) sum += c.Amount;
            return sum;
        }
    }

    public decimal Net => Cost + CreditTotal;
}

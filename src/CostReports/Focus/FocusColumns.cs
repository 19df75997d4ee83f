namespace Costs.CostReports.Focus;

/// <summary>The FOCUS data types that the export writes.</summary>
public enum FocusType
{
    /// <summary>Text, written through the CSV defence against formulas.</summary>
    String,
    /// <summary>An exact decimal, invariant culture, no exponent.</summary>
    Decimal,
    /// <summary>A UTC instant in ISO 8601 with a <c>Z</c>: <c>2026-10-01T00:00:00Z</c>.</summary>
    DateTime,
    /// <summary>A JSON object (FOCUS's key-value format).</summary>
    Json,
}

/// <summary>One column of the export: its FOCUS column id, its type, and whether the spec lets it be null.</summary>
public sealed record FocusColumn(string Name, FocusType Type, bool AllowsNull);

/// <summary>
/// The columns of the FOCUS export, in order: the 57 columns of FOCUS 1.2 (every column of the spec, in the
/// spec's alphabetical order, with its data type and nullability from the spec's column pages), then the
/// three split-cost-allocation columns that FOCUS 1.3 adds. The test suite checks this list against the
/// spec's, kept as a fixture.
/// </summary>
public static class FocusColumns
{
    /// <summary>The FOCUS version whose columns these are.</summary>
    public const string Version = "1.2";

    public static readonly IReadOnlyList<FocusColumn> All =
    [
        new("AvailabilityZone", FocusType.String, true),
        new("BilledCost", FocusType.Decimal, false),
        new("BillingAccountId", FocusType.String, false),
        new("BillingAccountName", FocusType.String, true),
        new("BillingAccountType", FocusType.String, false),
        new("BillingCurrency", FocusType.String, false),
        new("BillingPeriodEnd", FocusType.DateTime, false),
        new("BillingPeriodStart", FocusType.DateTime, false),
        new("CapacityReservationId", FocusType.String, true),
        new("CapacityReservationStatus", FocusType.String, true),
        new("ChargeCategory", FocusType.String, false),
        new("ChargeClass", FocusType.String, true),
        new("ChargeDescription", FocusType.String, true),
        new("ChargeFrequency", FocusType.String, false),
        new("ChargePeriodEnd", FocusType.DateTime, false),
        new("ChargePeriodStart", FocusType.DateTime, false),
        new("CommitmentDiscountCategory", FocusType.String, true),
        new("CommitmentDiscountId", FocusType.String, true),
        new("CommitmentDiscountName", FocusType.String, true),
        new("CommitmentDiscountQuantity", FocusType.Decimal, true),
        new("CommitmentDiscountStatus", FocusType.String, true),
        new("CommitmentDiscountType", FocusType.String, true),
        new("CommitmentDiscountUnit", FocusType.String, true),
        new("ConsumedQuantity", FocusType.Decimal, true),
        new("ConsumedUnit", FocusType.String, true),
        new("ContractedCost", FocusType.Decimal, false),
        new("ContractedUnitPrice", FocusType.Decimal, true),
        new("EffectiveCost", FocusType.Decimal, false),
        new("InvoiceId", FocusType.String, true),
        new("InvoiceIssuerName", FocusType.String, false),
        new("ListCost", FocusType.Decimal, false),
        new("ListUnitPrice", FocusType.Decimal, true),
        new("PricingCategory", FocusType.String, true),
        new("PricingCurrency", FocusType.String, true),
        new("PricingCurrencyContractedUnitPrice", FocusType.Decimal, true),
        new("PricingCurrencyEffectiveCost", FocusType.Decimal, true),
        new("PricingCurrencyListUnitPrice", FocusType.Decimal, true),
        new("PricingQuantity", FocusType.Decimal, true),
        new("PricingUnit", FocusType.String, true),
        new("ProviderName", FocusType.String, false),
        new("PublisherName", FocusType.String, false),
        new("RegionId", FocusType.String, true),
        new("RegionName", FocusType.String, true),
        new("ResourceId", FocusType.String, true),
        new("ResourceName", FocusType.String, true),
        new("ResourceType", FocusType.String, true),
        new("ServiceCategory", FocusType.String, false),
        new("ServiceName", FocusType.String, false),
        new("ServiceSubcategory", FocusType.String, false),
        new("SkuId", FocusType.String, true),
        new("SkuMeter", FocusType.String, true),
        new("SkuPriceDetails", FocusType.Json, true),
        new("SkuPriceId", FocusType.String, true),
        new("SubAccountId", FocusType.String, true),
        new("SubAccountName", FocusType.String, true),
        new("SubAccountType", FocusType.String, true),
        new("Tags", FocusType.Json, true),
        // FOCUS 1.3: split cost allocation.
        new("AllocatedMethodId", FocusType.String, true),
        new("AllocatedResourceId", FocusType.String, true),
        new("AllocatedTags", FocusType.Json, true),
    ];
}

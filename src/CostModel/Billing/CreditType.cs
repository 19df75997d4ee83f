namespace Costs.CostModel.Billing;

/// <summary>
/// The type of a credit on a billing line, as the Cloud Billing export names it. A type this release
/// does not know is kept with its text (<see cref="IsKnown"/> is false) and reported; it is never
/// folded into another type.
/// </summary>
public readonly record struct CreditType
{
    public static readonly CreditType CommittedUsageDiscount = new("COMMITTED_USAGE_DISCOUNT");
    public static readonly CreditType CommittedUsageDiscountDollarBase = new("COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE");
    public static readonly CreditType SustainedUsageDiscount = new("SUSTAINED_USAGE_DISCOUNT");
    public static readonly CreditType Promotion = new("PROMOTION");
    public static readonly CreditType FreeTier = new("FREE_TIER");
    public static readonly CreditType Discount = new("DISCOUNT");
    public static readonly CreditType SubscriptionBenefit = new("SUBSCRIPTION_BENEFIT");
    public static readonly CreditType FeeUtilizationOffset = new("FEE_UTILIZATION_OFFSET");
    public static readonly CreditType ResellerMargin = new("RESELLER_MARGIN");

    /// <summary>Every type documented for the export's <c>credits.type</c> column.</summary>
    public static IReadOnlyList<CreditType> Known { get; } =
    [
        CommittedUsageDiscount, CommittedUsageDiscountDollarBase, SustainedUsageDiscount, Promotion,
        FreeTier, Discount, SubscriptionBenefit, FeeUtilizationOffset, ResellerMargin,
    ];

    public string Name { get; }

    private CreditType(string name) => Name = name;

    /// <summary>Parses a type; any non-blank text is accepted, unknown ones with <see cref="IsKnown"/> false.</summary>
    public static CreditType Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("A credit type is blank.");
        var name = text.Trim();
        foreach (var k in Known)
            if (string.Equals(k.Name, name, StringComparison.Ordinal)) return k;
        return new CreditType(name);
    }

    public bool IsKnown => Known.Contains(this);

    /// <summary>Committed-use credits: resource-based and spend-based (dollar base).</summary>
    public bool IsCommitment => this == CommittedUsageDiscount || this == CommittedUsageDiscountDollarBase;

    public override string ToString() => Name ?? "";
}

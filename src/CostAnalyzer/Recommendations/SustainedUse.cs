namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// Sustained-use discounts of Compute Engine, per machine family. Source: Google's "Sustained use discounts"
/// page (cloud.google.com/compute/docs/sustained-use-discounts): each quarter of a month that a resource runs
/// is billed at a share of its base rate. N1, M1 and M2: 100%, 80%, 60%, 40% (30% off a full month); N2, N2D
/// and C2: 100%, 86.78%, 73.3%, 60% (19.98% off a full month); E2 and the newer families (C3, N4, T2D, …) earn
/// none. On-demand usage that a commitment would replace is priced net of the full-month discount. Usage that
/// runs only part of the month earns less, so the net price is a floor and the savings of a commitment are, if
/// anything, understated. Cyclenerd's pricing.yml (generated from the Catalog; month = 730 h with this discount)
/// agrees to the cent and beyond: n1-standard-1, m1-megamem-96, n2-standard-2, e2-standard-2.
/// </summary>
public static class SustainedUse
{
    /// <summary>Google's monthly price basis: 730 hours.</summary>
    public const decimal HoursPerMonth = 730m;

    private static readonly decimal[] None = [1m, 1m, 1m, 1m];
    private static readonly decimal[] N1Increments = [1m, 0.8m, 0.6m, 0.4m];
    private static readonly decimal[] N2Increments = [1m, 0.8678m, 0.733m, 0.6m];

    /// <summary>The share of the base rate billed in each quarter of the month.</summary>
    public static IReadOnlyList<decimal> Increments(string family) => family.ToUpperInvariant() switch
    {
        "N1" or "M1" or "M2" => N1Increments,
        "N2" or "N2D" or "C2" => N2Increments,
        _ => None,
    };

    /// <summary>The discount off a whole month at the base rate: 0.30 for N1, 0.1998 for N2, 0 for E2.</summary>
    public static decimal FullMonthDiscount(string family) => 1m - Increments(family).Sum() / 4m;

    /// <summary>An on-demand hourly rate net of the family's full-month sustained-use discount.</summary>
    public static decimal Net(decimal onDemand, string family) => onDemand * (1m - FullMonthDiscount(family));
}

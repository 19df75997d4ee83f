namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// Sustained-use discounts of Compute Engine: the discount a machine family earns when it runs the whole
/// month (N1, M1 and M2: 30%; N2, N2D and C2: 20%; every other family: none). On-demand usage that a
/// commitment would replace is priced net of this discount. Usage that runs only part of the month
/// earns less, so the net price is a floor and the savings of a commitment are, if anything, understated.
/// Origin of the rates: Google's "Sustained use discounts" page; n1-standard-1 and m1-megamem-96 in
/// Cyclenerd's pricing.yml (month = 730 × hour × 0.7) agree.
/// </summary>
public static class SustainedUse
{
    public static decimal FullMonthDiscount(string family) => family.ToUpperInvariant() switch
    {
        "N1" or "M1" or "M2" => 0.30m,
        "N2" or "N2D" or "C2" => 0.20m,
        _ => 0m,
    };

    /// <summary>An on-demand hourly rate net of the family's full-month sustained-use discount.</summary>
    public static decimal Net(decimal onDemand, string family) => onDemand * (1m - FullMonthDiscount(family));
}

using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// Looks up hourly rates among the stored catalogue prices (<see cref="MachinePrice"/>). A rate is
/// taken in the wanted currency: the price's own when it is that currency, else its USD rate when USD
/// is wanted. Where one family, region, resource and usage type has several SKUs, the newest
/// (by effective time, then SKU id) wins.
/// </summary>
public static class CatalogRates
{
    public static decimal? Rate(IEnumerable<MachinePrice> prices, string region, string family, MachineResource resource,
        PriceUsageType usageType, Currency currency) =>
        prices.Where(p => p.Resource == resource && p.UsageType == usageType
                          && p.Region.Equals(region, StringComparison.OrdinalIgnoreCase)
                          && p.MachineFamily.Equals(family, StringComparison.OrdinalIgnoreCase)
                          && (p.Currency == currency || currency == Currency.Usd))
            .OrderByDescending(p => p.EffectiveTime ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.SkuId, StringComparer.Ordinal)
            .Select(p => (decimal?)(p.Currency == currency ? p.UnitPrice : p.UsdPerHour))
            .FirstOrDefault();

    /// <summary>What is missing, for a message: "N2 vcpu Commit3Yr in us-central1 (USD)".</summary>
    public static string Describe(string region, string family, MachineResource resource, PriceUsageType usageType, Currency currency) =>
        $"{family} {resource.ToText()} {usageType.ToText()} in {region} ({currency})";
}

using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// Looks up hourly rates among the stored catalogue prices (<see cref="MachinePrice"/>). A rate is
/// taken in the wanted currency: the price's own when it is that currency, else its USD rate when USD
/// is wanted. Where one family, region, resource and usage type has several SKUs, the newest
/// (by effective time, then SKU id) wins. Only predefined (<see cref="MachineVariant.Standard"/>) rates are
/// looked up: custom, sole-tenant and the like are priced apart and are not what a pool's usage costs.
/// </summary>
public static class CatalogRates
{
    public static decimal? Rate(IEnumerable<MachinePrice> prices, string region, string family, MachineResource resource,
        PriceUsageType usageType, Currency currency) =>
        prices.Where(p => p.Resource == resource && p.UsageType == usageType && p.Variant == MachineVariant.Standard
                          && p.Region.Equals(region, StringComparison.OrdinalIgnoreCase)
                          && p.MachineFamily.Equals(family, StringComparison.OrdinalIgnoreCase)
                          && (p.Currency == currency || currency == Currency.Usd))
            .OrderByDescending(p => p.EffectiveTime ?? DateTimeOffset.MinValue)
            .ThenBy(p => p.SkuId, StringComparer.Ordinal)
            .Select(p => (decimal?)(p.Currency == currency ? p.UnitPrice : p.UsdPerHour))
            .FirstOrDefault();

    /// <summary>
    /// The rate of each of <paramref name="wanted"/>, in order, for one family in one region; or null,
    /// with <paramref name="missing"/> naming the first rate the catalogue lacks.
    /// </summary>
    public static decimal[]? Rates(IReadOnlyList<MachinePrice> prices, string region, string family, Currency currency,
        IReadOnlyList<(MachineResource Resource, PriceUsageType Type)> wanted, out string? missing)
    {
        var rates = new decimal[wanted.Count];
        for (var i = 0; i < wanted.Count; i++)
        {
            var (resource, type) = wanted[i];
            if (Rate(prices, region, family, resource, type, currency) is not { } rate)
            {
                missing = Describe(region, family, resource, type, currency);
                return null;
            }
            rates[i] = rate;
        }
        missing = null;
        return rates;
    }

    /// <summary>What is missing, for a message: "N2 vcpu Commit3Yr in us-central1 (USD)".</summary>
    public static string Describe(string region, string family, MachineResource resource, PriceUsageType usageType, Currency currency) =>
        $"{family} {resource.ToText()} {usageType.ToText()} in {region} ({currency})";
}

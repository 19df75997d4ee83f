using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>The prices of a resource-based pool from the stored catalogue, or what is missing.</summary>
public static class CommitmentPrices
{
    /// <summary>
    /// On-demand (net of the family's full-month sustained-use discount), 1-year and 3-year rates for
    /// <paramref name="key"/>. Returns null and names the first missing rate when the catalogue lacks one.
    /// </summary>
    public static PoolPrices? FromCatalog(IReadOnlyList<MachinePrice> prices, PoolKey key, Currency currency, out string? missing)
    {
        if (key.Type != CommitmentType.Resource || key.Family is not { } family || key.Resource is not { } r)
            throw new ArgumentException($"Catalogue prices are for resource-based pools; {key} is not one.", nameof(key));
        var resource = r == CommitmentResource.Vcpu ? MachineResource.Vcpu : MachineResource.RamGib;
        decimal? Find(PriceUsageType t) => CatalogRates.Rate(prices, key.Region, family, resource, t, currency);

        missing = null;
        foreach (var type in new[] { PriceUsageType.OnDemand, PriceUsageType.Commit1Yr, PriceUsageType.Commit3Yr })
        {
            if (Find(type) is null)
            {
                missing = CatalogRates.Describe(key.Region, family, resource, type, currency);
                return null;
            }
        }
        return PoolPrices.Resource(SustainedUse.Net(Find(PriceUsageType.OnDemand)!.Value, family),
            Find(PriceUsageType.Commit1Yr)!.Value, Find(PriceUsageType.Commit3Yr)!.Value);
    }
}

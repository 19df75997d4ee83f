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
        var rates = CatalogRates.Rates(prices, key.Region, family, currency,
            [(resource, PriceUsageType.OnDemand), (resource, PriceUsageType.Commit1Yr), (resource, PriceUsageType.Commit3Yr)], out missing);
        return rates is null ? null : PoolPrices.Resource(SustainedUse.Net(rates[0], family), rates[1], rates[2]);
    }
}

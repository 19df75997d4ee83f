using Costs.CostAnalyzer.Commitments;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostAnalyzer.Tests.Commitments;

public class CommitmentPricesTests
{
    private static MachinePrice Price(PriceUsageType type, decimal usd, string family = "N2", MachineResource resource = MachineResource.Vcpu) => new()
    {
        Region = "us-central1", MachineFamily = family, Resource = resource, UsageType = type, SkuId = $"{family}-{type}",
        SkuDescription = "", UsageUnit = "h", Currency = Currency.Usd, UnitPrice = usd, ConversionRate = 1m, UsdPerHour = usd,
    };

    /// <summary>N2 vCPU in us-central1 (see <see cref="Pools.N2Prices"/>).</summary>
    private static readonly MachinePrice[] Catalogue =
        [Price(PriceUsageType.OnDemand, 0.031611m), Price(PriceUsageType.Commit1Yr, 0.019915m), Price(PriceUsageType.Commit3Yr, 0.014225m)];

    [Fact]
    public void FromCatalog_N2Vcpu_OnDemandNetOfSustainedUse()
    {
        var prices = CommitmentPrices.FromCatalog(Catalogue, PoolKey.ForResource("us-central1", "N2", CommitmentResource.Vcpu), Currency.Usd, out var missing);

        Assert.Null(missing);
        // 0.031611 × (1 − 0.1998): N2's sustained-use increments 100/86.78/73.3/60% average 80.02%.
        Assert.Equal(PoolPrices.Resource(0.0252951222m, 0.019915m, 0.014225m), prices);
        Assert.Equal((0.7873m, 0.5624m), (Math.Round(prices!.BreakEven(CommitmentTerm.OneYear), 4), Math.Round(prices.BreakEven(CommitmentTerm.ThreeYear), 4)));
    }

    [Fact]
    public void FromCatalog_NoMemoryRates_NamesTheFirstMissing()
    {
        var prices = CommitmentPrices.FromCatalog(Catalogue, PoolKey.ForResource("us-central1", "N2", CommitmentResource.Memory), Currency.Usd, out var missing);

        Assert.Null(prices);
        Assert.Equal("N2 ram_gib OnDemand in us-central1 (USD)", missing);
    }

    [Fact]
    public void FromCatalog_CataloguePricedInAnotherCurrency_NotMixedIn()
    {
        var euro = Catalogue.Select(p => p with { Currency = new Currency("EUR") }).ToArray();

        Assert.Null(CommitmentPrices.FromCatalog(euro, PoolKey.ForResource("us-central1", "N2", CommitmentResource.Vcpu), new Currency("JPY"), out _));
        Assert.NotNull(CommitmentPrices.FromCatalog(euro, PoolKey.ForResource("us-central1", "N2", CommitmentResource.Vcpu), Currency.Usd, out _));
    }
}

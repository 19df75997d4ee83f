using Costs.CostAnalyzer.Clusters;
using Costs.CostAnalyzer.Spot;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostAnalyzer.Tests.Spot;

public class SpotAdvisorTests
{
    private const decimal Gib = 1_073_741_824m;

    /// <summary>
    /// E2 in us-central1: on-demand 0.021811 per vCPU-hour (the opencost Catalog page, see
    /// ../shared/data/SOURCES.md) and 0.002923 per GiB-hour (e2-standard-2 at 0.067006 an hour in
    /// Cyclenerd's pricing.yml = 2 × 0.021811 + 8 × 0.002923); spot rates illustrative. N2 on-demand 0.031611.
    /// </summary>
    private static readonly MachinePrice[] Prices =
    [
        Price("E2", MachineResource.Vcpu, PriceUsageType.OnDemand, 0.021811m),
        Price("E2", MachineResource.Vcpu, PriceUsageType.Preemptible, 0.006543m),
        Price("E2", MachineResource.RamGib, PriceUsageType.OnDemand, 0.002923m),
        Price("E2", MachineResource.RamGib, PriceUsageType.Preemptible, 0.000877m),
        Price("N2", MachineResource.Vcpu, PriceUsageType.OnDemand, 0.031611m),
        Price("N2", MachineResource.Vcpu, PriceUsageType.Preemptible, 0.007672m),
        Price("N2", MachineResource.RamGib, PriceUsageType.OnDemand, 0.004237m),
        Price("N2", MachineResource.RamGib, PriceUsageType.Preemptible, 0.001028m),
    ];

    private static MachinePrice Price(string family, MachineResource resource, PriceUsageType type, decimal usd) => new()
    {
        Region = "us-central1", MachineFamily = family, Resource = resource, UsageType = type, SkuId = $"{family}-{resource}-{type}",
        SkuDescription = "", UsageUnit = resource == MachineResource.Vcpu ? "h" : "GiBy.h", Currency = Currency.Usd,
        UnitPrice = usd, ConversionRate = 1m, UsdPerHour = usd,
    };

    /// <summary>Two e2-standard-4 nodes (4 vCPU, 16 GiB) for a whole 720-hour window.</summary>
    private static NodePoolUsage Pool(string pool, string? environment, string family = "E2", bool spot = false) => new()
    {
        Cluster = "ci", NodePool = pool, Environment = environment, Region = "us-central1", MachineFamily = family, Spot = spot,
        VcpuHours = 2 * 4 * 720m, MemoryGibHours = 2 * 16 * 720m, WindowHours = 720,
    };

    [Fact]
    public void Recommend_StagingPoolOnDemand_SavesTheSpotDifferenceOver730Hours()
    {
        var result = SpotAdvisor.Recommend([Pool("build", "staging")], Prices, Currency.Usd, new SpotOptions());

        var r = Assert.Single(result.Recommendations);
        // On demand: 5,760 × 0.021811 + 23,040 × 0.002923 = 192.97728 in 720 h; spot: 57.89376.
        Assert.Equal((195.66m, 58.70m, 136.96m), (r.MonthlyOnDemand, r.MonthlySpot, r.MonthlySavings));
        Assert.StartsWith("Node pool build of cluster ci (staging) runs on on-demand E2 VMs: on spot VMs it would cost about $58.70 instead of $195.66 a month, saving $136.96 (70%).", r.Reason);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Recommend_ProductionAndSpotPools_LeftAlone()
    {
        var result = SpotAdvisor.Recommend([Pool("web", "Production"), Pool("batch", "staging", spot: true)], Prices, Currency.Usd, new SpotOptions());

        Assert.Empty(result.Recommendations);
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Recommend_UnknownEnvironmentOrMissingPrice_SkippedWithTheReason()
    {
        var result = SpotAdvisor.Recommend([Pool("a", null), Pool("b", "dev", family: "C3")], Prices, Currency.Usd, new SpotOptions());

        Assert.Empty(result.Recommendations);
        Assert.Equal(
            [new SpotSkip("ci", "a", "its environment is unknown, so it may be production"),
             new SpotSkip("ci", "b", "no C3 vcpu OnDemand in us-central1 (USD) price in the catalogue")],
            result.Skipped);
    }

    [Fact]
    public void Recommend_N2Pool_OnDemandNetOfSustainedUse()
    {
        var r = Assert.Single(SpotAdvisor.Recommend([Pool("dev", "dev", family: "N2")], Prices, Currency.Usd, new SpotOptions()).Recommendations);

        // (5,760 × 0.031611 + 23,040 × 0.004237) × 0.8002 × 730 ÷ 720 (N2 keeps 80.02% after a full month's sustained use)
        Assert.Equal(226.92m, r.MonthlyOnDemand);
    }

    [Fact]
    public void NodePools_NodeHours_CapacitySummedPerPoolInVcpuAndGibHours()
    {
        NodeHour Hour(string node, int hour, string? machineType = "e2-standard-4") => new()
        {
            Cluster = "ci", Environment = "staging", Node = node, Hour = new DateTimeOffset(2026, 11, 2, hour, 0, 0, TimeSpan.Zero),
            NodePool = "build", MachineType = machineType, Zone = "us-central1-b", CpuCapacity = 4m, MemoryCapacity = 16m * Gib,
        };

        var (pools, skipped) = SpotAdvisor.NodePools([Hour("n1", 10), Hour("n1", 11), Hour("n2", 10), Hour("n3", 10, machineType: null)], 720);

        var pool = Assert.Single(pools);
        Assert.Equal(("build", "us-central1", "E2", "staging", 12m, 48m), (pool.NodePool, pool.Region, pool.MachineFamily, pool.Environment, pool.VcpuHours, pool.MemoryGibHours));
        Assert.Equal("node n3 has no machine type or zone", Assert.Single(skipped).Reason);
    }
}

using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Idle;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostAnalyzer.Rightsizing;
using Costs.CostAnalyzer.Spot;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;

namespace Costs.CostReports.Tests.Workbook;

/// <summary>
/// A <see cref="RecommendationSet"/> made by the real advisors from small synthetic inputs, as of 2026-11-10:
/// <code>
/// advisor       input                                                              outcome
/// commitments   N2 vCPU us-central1, 181 days: 12 h at 16, 8 h at 40, 4 h at 64     3-year buy 16; 1-year none
///               N2 vCPU in extraRegions more regions, scaled k×   more buys (for the chart cap)
///               flexible us-central1, 30 days at $20/h                             wait (too little history)
/// spot          node pool build of cluster ci (staging), 2 × e2-standard-4, 720 h   move to spot
/// rightsizing   Deployment/api in shop (prod), 1 core a pod, used 0.2 (0.5 at 5%)   CPU and memory
/// idle          node pool batch of cluster prod, 60% idle for 7 days               idle capacity
/// </code>
/// Prices: N2 as docs/commitments.md (0.0252888 on demand net of sustained use, 0.019915 and 0.014225);
/// E2 on demand 0.021811 per vCPU-hour and 0.002923 per GiB-hour, spot 0.006543 and 0.000877 (illustrative).
/// </summary>
internal static class SampleRecommendations
{
    private const decimal Mib = 1_048_576m;
    private static readonly DateTimeOffset Start = new(2026, 5, 13, 0, 0, 0, TimeSpan.Zero);
    private static readonly PoolPrices N2 = PoolPrices.Resource(0.0252888m, 0.019915m, 0.014225m);

    public static RecommendationSet Build(int extraRegions = 0, Currency? currency = null)
    {
        var usd = currency ?? Currency.Usd;
        var pools = new List<CommitmentPool> { Resource("us-central1", 1m, usd) };
        for (var i = 0; i < extraRegions; i++) pools.Add(Resource($"europe-west{i + 1}", i + 2m, usd));
        pools.Add(new CommitmentPool
        {
            Key = PoolKey.ForFlexible("us-central1"), Currency = usd, Start = Start.AddDays(151),
            Hours = Enumerable.Repeat(20m, 30 * 24).ToArray(),
        });
        return new RecommendationSet(
            new DateOnly(2026, 11, 10), HistoryDays: 181, LookbackDays: 180,
            CommitmentAdvisor.Recommend(pools, new CommitmentOptions()),
            SpotAdvisor.Recommend([BuildPool()], SpotPrices(usd), usd, new SpotOptions()).Recommendations,
            RightsizingAdvisor.Recommend([Api(usd)], new RightsizingOptions()),
            IdleAdvisor.Recommend(Enumerable.Range(0, 7).Select(d =>
                new IdleDay(new DateOnly(2026, 11, 1).AddDays(d), "prod", "batch", usd, 60m, 100m)), new IdleOptions()),
            ["=HYPERLINK(\"http://x\",\"y\") has no price: not judged."]);
    }

    /// <summary>A daily cycle of 16, 40 and 64 vCPU (times <paramref name="scale"/>) for 181 days.</summary>
    private static CommitmentPool Resource(string region, decimal scale, Currency currency) => new()
    {
        Key = PoolKey.ForResource(region, "N2", CommitmentResource.Vcpu), Currency = currency, Start = Start, Prices = N2,
        Hours = Enumerable.Range(0, 181 * 24).Select(h => scale * ((h % 24) switch { < 12 => 16m, < 20 => 40m, _ => 64m })).ToArray(),
    };

    private static NodePoolUsage BuildPool() => new()
    {
        Cluster = "ci", NodePool = "build", Environment = "staging", Region = "us-central1", MachineFamily = "E2",
        VcpuHours = 2 * 4 * 720m, MemoryGibHours = 2 * 16 * 720m, WindowHours = 720,
    };

    private static MachinePrice[] SpotPrices(Currency currency) =>
    [
        Price(MachineResource.Vcpu, PriceUsageType.OnDemand, 0.021811m, currency),
        Price(MachineResource.Vcpu, PriceUsageType.Preemptible, 0.006543m, currency),
        Price(MachineResource.RamGib, PriceUsageType.OnDemand, 0.002923m, currency),
        Price(MachineResource.RamGib, PriceUsageType.Preemptible, 0.000877m, currency),
    ];

    private static MachinePrice Price(MachineResource resource, PriceUsageType type, decimal amount, Currency currency) => new()
    {
        Region = "us-central1", MachineFamily = "E2", Resource = resource, UsageType = type, SkuId = $"E2-{resource}-{type}",
        SkuDescription = "", UsageUnit = resource == MachineResource.Vcpu ? "h" : "GiBy.h", Currency = currency,
        UnitPrice = amount, ConversionRate = 1m, UsdPerHour = amount,
    };

    /// <summary>200 hours of one pod requesting 1 core and 2 GiB, using 0.2 cores (0.5 in every 20th hour) and 300 MiB.</summary>
    private static WorkloadUsage Api(Currency currency) => new()
    {
        Cluster = "prod", Namespace = "shop", Workload = "Deployment/api", Environment = "production", Currency = currency,
        CpuPodRequest = 1m, MemoryPodRequest = 2048m * Mib, CpuPrice = 0.03m, MemoryPrice = 0.004m, WindowHours = 200,
        Hours = Enumerable.Range(0, 200).Select(h =>
            new WorkloadHour(Start.AddHours(h), 1m, h % 20 == 0 ? 0.5m : 0.2m, 2048m * Mib, 300m * Mib)).ToList(),
    };
}

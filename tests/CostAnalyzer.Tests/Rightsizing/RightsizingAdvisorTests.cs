using Costs.CostAnalyzer.Rightsizing;
using Costs.CostModel.Money;
using FsCheck;
using FsCheck.Fluent;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Rightsizing;

public class RightsizingAdvisorTests
{
    private const decimal Mib = 1_048_576m;
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 200 hours of one pod (or <paramref name="pods"/> of them) requesting <paramref name="cpu"/> cores and 2 GiB:
    /// CPU usage 0.2 cores a pod, and 0.5 in every 20th hour (5%); memory 300 MiB.
    /// </summary>
    private static WorkloadUsage Api(Func<int, decimal>? pods = null, decimal cpu = 1m) => new()
    {
        Cluster = "prod", Namespace = "shop", Workload = "Deployment/api", Environment = "production", Currency = Currency.Usd,
        CpuPodRequest = cpu, MemoryPodRequest = 2048m * Mib, CpuPrice = 0.03m, MemoryPrice = 0.004m, WindowHours = 200,
        Hours = Enumerable.Range(0, 200).Select(h =>
        {
            var n = pods?.Invoke(h) ?? 1m;
            return new WorkloadHour(Start.AddHours(h), n * cpu, n * (h % 20 == 0 ? 0.5m : 0.2m), n * 2048m * Mib, n * 300m * Mib);
        }).ToList(),
    };

    [Fact]
    public void Recommend_RequestFiveTimesP95_SetsP95PlusHeadroom()
    {
        var rows = RightsizingAdvisor.Recommend([Api()], new RightsizingOptions());

        var cpu = rows.Single(r => r.Resource == RequestResource.Cpu);
        // The 190th of 200 shares is 0.2: 0.2 × 1.2 = 0.24 cores. 200 core-hours × 0.76 × 0.03 × 730 ÷ 200 = 16.644.
        Assert.Equal((1m, 0.24m, 0.2m, 200, 16.64m), (cpu.CurrentRequest, cpu.RecommendedRequest, cpu.UsagePercentile, cpu.Hours, cpu.MonthlySavings));
        Assert.Equal("Deployment/api in shop (prod) requests 1 cores of CPU per pod, but used at most 0.2 cores in 95% of 200 hours: "
                     + "set the request to 0.24 cores (that plus 20%), saving about $16.64 a month.", cpu.Reason);
    }

    [Fact]
    public void Recommend_Memory_RoundsUpToAMebibyte()
    {
        var memory = RightsizingAdvisor.Recommend([Api()], new RightsizingOptions()).Single(r => r.Resource == RequestResource.Memory);

        // 300 MiB × 1.2 = 360 MiB; 200 × 2 GiB-hours × (1 − 360/2048) × 0.004 × 730 ÷ 200 = 4.8134
        Assert.Equal((360m * Mib, 4.81m), (memory.RecommendedRequest, memory.MonthlySavings));
        Assert.Contains("requests 2 GiB of memory per pod, but used at most 300 MiB", memory.Reason);
    }

    [Fact]
    public void Recommend_ReplicasComeAndGo_JudgedPerPod()
    {
        var scaled = RightsizingAdvisor.Recommend([Api(h => h < 100 ? 3m : 1m)], new RightsizingOptions())
            .Single(r => r.Resource == RequestResource.Cpu);

        // Same per-pod shares, twice the request-hours (400 core-hours): twice the saving.
        Assert.Equal((0.24m, 33.29m), (scaled.RecommendedRequest, scaled.MonthlySavings));
    }

    [Theory]
    [InlineData("0.28", 168)]   // 0.28 < 1.5 × 0.2: not well above
    [InlineData("1", 201)]      // fewer hours than the minimum
    public void Recommend_NotWellAboveOrTooFewHours_NothingForCpu(string request, int minimumHours)
    {
        var workload = Api(cpu: decimal.Parse(request, System.Globalization.CultureInfo.InvariantCulture));
        var rows = RightsizingAdvisor.Recommend([workload], new RightsizingOptions { MinimumHours = minimumHours });

        Assert.DoesNotContain(rows, r => r.Resource == RequestResource.Cpu);
    }

    [Fact]
    public void Recommend_AnyUsage_RecommendationBetweenUsagePlusHeadroomAndTheRequest()
    {
        var gen = from hours in Gen.Choose(168, 400)
                  from milli in Gen.ArrayOf(Gen.Choose(0, 4000), hours)
                  from request in Gen.Choose(1, 4000)
                  select (Usage: milli.Select(m => m / 1000m).ToArray(), Request: request / 1000m);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var workload = Api() with
            {
                CpuPodRequest = c.Request, WindowHours = c.Usage.Length,
                Hours = c.Usage.Select((u, h) => new WorkloadHour(Start.AddHours(h), c.Request, u, 0m, null)).ToList(),
            };
            var options = new RightsizingOptions();
            return RightsizingAdvisor.Recommend([workload], options).All(r =>
                r.RecommendedRequest >= r.UsagePercentile * (1m + options.Headroom) && r.RecommendedRequest < r.CurrentRequest
                && r.CurrentRequest >= options.WellAbove * r.UsagePercentile && r.MonthlySavings >= options.MinimumMonthlySavings);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Hours_PodHours_SummedPerWorkloadAndHourLeavingOutBarePods()
    {
        var pods = new[]
        {
            Pod("n1", "shop", "api-1", 0.5m, 0.1m, workload: "Deployment/api"),
            Pod("n2", "shop", "api-2", 0.5m, null, workload: "Deployment/api"),
            Pod("n1", "shop", "bare", 1m, 1m) with { Pod = Pod("n1", "shop", "bare", 1m, 1m).Pod with { Workload = null } },
        };

        var hours = RightsizingAdvisor.Hours(pods);

        var (key, list) = Assert.Single(hours);
        Assert.Equal(("prod", "shop", "Deployment/api"), key);
        Assert.Equal(new WorkloadHour(Hour10, 1m, 0.1m, 0m, null), Assert.Single(list));
    }

    [Fact]
    public void Validate_WellAboveNotAboveHeadroom_NamesIt()
    {
        var errors = new List<string>();
        new RightsizingOptions { Headroom = 0.6m, WellAbove = 1.5m }.Validate("Recommendations:Rightsizing", errors);

        Assert.Equal("Recommendations:Rightsizing:WellAbove: must be above 1 + Headroom (is 1.5).", Assert.Single(errors));
    }
}

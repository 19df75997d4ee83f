using Costs.CostAnalyzer.Idle;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostAnalyzer.Tests.Idle;

public class IdleAdvisorTests
{
    private static readonly DateOnly First = new(2026, 11, 1);

    private static IEnumerable<IdleDay> Week(decimal idle, decimal total, string? pool = "batch", int days = 7) =>
        Enumerable.Range(0, days).Select(d => new IdleDay(First.AddDays(d), "prod", pool, Currency.Usd, idle, total));

    [Fact]
    public void Recommend_IdleAboveHalfEveryDay_ReportedWithMonthlyIdle()
    {
        var r = Assert.Single(IdleAdvisor.Recommend(Week(60m, 100m), new IdleOptions()));

        // 420 idle over 168 hours × 730 = 1,825.00
        Assert.Equal((7, 0.6m, 0.6m, 420m, 1825m), (r.Days, r.IdleShare, r.LowestDailyShare, r.IdleNet, r.MonthlyIdle));
        Assert.StartsWith("Node pool batch of cluster prod paid for capacity that no workload used: 60% of its cost over 7 days (2026-11-01 to 2026-11-07)", r.Reason);
    }

    [Fact]
    public void Recommend_OneDayAtOrBelowTheThreshold_NotReported()
    {
        var days = Week(60m, 100m).Select(d => d.Day == First.AddDays(3) ? d with { IdleNet = 50m } : d);

        Assert.Empty(IdleAdvisor.Recommend(days, new IdleOptions()));
    }

    [Fact]
    public void Recommend_FewerDaysThanTheMinimum_NotReported() =>
        Assert.Empty(IdleAdvisor.Recommend(Week(90m, 100m, days: 6), new IdleOptions()));

    [Fact]
    public void Recommend_DaysWithoutCost_NotCounted()
    {
        var days = Week(60m, 100m, pool: null).Append(new IdleDay(First.AddDays(7), "prod", null, Currency.Usd, 0m, 0m));

        var r = Assert.Single(IdleAdvisor.Recommend(days, new IdleOptions()));
        Assert.Equal((7, (string?)null), (r.Days, r.NodePool));
        Assert.StartsWith("Cluster prod paid for", r.Reason);
    }

    [Fact]
    public void Recommend_AnyDays_ReportedExactlyWhenEveryCostedDayIsAboveTheThreshold()
    {
        // Idle shares from 45% to 100%, so that about half the windows of a week stay above 50%.
        var gen = from count in Gen.Choose(0, 12)
                  from shares in Gen.ArrayOf(from total in Gen.Choose(0, 100) from percent in Gen.Choose(45, 100) select (total, percent), count)
                  select shares;
        Prop.ForAll(gen.ToArbitrary(), shares =>
        {
            var days = shares.Select((s, i) => new IdleDay(First.AddDays(i), "prod", "batch", Currency.Usd, s.total * s.percent / 100m, s.total)).ToList();
            var costed = days.Where(d => d.TotalNet > 0m).ToList();
            var options = new IdleOptions { MinimumMonthlyIdle = 0m };
            var expected = costed.Count >= options.MinimumDays && costed.All(d => d.IdleNet / d.TotalNet > options.Threshold);
            return IdleAdvisor.Recommend(days, options).Count == (expected ? 1 : 0);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Days_AllocationRows_IdleAndTotalNetPerNodePool()
    {
        AllocationRow Row(CostKind kind, decimal cost, decimal credits, string? pool) => new()
        {
            Day = First, Currency = Currency.Usd, InvoiceMonth = new InvoiceMonth(2026, 11), Kind = kind,
            Dimensions = new Dimensions { Cluster = "prod", NodePool = pool }, Cost = cost, Credits = credits,
        };
        var rows = new[]
        {
            Row(CostKind.Idle, 6m, -1m, "batch"), Row(CostKind.Allocated, 4m, 0m, "batch"), Row(CostKind.Overhead, 1m, 0m, "batch"),
            Row(CostKind.Allocated, 9m, 0m, "web"),
            Row(CostKind.Allocated, 3m, 0m, null) with { Dimensions = new Dimensions() },
        };

        Assert.Equal(
            [new IdleDay(First, "prod", "batch", Currency.Usd, 5m, 10m), new IdleDay(First, "prod", "web", Currency.Usd, 0m, 9m)],
            IdleAdvisor.Days(rows, byNodePool: true));
        Assert.Equal([new IdleDay(First, "prod", null, Currency.Usd, 5m, 19m)], IdleAdvisor.Days(rows, byNodePool: false));
    }
}

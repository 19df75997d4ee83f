using Costs.CostApplication.CostInsights;
using Costs.CostModel.Allocation;

namespace Costs.CostApplication.Tests.CostInsights;

/// <summary>The pure figures on <see cref="InsightsRows"/>, checked against sums done by hand.</summary>
public sealed class CostInsightsFiguresTests
{
    private static readonly RepeatingInterval TwoByTwo = RepeatingInterval.Parse("R2/P2D/2026-10-05");
    private static readonly DateOnly LastComplete = new(2026, 10, 4);

    private static List<AllocationRow> Payments => InsightsRows.All.Where(r => r.Dimensions.Team == "payments").ToList();

    [Fact]
    public void DailyCost_Team_DaysChangeAndTrendByHand()
    {
        var cost = CostInsightsFigures.DailyCost("payments", Payments, TwoByTwo, LastComplete, []);

        Assert.Equal([12m, 12m, 4m, 8m], cost.Aggregation.Select(a => a.Amount));
        Assert.Equal(["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"], cost.Aggregation.Select(a => a.Date));
        // previous period 12 + 12 = 24, last 4 + 8 = 12: −12, ratio −0.5.
        Assert.Equal(new ChangeStatistic(-0.5d, -12m), cost.Change);
        // t = 0..3, y = 12, 12, 4, 8: slope = (4·44 − 6·36) / (4·14 − 6²) = −2 a day; first day (36 + 2·6) / 4 = 12.
        Assert.Equal(TrendlineFit.Of([(InsightsRows.First, 12m), (InsightsRows.First.AddDays(3), 6m)]), cost.Trendline);
        Assert.Null(cost.GroupedCosts);
    }

    [Fact]
    public void DailyCost_Breakdowns_EachAddsUpToTheAggregationDayByDay()
    {
        var cost = CostInsightsFigures.DailyCost("payments", Payments, TwoByTwo, LastComplete,
            [("product", GroupDimension.CloudService), ("service", GroupDimension.Service)]);

        var products = cost.GroupedCosts!["product"];
        Assert.Equal(["Compute Engine", "Cloud Storage"], products.Select(p => p.Id));
        Assert.Equal([10m, 12m, 4m, 8m], products[0].Aggregation.Select(a => a.Amount));
        Assert.Equal([2m, 0m, 0m, 0m], products[1].Aggregation.Select(a => a.Amount));
        Assert.Equal(new ChangeStatistic(-1d, -2m), products[1].Change); // 2 → 0
        foreach (var breakdown in cost.GroupedCosts.Values)
            for (var d = 0; d < cost.Aggregation.Count; d++)
                Assert.Equal(cost.Aggregation[d].Amount, breakdown.Sum(b => b.Aggregation[d].Amount));
    }

    [Fact]
    public void DailyCost_LastCompleteBeforeTheEnd_LaterDaysLeftOutNotZero()
    {
        var cost = CostInsightsFigures.DailyCost("payments", Payments, TwoByTwo, new DateOnly(2026, 10, 3), []);

        Assert.Equal([12m, 12m, 4m], cost.Aggregation.Select(a => a.Amount));
        Assert.Equal(new ChangeStatistic((double)(-20m / 24m), -20m), cost.Change);
    }

    [Fact]
    public void DailyCost_NoBillingYet_NoDays()
    {
        var cost = CostInsightsFigures.DailyCost("payments", Payments, TwoByTwo, null, []);

        Assert.Empty(cost.Aggregation);
        Assert.Equal(new ChangeStatistic(null, 0m), cost.Change);
    }

    [Fact]
    public void DailyCost_OnePeriod_NoChange()
    {
        var cost = CostInsightsFigures.DailyCost("payments", Payments, RepeatingInterval.Parse("R1/P4D/2026-10-05"), LastComplete, []);

        Assert.Equal(4, cost.Aggregation.Count);
        Assert.Null(cost.Change);
    }

    [Fact]
    public void ProductEntity_ComputeEngine_PreviousAndLastByServiceSkuEnvironment()
    {
        var rows = Payments.Where(r => r.Dimensions.CloudService == "Compute Engine").ToList();

        var entity = CostInsightsFigures.ProductEntity("computeEngine", rows, TwoByTwo, LastComplete);

        // previous: 10 + 12 = 22; last: 4 + 8 = 12.
        Assert.Equal([22m, 12m], entity.Aggregation);
        Assert.Equal(new ChangeStatistic((double)(-10m / 22m), -10m), entity.Change);
        var services = entity.Entities["service"];
        Assert.Equal(["checkout", "ledger"], services.Select(s => s.Id));
        Assert.Equal([22m, 8m], services[0].Aggregation);
        Assert.Equal([0m, 4m], services[1].Aggregation);
        Assert.Equal(new ChangeStatistic(null, 4m), services[1].Change);
        Assert.Equal(["development"], services[1].Entities["environment"].Select(e => e.Id));
        Assert.Equal(["Compute Engine core"], services[0].Entities["sku"].Select(e => e.Id));
    }

    [Fact]
    public void ProductEntity_UnallocatedRows_OneNullService()
    {
        var rows = InsightsRows.All.Where(r => r.Dimensions.Project == "p-prod" && r.Dimensions.CloudService == "Compute Engine").ToList();

        var entity = CostInsightsFigures.ProductEntity("computeEngine", rows, TwoByTwo, LastComplete);

        var unattributed = Assert.Single(entity.Entities["service"], s => s.Id is null);
        Assert.Equal([0m, 3m], unattributed.Aggregation);
        Assert.Equal(entity.Aggregation[1], entity.Entities["service"].Sum(s => s.Aggregation[1]));
    }

    [Fact]
    public void ProductEntity_OnePeriod_FormatException()
    {
        var ex = Assert.Throws<FormatException>(() =>
            CostInsightsFigures.ProductEntity("computeEngine", Payments, RepeatingInterval.Parse("R1/P4D/2026-10-05"), LastComplete));

        Assert.Contains("R2 or more", ex.Message, StringComparison.Ordinal);
    }
}

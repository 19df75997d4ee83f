using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostReports.Summary;
using Costs.CostReports.Tests.Workbook;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Tests.Summary;

public sealed class ReportFactsTests
{
    // As of 2026-11-10. Month to date: 2026-11-01..10; last month, same period: 2026-10-01..10.
    //
    // day         kind         service   cost    credits   net
    // 2026-10-03  allocated    a         110     -10       100   last month, same period
    // 2026-10-05  allocated    b          60       0        60   last month, same period
    // 2026-10-20  allocated    a          40       0        40   last month only
    // 2026-11-02  allocated    a         120       0       120   month to date
    // 2026-11-05  unallocated  -          50       0        50   month to date
    // 2026-11-06  allocated    b          35      -5        30   month to date
    // 2026-11-12  allocated    a         999       0       999   after "as of": in no period
    // 2026-11-02  allocated    a (EUR)    77       0        77   other currency: left out
    private static ReportInput Tiny()
    {
        static AllocationRow R(int month, int day, CostKind kind, string? service, decimal cost, decimal credits,
            string currency = "USD") =>
            SampleReport.Row(new DateOnly(2026, month, day), kind, service, "team", "production", cost, credits,
                currency: new Currency(currency));
        List<AllocationRow> rows =
        [
            R(10, 3, CostKind.Allocated, "a", 110m, -10m),
            R(10, 5, CostKind.Allocated, "b", 60m, 0m),
            R(10, 20, CostKind.Allocated, "a", 40m, 0m),
            R(11, 2, CostKind.Allocated, "a", 120m, 0m),
            R(11, 5, CostKind.Unallocated, null, 50m, 0m),
            R(11, 6, CostKind.Allocated, "b", 35m, -5m),
            R(11, 12, CostKind.Allocated, "a", 999m, 0m),
            R(11, 2, CostKind.Allocated, "a", 77m, 0m, "EUR"),
        ];
        return new ReportInput(rows, [], new DateOnly(2026, 11, 10), Currency.Usd, "tiny");
    }

    [Fact]
    public void Compute_TinyInput_ExactHeadlineFigures()
    {
        var facts = ReportFacts.Compute(Tiny());

        Assert.Equal(200m, facts.MonthToDate);
        Assert.Equal(160m, facts.LastMonthSamePeriod);
        Assert.Equal(200m, facts.LastMonthTotal);
        Assert.Equal(new Change(40m, 0.25m), facts.Change);
        Assert.Equal(25m, facts.Change.Percent);
        Assert.Equal(0.25m, facts.UnallocatedShare);
    }

    [Fact]
    public void Compute_TinyInput_TopServicesByMonthToDate()
    {
        var facts = ReportFacts.Compute(Tiny());

        Assert.Equal(
            [
                new ServiceFact("a", 120m, 100m, new Change(20m, 0.2m)),
                new ServiceFact(ReportLabels.Unallocated, 50m, 0m, new Change(50m, null)),
                new ServiceFact("b", 30m, 60m, new Change(-30m, -0.5m)),
            ],
            facts.TopServices);
    }

    [Fact]
    public void Compute_TinyInput_TopMoversBothDirectionsBiggestFirst()
    {
        var facts = ReportFacts.Compute(Tiny());

        Assert.Equal([ReportLabels.Unallocated, "b", "a"], facts.TopMovers.Select(m => m.Service));
        Assert.Equal([50m, -30m, 20m], facts.TopMovers.Select(m => m.Change.Amount));
    }

    [Fact]
    public void Compute_NothingLastMonth_PercentIsNull()
    {
        var facts = ReportFacts.Compute(Tiny() with { AsOf = new DateOnly(2026, 10, 10) });

        Assert.Equal(160m, facts.MonthToDate);
        Assert.Equal(0m, facts.LastMonthSamePeriod);
        Assert.Equal(new Change(160m, null), facts.Change);
        Assert.Equal(0m, facts.UnallocatedShare);
    }

    [Fact]
    public void Compute_NothingThisMonth_ChangeIsMinusOneHundredPercent()
    {
        var facts = ReportFacts.Compute(Tiny() with { AsOf = new DateOnly(2026, 12, 10) });

        Assert.Equal(0m, facts.MonthToDate);
        Assert.Equal(200m, facts.LastMonthSamePeriod);  // 2026-11-12 is after the 10th
        Assert.Equal(1199m, facts.LastMonthTotal);
        Assert.Null(facts.UnallocatedShare);
        Assert.Equal(new Change(-200m, -1m), facts.Change);
    }

    [Fact]
    public void Compute_EmptyInput_ZerosAndNulls()
    {
        var facts = ReportFacts.Compute(new ReportInput([], [], new DateOnly(2026, 11, 10), Currency.Usd, "empty"));

        Assert.Equal(0m, facts.MonthToDate);
        Assert.Equal(new Change(0m, null), facts.Change);
        Assert.Null(facts.Change.Percent);
        Assert.Empty(facts.TopServices);
        Assert.Empty(facts.TopMovers);
    }

    [Theory]
    [InlineData("2026-03-31", "2026-03-01", "2026-04-01", "2026-02-01", "2026-03-01")]
    [InlineData("2028-03-31", "2028-03-01", "2028-04-01", "2028-02-01", "2028-03-01")]
    [InlineData("2026-01-15", "2026-01-01", "2026-01-16", "2025-12-01", "2025-12-16")]
    [InlineData("2026-11-01", "2026-11-01", "2026-11-02", "2026-10-01", "2026-10-02")]
    public void For_AsOf_MonthToDateAndSameDaysOfLastMonth(string asOf, string mtdStart, string mtdEnd, string lastStart, string lastEnd)
    {
        var periods = ReportPeriods.For(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(mtdStart, System.Globalization.CultureInfo.InvariantCulture), periods.MonthToDate.Start);
        Assert.Equal(DateOnly.Parse(mtdEnd, System.Globalization.CultureInfo.InvariantCulture), periods.MonthToDate.EndExclusive);
        Assert.Equal(DateOnly.Parse(lastStart, System.Globalization.CultureInfo.InvariantCulture), periods.LastMonthSamePeriod.Start);
        Assert.Equal(DateOnly.Parse(lastEnd, System.Globalization.CultureInfo.InvariantCulture), periods.LastMonthSamePeriod.EndExclusive);
    }
}

using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using Costs.CostReports.Summary;
using Costs.CostReports.Tests.Workbook;
using Costs.CostReports.Workbook;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostReports.Tests.Summary;

public sealed class BreakdownsTests
{
    private static readonly Gen<AllocationRow> RowGen =
        from day in Gen.Choose(0, 75)
        from kind in Gen.Elements(CostKind.Allocated, CostKind.Allocated, CostKind.Unallocated, CostKind.Idle, CostKind.Overhead)
        from service in Gen.Elements<string?>("checkout", "search", "web", null, "=SUM(A1)")
        from team in Gen.Elements<string?>("payments", "discovery", null)
        from env in Gen.Elements<string?>("production", "staging", null)
        from units in Gen.Choose(-1_000_000, 1_000_000)
        from nanos in Gen.Choose(0, 999_999_999)
        from credits in Gen.Choose(-100_000, 0)
        from currency in Gen.Frequency((9, Gen.Constant("USD")), (1, Gen.Constant("EUR")))
        let d = new DateOnly(2026, 9, 1).AddDays(day)
        select new AllocationRow
        {
            Day = d,
            Currency = new Currency(currency),
            InvoiceMonth = InvoiceMonth.Of(d),
            Kind = kind,
            Dimensions = new Dimensions { Service = service, Team = team, Environment = env },
            Cost = units / 100m + nanos / 1_000_000_000m,
            Credits = credits / 1_000m,
        };

    private static readonly Arbitrary<List<AllocationRow>> Inputs = Gen.ListOf(RowGen).Select(l => l.ToList()).ToArbitrary();

    [Fact]
    public void By_RandomRows_ServiceNetSumsExactlyToTheRowsNet()
    {
        Prop.ForAll(Inputs, rows =>
        {
            var input = new ReportInput(rows, [], new DateOnly(2026, 10, 20), Currency.Usd, "p");
            var expected = rows.Where(r => r.Currency == Currency.Usd).Sum(r => r.Net);
            var lines = Breakdowns.By(input, ReportDimension.Service);
            return lines.Sum(l => l.Net) == expected && lines.Sum(l => l.Cost + l.Credits) == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void By_RandomRows_EveryDimensionAndTheDailyTableAgree()
    {
        Prop.ForAll(Inputs, rows =>
        {
            var input = new ReportInput(rows, [], new DateOnly(2026, 10, 20), Currency.Usd, "p");
            var expected = rows.Where(r => r.Currency == Currency.Usd).Sum(r => r.Net);
            var daily = DailyNets.Compute(input, maxSeries: 3);
            return Breakdowns.By(input, ReportDimension.Team).Sum(l => l.Net) == expected
                && Breakdowns.By(input, ReportDimension.Environment).Sum(l => l.Net) == expected
                && daily.Totals.Sum() == expected
                && daily.Series.Count <= 3
                && daily.Net.All(day => day.Count == daily.Series.Count);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void By_RandomRows_MonthToDateMatchesReportFacts()
    {
        Prop.ForAll(Inputs, rows =>
        {
            var input = new ReportInput(rows, [], new DateOnly(2026, 10, 20), Currency.Usd, "p");
            return Breakdowns.By(input, ReportDimension.Service).Sum(l => l.MonthToDate) == ReportFacts.Compute(input).MonthToDate
                && Breakdowns.By(input, ReportDimension.Service).Sum(l => l.LastMonth) == ReportFacts.Compute(input).LastMonthTotal;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void By_SampleInput_KindsAndMissingValuesHaveTheirOwnLabels()
    {
        var lines = Breakdowns.By(SampleReport.Input(), ReportDimension.Service).Select(l => l.Name).ToList();

        Assert.Contains(ReportLabels.Unallocated, lines);
        Assert.Contains(ReportLabels.Idle, lines);
        Assert.Contains(ReportLabels.Overhead, lines);
        Assert.Contains(ReportLabels.NotSet, lines);
        Assert.Equal("checkout", lines[0]);
    }

    [Fact]
    public void Compute_SampleInput_UnallocatedNamesTheMissingLabels()
    {
        var line = Assert.Single(UnallocatedBreakdown.Compute(SampleReport.Input()));

        Assert.Equal(("acme-data", "missing labels: " + SampleReport.MissingText), (line.Project, line.Why));
        Assert.Equal(8 * 3.333m, line.Net);        // days 5, 10, ... 30 of October and 5, 10 of November
        Assert.Equal(2 * 3.333m, line.MonthToDate);
        Assert.Equal(1m, line.Share);
    }

    [Fact]
    public void Compute_NodeLineNotSampled_SaysTheClusterWasNotSampledNotThatLabelsAreMissing()
    {
        var day = new DateOnly(2026, 11, 3);
        var notSampled = SampleReport.Row(day, CostKind.Unallocated, null, null, null, 2m, 0m) with { Rule = "node-split: cluster not sampled that hour" };
        var input = SampleReport.Input() with { Allocations = [notSampled] };

        var line = Assert.Single(UnallocatedBreakdown.Compute(input));

        Assert.Equal("node-split: cluster not sampled that hour", line.Why);
        Assert.DoesNotContain("missing", line.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void By_ServiceWithSharedCost_SharedNetIsItsOwnFigure()
    {
        var day = new DateOnly(2026, 11, 3);
        var own = SampleReport.Row(day, CostKind.Allocated, "web", "shop", "production", 6m, 0m);
        var shared = own with { Cost = 1.2m, Rule = "shared from namespace monitoring by weighted, cluster gke-production" };
        var input = SampleReport.Input() with { Allocations = [own, shared] };

        var web = Assert.Single(Breakdowns.By(input, ReportDimension.Service));

        Assert.Equal(("web", 7.2m, 1.2m), (web.Name, web.Net, web.SharedNet));
        Assert.True(shared.Shared);
        Assert.False(own.Shared);
    }

    [Fact]
    public void By_ServiceWithFixedAmount_FixedNetApartAndNeverInNet()
    {
        var day = new DateOnly(2026, 11, 3);
        var own = SampleReport.Row(day, CostKind.Allocated, "web", "shop", "production", 6m, 0m);
        var labelShare = own with { Cost = 0.5m, Rule = "shared from platform by even, organisation" };
        var support = own with { Kind = CostKind.Fixed, Cost = 25m, Rule = "fixed amount support: 3000 USD a month by even, organisation" };
        var onlyFixed = support with { Dimensions = support.Dimensions with { Service = "api" } };
        var input = SampleReport.Input() with { Allocations = [own, labelShare], FixedShares = [support, onlyFixed] };

        var lines = Breakdowns.By(input, ReportDimension.Service);

        var web = lines.Single(l => l.Name == "web");
        Assert.Equal((6.5m, 0.5m, 25m), (web.Net, web.SharedNet, web.FixedNet));
        var api = lines.Single(l => l.Name == "api");
        Assert.Equal((0m, 25m), (api.Net, api.FixedNet));
        Assert.Equal(6.5m, lines.Sum(l => l.Net));
    }
}

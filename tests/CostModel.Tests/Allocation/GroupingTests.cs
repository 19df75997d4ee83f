using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using FsCheck;
using FsCheck.Fluent;

namespace Costs.CostModel.Tests.Allocation;

public class GroupingTests
{
    private static readonly Gen<AllocationRow> RowGen =
        from day in Gen.Choose(1, 28)
        from service in Gen.Elements<string?>("a", "b", "c", null)
        from env in Gen.Elements<string?>("production", "staging", null)
        from cost in Gen.Choose(0, 1_000_000)
        from credit in Gen.Choose(-100_000, 0)
        select new AllocationRow
        {
            Day = new DateOnly(2026, 10, day),
            Currency = Currency.Usd,
            InvoiceMonth = new InvoiceMonth(2026, 10),
            Kind = service is null ? CostKind.Unallocated : CostKind.Allocated,
            Dimensions = new Dimensions { Service = service, Environment = env },
            Cost = cost / 1_000_000m,
            Credits = credit / 1_000_000m,
        };

    [Fact]
    public void GroupBy_AnyRowsAnyDimensions_GroupsSumToTheTotal()
    {
        var dims = Gen.SubListOf(new[] { GroupDimension.Service, GroupDimension.Environment, GroupDimension.Day, GroupDimension.Kind });
        Prop.ForAll(Gen.ListOf(RowGen).ToArbitrary(), dims.ToArbitrary(), (rows, by) =>
        {
            var groups = Grouping.GroupBy(rows, by.ToList());
            var sum = groups.Aggregate(default(CostTotals), (t, g) => t + g.Totals);
            return sum == Grouping.Total(rows);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void GroupBy_ThenRegroup_EqualsGroupingOnce()
    {
        // aggregate-then-sum = sum-then-aggregate: grouping by (service, env) then summing per service
        // gives exactly the grouping by service.
        Prop.ForAll(Gen.ListOf(RowGen).ToArbitrary(), rows =>
        {
            var fine = Grouping.GroupBy(rows, [GroupDimension.Service, GroupDimension.Environment]);
            var coarse = Grouping.GroupBy(rows, [GroupDimension.Service]).ToDictionary(g => g.Values[0] ?? "\0", g => g.Totals);
            var regrouped = fine.GroupBy(g => g.Values[0] ?? "\0")
                .ToDictionary(g => g.Key, g => g.Aggregate(default(CostTotals), (t, x) => t + x.Totals));
            return coarse.Count == regrouped.Count && coarse.All(kv => regrouped[kv.Key] == kv.Value);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ValueOf_IdleOverheadUnallocated_NamedByKindInServiceTeamAndEnvironment()
    {
        var dims = new Dimensions { Service = "kube-dns", Team = "platform", Environment = "production", Cluster = "prod" };
        var row = new AllocationRow
        {
            Day = new DateOnly(2026, 10, 1), Currency = Currency.Usd, InvoiceMonth = new InvoiceMonth(2026, 10),
            Kind = CostKind.Overhead, Dimensions = dims, Cost = 1m, Credits = 0m,
        };

        Assert.Equal(KindLabels.Overhead, row.ValueOf(GroupDimension.Service));
        Assert.Equal(KindLabels.Overhead, row.ValueOf(GroupDimension.Team));
        Assert.Equal(KindLabels.Overhead, row.ValueOf(GroupDimension.Environment));
        Assert.Equal("prod", row.ValueOf(GroupDimension.Cluster));
        Assert.Equal(KindLabels.Idle, (row with { Kind = CostKind.Idle }).ValueOf(GroupDimension.Service));
        Assert.Equal("kube-dns", (row with { Kind = CostKind.Allocated }).ValueOf(GroupDimension.Service));
    }

    [Fact]
    public void Parse_UnknownDimension_NamesTheChoices()
    {
        var ex = Assert.Throws<FormatException>(() => GroupDimensions.Parse("colour"));
        Assert.Contains("cloud-service", ex.Message);
    }
}

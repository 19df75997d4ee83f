using Costs.CostAnalyzer.Allocation;
using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using FsCheck;
using FsCheck.Fluent;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Allocation;

public class SplitRollupTests
{
    private static readonly Attributor Rules = new(new AttributionOptions());

    //  cluster prod, node n1 (4 cores, all allocatable), the vCPU line of two hours, 4.00 and 2.00
    //  pod   namespace  request  → 10:00   11:00   one row of the day
    //  web   shop       1          1.00    0.50    1.50
    //  (idle)           3          3.00    1.50    4.50
    [Fact]
    public void Rows_OnePodTwoHours_OneRowWithTheirSums()
    {
        var hour11 = Hour10.AddHours(1);
        var split = NodeCostSplit.Split([Cost("n1", 4m), Cost("n1", 2m) with { Hour = hour11 }],
            [Node("n1", 4m, 4m), Node("n1", 4m, 4m) with { Hour = hour11 }],
            [Pod("n1", "shop", "web", 1m, null), Pod("n1", "shop", "web", 1m, null) with { Hour = hour11 }], new ClusterSplitOptions());

        var rows = ClusterShares.ToRows(split, Rules).ToList();

        Assert.Equal(4, split.Shares.Count);
        Assert.Equal([(CostKind.Allocated, 1.5m), (CostKind.Idle, 4.5m)], rows.Select(r => (r.Kind, r.Cost)));
    }

    [Fact]
    public void Rows_SumThatWouldRound_KeepsTheSharesApartAndTheAllocatorReportsIt()
    {
        var source = Cost("n1", 0m);
        var pod = Pod("n1", "shop", "web", 1m, null).Pod;
        var rollup = new SplitRollup(Rules);
        rollup.Add(Share(source, pod, 1_000_000_000_000_000_000_000m));
        rollup.Add(Share(source, pod, 0.123456789m));   // 1e21 + 0.123456789 needs 31 significant digits

        var rows = rollup.Rows().ToList();
        var allocator = new BillingAllocator(Rules);
        foreach (var row in rows) allocator.AddShare(row);

        Assert.Equal(2, rows.Count);
        Assert.Equal([source.Day], allocator.Build().RoundedDays);
    }

    [Fact]
    public void Rows_EqualPodsOfTwoInstances_OneRow()
    {
        var source = Cost("n1", 0m);
        var first = Pod("n1", "shop", "web", 1m, null).Pod;
        var rollup = new SplitRollup(Rules);
        rollup.Add(Share(source, first, 1m));
        rollup.Add(Share(source, first with { }, 2m));

        var row = Assert.Single(rollup.Rows());
        Assert.Equal(3m, row.Cost);
    }

    /// <summary>
    /// Adding shares up into rows changes no figure: for any split of a few pods over a few hours, the allocator's
    /// rows from the rolled-up rows equal those from one row per share (what the analysis did before).
    /// </summary>
    [Fact]
    public void Rows_AnySplit_AllocateAsShareByShare() =>
        Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var hours = Enumerable.Range(0, 1 + random.Next(4)).Select(h => Hour10.AddHours(h)).ToList();
            var names = new[] { "web", "api", "dns" };
            var pods = hours.SelectMany(h => names.Take(1 + random.Next(3)).Select(n =>
                Pod("n1", n == "dns" ? "kube-system" : "shop", n, random.Next(1, 2000) / 1000m, null) with { Hour = h })).ToList();
            var costs = hours.Select(h => Cost("n1", random.Next(1, 1_000_000) / 1_000_000m, -random.Next(0, 1000) / 10_000m) with { Hour = h }).ToList();
            var split = NodeCostSplit.Split(costs, hours.Select(h => Node("n1", 4m, 3.5m) with { Hour = h }), pods, new ClusterSplitOptions());

            var rolled = new BillingAllocator(Rules);
            foreach (var row in ClusterShares.ToRows(split, Rules)) rolled.AddShare(row);
            var shareByShare = new BillingAllocator(Rules);
            foreach (var share in split.Shares)
            {
                var one = new SplitRollup(Rules);
                one.Add(share);
                foreach (var row in one.Rows()) shareByShare.AddShare(row);
            }
            // Equal as records, and to the last written digit (a decimal's scale shows in its text).
            static IEnumerable<(AllocationRow, string)> Exact(AllocationResult r) =>
                r.Rows.Select(x => (x, FormattableString.Invariant($"{x.Cost}|{x.Credits}")));
            return Exact(rolled.Build()).SequenceEqual(Exact(shareByShare.Build()));
        }).QuickCheckThrowOnFailure();

    private static PodCostShare Share(NodeHourCost source, PodRef pod, decimal cost) =>
        new() { Source = source, Kind = CostKind.Allocated, Pod = pod, Cost = cost, Credits = 0m };
}

using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Clusters;
using FsCheck;
using FsCheck.Fluent;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Clusters;

public class NodeCostSplitTests
{
    // cluster prod, node n1, 10:00-11:00, vCPU line: cost 4.00, credits -1.00 (sustained use)
    // capacity 4 cores, allocatable 3.5 (so 0.5 reserved by the kubelet = overhead)
    //
    // | pod       | namespace   | request | usage | weight | kind      | cost | credits |
    // |-----------|-------------|---------|-------|--------|-----------|------|---------|
    // | api-1     | shop        | 1.0     | 0.5   | 1.0    | Allocated | 1.00 | -0.25   |
    // | worker-1  | shop        | 0.5     | 1.0   | 1.0    | Allocated | 1.00 | -0.25   |
    // | fluentbit | kube-system | 0.5     | 0.1   | 0.5    | Overhead  | 0.50 | -0.125  |
    // | reserved  |             |         |       | 0.5    | Overhead  | 0.50 | -0.125  |
    // | idle      |             |         |       | 1.0    | Idle      | 1.00 | -0.25   |
    //                                                 total 4.0         4.00   -1.00
    private static readonly NodeHour N1 = Node("n1", cpuCapacity: 4m, cpuAllocatable: 3.5m);
    private static readonly PodHourWeight[] N1Pods =
    [
        Pod("n1", "shop", "api-1", 1.0m, 0.5m),
        Pod("n1", "shop", "worker-1", 0.5m, 1.0m),
        Pod("n1", "kube-system", "fluentbit", 0.5m, 0.1m, workload: "DaemonSet/fluentbit"),
    ];

    [Fact]
    public void Split_DrawnTable_SharesAsDrawn()
    {
        var result = NodeCostSplit.Split([Cost("n1", 4.00m, -1.00m)], [N1], N1Pods, new ClusterSplitOptions());

        var rows = result.Shares.Select(s => (s.Pod?.Pod ?? (s.Kind == CostKind.Idle ? "idle" : "reserved"), s.Kind, s.Cost, s.Credits)).ToList();
        Assert.Equal(
        [
            ("fluentbit", CostKind.Overhead, 0.50m, -0.125m),
            ("api-1", CostKind.Allocated, 1.00m, -0.25m),
            ("worker-1", CostKind.Allocated, 1.00m, -0.25m),
            ("reserved", CostKind.Overhead, 0.50m, -0.125m),
            ("idle", CostKind.Idle, 1.00m, -0.25m),
        ], rows);
        var idle = Assert.Single(result.Idle);
        Assert.Equal((4m, 0.5m, 2.5m, 1.0m, 1.00m, -0.25m), (idle.Capacity, idle.Reserved, idle.Used, idle.Idle, idle.IdleCost, idle.IdleCredits));
        Assert.Empty(result.Unmatched);
    }

    [Fact]
    public void Split_IdleAndOverheadSpread_AllOnWorkloadsByWeight()
    {
        var options = new ClusterSplitOptions { Idle = ShareMode.Spread, Overhead = ShareMode.Spread };
        var result = NodeCostSplit.Split([Cost("n1", 4.00m, -1.00m)], [N1], N1Pods, options);

        // Idle 1.00 spread over weights 1 : 1 : 0.5 → 0.4, 0.4, 0.2; then overhead (0.5 + 0.2 + 0.5 = 1.2)
        // over the workloads 1 : 1 → 0.6 each. api-1 = 1.00 + 0.40 + 0.60 = 2.00.
        Assert.All(result.Shares, s => Assert.Equal(CostKind.Allocated, s.Kind));
        Assert.Equal([2.00m, 2.00m], result.Shares.Select(s => s.Cost));
        Assert.Equal([-0.50m, -0.50m], result.Shares.Select(s => s.Credits));
        Assert.Equal([0.40m, 0.40m], result.Shares.Select(s => s.IdleIncluded));
        Assert.Equal([0.60m, 0.60m], result.Shares.Select(s => s.OverheadIncluded));
        // Idle is still reported per node, even when spread.
        Assert.Equal(1.00m, Assert.Single(result.Idle).IdleCost);
        Assert.True(result.Idle[0].Spread);
    }

    // Edges. node capacity / allocatable, pods as "ns:request:usage", expected (kind → cost) for a cost of 10.
    [Theory]
    [InlineData("no pods: reserved is overhead, the rest idle", 4, 4, "", ShareMode.Separate, "Idle=10")]
    [InlineData("no pods, kubelet reserves a quarter", 4, 3, "", ShareMode.Separate, "Idle=7.5;Overhead=2.5")]
    [InlineData("pods over capacity: no idle, split by weight", 2, 2, "shop:2:3;shop:1:1", ShareMode.Separate, "Allocated=10")]
    [InlineData("exactly full: no idle", 2, 2, "shop:1:0.5;web:1:1", ShareMode.Separate, "Allocated=10")]
    [InlineData("system namespace separate", 4, 4, "shop:2:1;kube-system:2:1", ShareMode.Separate, "Allocated=5;Overhead=5")]
    [InlineData("system namespace spread", 4, 4, "shop:2:1;kube-system:2:1", ShareMode.Spread, "Allocated=10")]
    [InlineData("gke-* prefix is system", 4, 4, "gke-managed-cim:4:1", ShareMode.Separate, "Overhead=10")]
    [InlineData("only system pods, spread has no one to go to", 4, 4, "kube-system:4:1", ShareMode.Spread, "Overhead=10")]
    [InlineData("usage above request weighs usage", 4, 4, "shop:1:3;web:1:0", ShareMode.Separate, "Allocated=10")]
    public void Split_Edges_KindTotals(string why, double capacity, double allocatable, string pods, ShareMode overhead, string expected)
    {
        var node = Node("n1", (decimal)capacity, (decimal)allocatable);
        var weights = pods.Split(';', StringSplitOptions.RemoveEmptyEntries).Select((p, i) =>
        {
            var f = p.Split(':');
            return Pod("n1", f[0], $"pod-{i}", decimal.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
        var result = NodeCostSplit.Split([Cost("n1", 10m)], [node], weights, new ClusterSplitOptions { Overhead = overhead });

        var totals = string.Join(";", result.Shares.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Sum(s => s.Cost):0.##}"));
        Assert.True(expected == totals, $"{why}: expected {expected}, got {totals}");
        Assert.Equal(10m, result.Shares.Sum(s => s.Cost));
    }

    [Fact]
    public void Split_OverCapacity_SplitByWeightAlone()
    {
        // 2 cores; pods weigh 3 (usage) and 1: 3/4 and 1/4 of 10.
        var result = NodeCostSplit.Split([Cost("n1", 10m)], [Node("n1", 2m, 2m)],
            [Pod("n1", "shop", "a", 2m, 3m), Pod("n1", "shop", "b", 1m, 1m)], new ClusterSplitOptions());
        Assert.Equal([7.5m, 2.5m], result.Shares.Select(s => s.Cost));
        Assert.Equal(0m, result.Idle[0].Idle);
    }

    [Fact]
    public void Split_SpotNode_SameRulesOnTheCheaperCost()
    {
        // A spot node costs less; the split does not care: half the node used, half idle.
        var spot = Node("spot-1", 2m, 2m, spot: true, pool: "spot-pool");
        var result = NodeCostSplit.Split([Cost("spot-1", 0.004438m)], [spot], [Pod("spot-1", "staging", "api", 1m, 0.2m)],
            new ClusterSplitOptions());
        Assert.Equal([0.002219m, 0.002219m], result.Shares.Select(s => s.Cost));
        Assert.Equal([CostKind.Allocated, CostKind.Idle], result.Shares.Select(s => s.Kind));
    }

    [Fact]
    public void Split_NoSampleForTheHour_Unmatched()
    {
        var result = NodeCostSplit.Split([Cost("n9", 1m)], [N1], N1Pods, new ClusterSplitOptions());
        Assert.Empty(result.Shares);
        Assert.Equal("n9", Assert.Single(result.Unmatched).Node);
    }

    [Fact]
    public void Split_SameNamespaceInTwoClusters_NeverMerged()
    {
        var nodes = new[] { Node("n1", 2m, 2m, cluster: "prod-eu"), Node("n1", 2m, 2m, cluster: "prod-us") };
        var pods = new[] { Pod("n1", "shop", "api", 2m, null, cluster: "prod-eu"), Pod("n1", "shop", "api", 1m, null, cluster: "prod-us") };
        var result = NodeCostSplit.Split([Cost("n1", 6m, cluster: "prod-eu"), Cost("n1", 6m, cluster: "prod-us")], nodes, pods,
            new ClusterSplitOptions());
        var allocated = result.Shares.Where(s => s.Kind == CostKind.Allocated).Select(s => (s.Pod!.Cluster, s.Cost)).ToList();
        Assert.Equal([("prod-eu", 6m), ("prod-us", 3m)], allocated);
    }

    [Fact]
    public void Split_AnyInput_ConservesCostAndCreditsPerLineExactly()
    {
        var pod = from ns in Gen.Elements("shop", "web", "kube-system", "gke-gmp")
                  from request in Gen.Choose(0, 4000)
                  from usage in Gen.Choose(-1, 5000)
                  select (ns, request, usage);
        var scenario = from capacity in Gen.Choose(0, 8000)
                       from reserved in Gen.Choose(0, 1000)
                       from pods in Gen.ListOf(pod)
                       from cents in Gen.Choose(-5_000_000, 50_000_000)
                       from places in Gen.Choose(0, 12)
                       from creditShare in Gen.Choose(0, 100)
                       from idle in Gen.Elements(ShareMode.Separate, ShareMode.Spread)
                       from overhead in Gen.Elements(ShareMode.Separate, ShareMode.Spread)
                       select (capacity, reserved, pods, cents, places, creditShare, idle, overhead);

        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var cost = s.cents / Pow10(s.places);
            var credits = -Math.Round(cost * s.creditShare / 100m, 9);
            var node = Node("n1", s.capacity / 1000m, Math.Max(0, s.capacity - s.reserved) / 1000m);
            var weights = s.pods.Select((p, i) => Pod("n1", p.ns, $"p{i}", p.request / 1000m, p.usage < 0 ? null : p.usage / 1000m)).ToList();
            var options = new ClusterSplitOptions { Idle = s.idle, Overhead = s.overhead };
            var result = NodeCostSplit.Split([Cost("n1", cost, credits)], [node], weights, options);
            return result.Shares.Sum(x => x.Cost) == cost
                && result.Shares.Sum(x => x.Credits) == credits
                && (s.idle == ShareMode.Spread || result.Shares.Where(x => x.Kind == CostKind.Idle).Sum(x => x.Cost) == result.Idle[0].IdleCost);
        }).QuickCheckThrowOnFailure();
    }

    private static decimal Pow10(int places)
    {
        var p = 1m;
        for (var i = 0; i < places; i++) p *= 10m;
        return p;
    }

    /// <summary>The pods of a node-hour are taken in name order whatever order they come in (runs of one node-hour, or mixed).</summary>
    [Fact]
    public void Split_PodsInAnyOrder_SameShares() =>
        Prop.ForAll(Gen.Choose(1, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var pods = new[] { ("n1", "b", "x"), ("n1", "a", "y"), ("n2", "a", "x"), ("n1", "a", "x"), ("n2", "kube-system", "dns") }
                .Select(p => Pod(p.Item1, p.Item2, p.Item3, random.Next(1, 1000) / 1000m, null)).ToList();
            var shuffled = pods.OrderBy(_ => random.Next()).ToList();
            NodeHourCost[] costs = [Cost("n1", random.Next(1, 100_000) / 1000m), Cost("n2", random.Next(1, 100_000) / 1000m)];
            NodeHour[] nodes = [Node("n1", 4m, 3.5m), Node("n2", 2m, 2m)];
            var ordered = NodeCostSplit.Split(costs, nodes, pods.OrderBy(p => p.Node).ThenBy(p => p.Pod.Namespace).ThenBy(p => p.Pod.Pod), new ClusterSplitOptions());
            var mixed = NodeCostSplit.Split(costs, nodes, shuffled, new ClusterSplitOptions());
            return ordered.Shares.SequenceEqual(mixed.Shares);
        }).QuickCheckThrowOnFailure();
}

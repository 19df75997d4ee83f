using Costs.CostAnalyzer.Allocation;
using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Allocation;

public class ClusterSharesTests
{
    private static readonly Attributor Rules = new(new AttributionOptions
    {
        ClusterEnvironments = [new() { Pattern = "prod", Environment = "production" }],
        ServiceOwners = new() { ["web"] = "storefront" },
    });

    //  cluster prod, node n1: capacity 4 cores, allocatable 3.5, one hour of vCPU costs 4.00 with -1.00 credits
    //  pod          namespace    request  usage   → kind
    //  web          shop         1        0.5       allocated, service web (label app), team storefront (owner map)
    //  bare         default      0.5      -         unallocated (no labels, no workload: it names no service)
    //  dns          kube-system  0.5      -         overhead
    //  (reserved)                0.5                overhead, no pod
    //  (idle)                    1.5                idle
    [Fact]
    public void ToRows_NodeHour_KindsAndAttributionAsDrawn()
    {
        var n1 = Node("n1", 4m, 3.5m);
        var pods = new[]
        {
            Pod("n1", "shop", "web", 1m, 0.5m),
            Pod("n1", "default", "bare", 0.5m, null) with { Pod = new PodRef("prod", "default", "bare", "uid-bare", null, Labels.Empty) },
            Pod("n1", "kube-system", "dns", 0.5m, null),
        };
        var split = NodeCostSplit.Split([Cost("n1", 4m, -1m)], [n1], pods, new ClusterSplitOptions());

        var rows = ClusterShares.ToRows(split, Rules).ToList();

        Assert.Equal(4m, rows.Sum(r => r.Cost));
        Assert.Equal(-1m, rows.Sum(r => r.Credits));
        var web = rows.Single(r => r.Dimensions.Service == "web");
        Assert.Equal((CostKind.Allocated, "storefront", "production", "shop", "Deployment/web", "default-pool"),
            (web.Kind, web.Dimensions.Team, web.Dimensions.Environment, web.Dimensions.Namespace, web.Dimensions.Workload, web.Dimensions.NodePool));
        Assert.Equal(1m, web.Cost);
        Assert.StartsWith("node-split; service=label:app", web.Rule);
        var bare = rows.Single(r => r.Dimensions.Namespace == "default");
        Assert.Equal(CostKind.Unallocated, bare.Kind);
        Assert.Contains("service:", bare.Missing);
        Assert.Equal(1.5m, rows.Where(r => r.Kind == CostKind.Idle).Sum(r => r.Cost));
        Assert.Equal(1m, rows.Where(r => r.Kind == CostKind.Overhead).Sum(r => r.Cost));
        Assert.All(rows.Where(r => r.Kind == CostKind.Idle), r => Assert.Equal("production", r.Dimensions.Environment));
        Assert.All(rows, r => Assert.Equal(("prod", "default-pool", "n1"), (r.Dimensions.Cluster, r.Dimensions.NodePool, r.Dimensions.Node)));
    }

    [Fact]
    public void ToRows_PodWithoutServiceLabel_TakesItsWorkloadName()
    {
        var pod = Pod("n1", "shop", "x", 2m, 1m) with { Pod = new PodRef("prod", "shop", "api-7d9f-abcde", "u1", "Deployment/api", Labels.Empty) };
        var split = NodeCostSplit.Split([Cost("n1", 2m)], [Node("n1", 2m, 2m)], [pod], new ClusterSplitOptions());
        var row = Assert.Single(ClusterShares.ToRows(split, Rules));
        Assert.Equal(("api", CostKind.Allocated), (row.Dimensions.Service, row.Kind));
        Assert.Contains("service=workload", row.Rule);
    }

    [Fact]
    public void ToRows_NodeNotSampledThatHour_IsUnallocatedAndSaysWhy()
    {
        var split = NodeCostSplit.Split([Cost("n9", 3m)], [Node("n1", 2m, 2m)], [], new ClusterSplitOptions());
        var row = Assert.Single(ClusterShares.ToRows(split, Rules));
        Assert.Equal(CostKind.Unallocated, row.Kind);
        Assert.Equal(ClusterShares.NotSampledRule, row.Rule);
        Assert.Empty(row.Missing);   // no label is missing: nothing is known of what ran on the node then
        Assert.Equal(ClusterShares.NotSampledRule, KindLabels.WhyUnallocated(row));
    }

    [Fact]
    public void Efficiency_Workload_UsageOverRequestAndUnusedCost()
    {
        var split = NodeCostSplit.Split([Cost("n1", 4m)], [Node("n1", 4m, 4m)], [Pod("n1", "shop", "web", 2m, 0.5m)], new ClusterSplitOptions());
        var e = Assert.Single(ClusterShares.Efficiency([Pod("n1", "shop", "web", 2m, 0.5m)], split, Rules));
        Assert.Equal(("prod", "shop", "Deployment/web", "web", "storefront"), (e.Cluster, e.Namespace, e.Workload, e.Service, e.Team));
        Assert.Equal(0.25m, e.CpuEfficiency);
        Assert.Equal(2m, e.Net);          // half the node's 4.00: the pod weighs 2 of 4 cores
        Assert.Equal(1.5m, e.UnusedNet);  // 2.00 × (2 − 0.5) / 2
    }
}

using Costs.CostAnalyzer.Clusters;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Clusters;

public class ClusterReportsTests
{
    // node n1 (4 cores, pool a) cost 8, node n2 (2 cores, pool b) cost 4, one hour.
    // | node | pod      | request | usage | weight | cost |
    // | n1   | shop/api | 2       | 0.5   | 2      | 4    |   idle n1: 2 cores = 4
    // | n2   | shop/web | 1       | 1     | 1      | 2    |   idle n2: 1 core  = 2
    [Fact]
    public void IdleAndEfficiency_TwoNodes_RolledUp()
    {
        var nodes = new[] { Node("n1", 4m, 4m, pool: "a"), Node("n2", 2m, 2m, pool: "b") };
        var pods = new[] { Pod("n1", "shop", "api", 2m, 0.5m), Pod("n2", "shop", "web", 1m, 1m) };
        var costs = new[] { Cost("n1", 8m), Cost("n2", 4m) with { NodePool = "b" } };
        var result = NodeCostSplit.Split(costs, nodes, pods, new ClusterSplitOptions());

        Assert.Equal([("n1", 4m), ("n2", 2m)], ClusterReports.IdleByNode(result.Idle).Select(i => (i.Node!, i.Cost)).OrderBy(x => x.Item1));
        Assert.Equal(["default-pool", "b"], ClusterReports.IdleByNodePool(result.Idle).Select(i => i.NodePool).OrderDescending());
        var cluster = Assert.Single(ClusterReports.IdleByCluster(result.Idle));
        Assert.Equal((6m, 0.5m), (cluster.Cost, cluster.Share));

        var efficiency = Assert.Single(ClusterReports.Efficiency(pods, result.Shares, p => $"{p.Cluster}/{p.Namespace}", StringComparer.Ordinal));
        Assert.Equal("prod/shop", efficiency.Key);
        Assert.Equal(1.5m / 3m, efficiency.CpuEfficiency);
        Assert.Equal(6m, efficiency.Net);
        Assert.Equal(3m, efficiency.UnusedNet); // api requested 2, used 0.5: 3/4 of its 4
    }
}

using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Clusters;

/// <summary>
/// A sampled cluster takes the name its nodes' billing lines carry in goog-k8s-cluster-name.
///   sample "prod" → node n1 (instance n1, acme-prod) → its Core line says goog-k8s-cluster-name=prod-eu-1
///   sample "staging" → node s1 → its line says staging (already its name)
/// </summary>
public class ClusterIdentityTests
{
    private static BillingLine Line(string instance, string? clusterLabel, string project = "acme-prod") => new()
    {
        BillingAccountId = "01A2B3-C4D5E6-F7G8H9",
        UsageStart = Hour10, UsageEnd = Hour10.AddHours(1),
        InvoiceMonth = new InvoiceMonth(2026, 11), Currency = Currency.Usd, Cost = 0.021811m,
        ProjectId = project, ServiceDescription = "Compute Engine", SkuDescription = "E2 Instance Core running in Belgium",
        ResourceName = instance, Region = "europe-west1",
        Labels = clusterLabel is null ? Labels.Empty : Labels.Of((Attributor.GkeClusterLabel, clusterLabel), ("goog-k8s-node-pool-name", "default-pool")),
    };

    [Fact]
    public void Reconcile_ConfiguredNameDiffersFromBilling_RenamedWithAWarning()
    {
        var nodes = new[] { Node("n1", 2m, 2m, cluster: "prod") with { ProviderProject = "acme-prod" }, Node("s1", 2m, 2m, cluster: "staging") };
        var pods = new[] { Pod("n1", "shop", "cart", 1m, null, cluster: "prod"), Pod("s1", "shop", "cart", 1m, null, cluster: "staging") };

        var (renamedNodes, renamedPods, warnings) = ClusterIdentity.Reconcile(
            [Line("n1", "prod-eu-1"), Line("n1", "other", project: "other-project"), Line("s1", "staging")], nodes, pods);

        Assert.Equal(["prod-eu-1", "staging"], renamedNodes.Select(n => n.Cluster));
        Assert.Equal(["prod-eu-1", "staging"], renamedPods.Select(p => p.Cluster));
        var warning = Assert.Single(warnings);
        Assert.Equal("Cluster 'prod' is 'prod-eu-1' in the billing export (goog-k8s-cluster-name of its nodes' VMs): " +
            "its costs are reported as 'prod-eu-1'. Set its Kubernetes:Clusters Name to 'prod-eu-1'.", warning);
    }

    [Fact]
    public void Reconcile_SplitAndUnsplitLines_OneClusterName()
    {
        // The split share of n1's Core line and n1's disk line (attributed by labels) must name the same cluster.
        var nodes = new[] { Node("n1", 2m, 2m, cluster: "prod") };
        var pods = new[] { Pod("n1", "shop", "cart", 1m, null, cluster: "prod") };
        var core = Line("n1", "prod-eu-1");
        var (renamedNodes, renamedPods, _) = ClusterIdentity.Reconcile([core], nodes, pods);

        var (costs, _) = NodeCosts.FromBillingLines([core], renamedNodes);
        var split = NodeCostSplit.Split(costs, renamedNodes, renamedPods, new ClusterSplitOptions());
        var disk = new Attributor(new AttributionOptions()).Attribute(core with { SkuDescription = "Storage PD Capacity" });

        Assert.All(split.Shares, s => Assert.Equal(disk.Cluster, s.Source.Cluster));
        Assert.Equal("prod-eu-1", disk.Cluster);
    }

    [Theory]
    [InlineData(null, "prod")]          // no label on the lines: the sample keeps its name
    [InlineData("prod", "prod")]        // already the billing name
    public void Reconcile_NothingToRename_Unchanged(string? label, string expected)
    {
        var (nodes, _, warnings) = ClusterIdentity.Reconcile([Line("n1", label)], [Node("n1", 2m, 2m, cluster: "prod")], []);
        Assert.Equal(expected, Assert.Single(nodes).Cluster);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Reconcile_NodesOfTwoBilledClusters_KeepsNameAndWarns()
    {
        var nodes = new[] { Node("n1", 2m, 2m, cluster: "prod"), Node("n2", 2m, 2m, cluster: "prod") };
        var (renamed, _, warnings) = ClusterIdentity.Reconcile([Line("n1", "a"), Line("n2", "b")], nodes, []);
        Assert.All(renamed, n => Assert.Equal("prod", n.Cluster));
        Assert.Contains("several clusters ('a', 'b')", Assert.Single(warnings));
    }
}

using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using static Costs.CostAnalyzer.Tests.Clusters.ClusterFixtures;

namespace Costs.CostAnalyzer.Tests.Clusters;

public class NodeCostsTests
{
    private static BillingLine Line(string sku, string? resource, string service = "Compute Engine", string project = "acme-prod",
        int minute = 0) => new()
    {
        BillingAccountId = "01A2B3-C4D5E6-F7G8H9",
        UsageStart = Hour10.AddMinutes(minute), UsageEnd = Hour10.AddHours(1),
        InvoiceMonth = new InvoiceMonth(2026, 11), Currency = Currency.Usd, Cost = 0.021811m,
        Credits = [new Credit(CreditType.Parse("SUSTAINED_USAGE_DISCOUNT"), -0.004m)],
        ProjectId = project, ServiceDescription = service, SkuDescription = sku, ResourceName = resource, Region = "europe-west1",
    };

    [Fact]
    public void FromBillingLines_CoreAndRamOfASampledNode_NodeHourCosts()
    {
        // The E2 core price 0.021811 USD/h is from the Cloud Billing Catalog page in opencost's skus.json.
        var node = Node("gke-cluster-default-pool-4658d5d4-p39c", 2m, 2m) with { ProviderProject = "acme-prod" };
        var lines = new[]
        {
            Line("E2 Instance Core running in Belgium", node.Node),
            Line("E2 Instance Ram running in Belgium", node.Node, minute: 30),
            Line("Storage PD Capacity", node.Node),
            Line("E2 Instance Core running in Belgium", node.Node, project: "other-project"),
            Line("E2 Instance Core running in Belgium", "some-vm"),
        };
        var (costs, others) = NodeCosts.FromBillingLines(lines, [node]);

        Assert.Equal([NodeResource.Cpu, NodeResource.Memory], costs.Select(c => c.Resource));
        Assert.All(costs, c => Assert.Equal(("prod", node.Node, Hour10, -0.004m), (c.Cluster, c.Node, c.Hour, c.Credits)));
        Assert.Equal(3, others.Count);
    }

    [Theory]
    [InlineData("N2 Custom Instance Core running in Americas", NodeResource.Cpu)]
    [InlineData("Spot Preemptible E2 Instance Ram running in Belgium", NodeResource.Memory)]
    [InlineData("Memory-optimized Instance Core running in Americas", NodeResource.Cpu)]
    [InlineData("Commitment v1: Cpu in Americas for 1 Year", null)]
    [InlineData("Nvidia Tesla T4 GPU running in Americas", null)]
    public void Classify_SkuDescription_Resource(string sku, NodeResource? expected)
    {
        Assert.Equal(expected, NodeCosts.Classify(Line(sku, "vm")));
    }
}

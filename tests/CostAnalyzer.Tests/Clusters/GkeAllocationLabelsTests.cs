using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Tests.Clusters;

public class GkeAllocationLabelsTests
{
    private static BillingLine Line(params (string, string)[] labels) => new()
    {
        BillingAccountId = "A", UsageStart = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero),
        UsageEnd = new DateTimeOffset(2026, 11, 2, 11, 0, 0, TimeSpan.Zero), InvoiceMonth = new InvoiceMonth(2026, 11),
        Currency = Currency.Usd, Cost = 1m, Labels = Labels.Of(labels),
    };

    [Theory]
    [InlineData("kube:unallocated", CostKind.Idle)]
    [InlineData("kube:system-overhead", CostKind.Overhead)]
    [InlineData("shop", CostKind.Allocated)]
    [InlineData("kube-system", CostKind.Overhead)]
    public void Read_Namespace_Kind(string ns, CostKind expected)
    {
        var read = GkeAllocationLabels.Read(Line(("k8s-namespace", ns), ("goog-k8s-cluster-name", "prod-eu")), new ClusterSplitOptions());
        Assert.Equal((expected, "prod-eu", ns), (read!.Kind, read.Cluster, read.Namespace));
    }

    [Fact]
    public void Read_PodLabels_PrefixRemoved()
    {
        var read = GkeAllocationLabels.Read(Line(("k8s-namespace", "shop"), ("k8s-label/app", "checkout"), ("team", "payments")));
        Assert.Equal(Labels.Of(("app", "checkout")), read!.PodLabels);
    }

    [Fact]
    public void Read_NoNamespaceLabel_Null()
    {
        Assert.Null(GkeAllocationLabels.Read(Line(("app", "checkout"))));
    }
}

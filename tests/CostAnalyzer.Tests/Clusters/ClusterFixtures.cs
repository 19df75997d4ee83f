using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Tests.Clusters;

/// <summary>Small builders for node-hours, pod weights and node costs.</summary>
internal static class ClusterFixtures
{
    public static readonly DateTimeOffset Hour10 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    public static NodeHour Node(string name, decimal cpuCapacity, decimal cpuAllocatable, string cluster = "prod",
        decimal memoryCapacity = 0m, decimal memoryAllocatable = 0m, bool spot = false, string pool = "default-pool") => new()
    {
        Cluster = cluster, Node = name, Hour = Hour10, InstanceName = name, NodePool = pool, Spot = spot,
        CpuCapacity = cpuCapacity, CpuAllocatable = cpuAllocatable,
        MemoryCapacity = memoryCapacity, MemoryAllocatable = memoryAllocatable,
    };

    public static PodHourWeight Pod(string node, string ns, string pod, decimal request, decimal? usage, string cluster = "prod",
        string? workload = null) => new()
    {
        Pod = new PodRef(cluster, ns, pod, $"uid-{cluster}-{ns}-{pod}", workload ?? $"Deployment/{pod}", Labels.Of(("app", pod))),
        Node = node, Hour = Hour10,
        CpuRequest = request, CpuUsage = usage, CpuWeight = Math.Max(request, usage ?? 0m),
    };

    public static NodeHourCost Cost(string node, decimal cost, decimal credits = 0m, string cluster = "prod",
        NodeResource resource = NodeResource.Cpu) => new()
    {
        Cluster = cluster, Node = node, NodePool = "default-pool", Hour = Hour10, Resource = resource,
        Currency = Currency.Usd, InvoiceMonth = new InvoiceMonth(2026, 11), Cost = cost, Credits = credits,
        Project = "acme-prod", CloudService = "Compute Engine", Sku = "E2 Instance Core running in Belgium", Region = "europe-west1",
    };
}

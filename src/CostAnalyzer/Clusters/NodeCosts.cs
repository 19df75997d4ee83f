using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>
/// Picks the billing lines that are a sampled node VM's vCPU or RAM for an hour, and turns each into a
/// <see cref="NodeHourCost"/>. A line matches a node when its <c>resource.name</c> is the node's VM
/// instance name (from <c>spec.providerID</c>) and, when both are known, its project is the node's
/// project; its hour is the UTC hour its usage started in. The vCPU SKUs are those whose description
/// says "Core" (e.g. "E2 Instance Core running in Americas"), the RAM SKUs those that say "Ram".
/// Every other line (disks, GPUs, lines of unsampled hours) is returned in <c>Others</c> untouched.
/// </summary>
public static class NodeCosts
{
    public static (IReadOnlyList<NodeHourCost> NodeCosts, IReadOnlyList<BillingLine> Others) FromBillingLines(
        IEnumerable<BillingLine> lines, IEnumerable<NodeHour> nodes)
    {
        var byInstance = new Dictionary<string, List<NodeHour>>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            if (n.InstanceName is null) continue;
            if (!byInstance.TryGetValue(n.InstanceName, out var list)) byInstance[n.InstanceName] = list = [];
            list.Add(n);
        }

        var costs = new List<NodeHourCost>();
        var others = new List<BillingLine>();
        foreach (var line in lines)
        {
            var resource = Classify(line);
            NodeHour? node = null;
            if (resource is not null && line.ResourceName is { } name && byInstance.TryGetValue(name, out var candidates))
            {
                var hour = PodHours.Hour(line.UsageStart);
                node = candidates.FirstOrDefault(n => n.Hour == hour
                    && (n.ProviderProject is null || line.ProjectId is null || n.ProviderProject == line.ProjectId));
            }
            if (node is null || resource is null)
            {
                others.Add(line);
                continue;
            }
            costs.Add(new NodeHourCost
            {
                Cluster = node.Cluster, Environment = node.Environment, Node = node.Node, NodePool = node.NodePool, Hour = node.Hour, Resource = resource.Value,
                Currency = line.Currency, InvoiceMonth = line.InvoiceMonth, Cost = line.Cost, Credits = line.CreditTotal,
                Project = line.ProjectId, CloudService = line.ServiceDescription, Sku = line.SkuDescription, Region = line.Region,
            });
        }
        return (costs, others);
    }

    /// <summary>vCPU or RAM of a Compute Engine VM, by SKU description; null for any other line.</summary>
    public static NodeResource? Classify(BillingLine line)
    {
        if (!line.ServiceDescription.Equals("Compute Engine", StringComparison.OrdinalIgnoreCase)) return null;
        var sku = line.SkuDescription;
        if (sku.StartsWith("Commitment", StringComparison.OrdinalIgnoreCase)) return null;
        if (sku.Contains("Core", StringComparison.Ordinal) || sku.Contains("vCPU", StringComparison.OrdinalIgnoreCase)) return NodeResource.Cpu;
        if (sku.Contains("Ram", StringComparison.Ordinal) || sku.Contains("Memory", StringComparison.Ordinal) && !sku.Contains("optimized", StringComparison.OrdinalIgnoreCase)) return NodeResource.Memory;
        return null;
    }
}

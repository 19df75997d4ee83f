using Costs.CostAnalyzer.Attribution;
using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>
/// A sampled cluster is known by the name the billing export gives it. GKE puts the cluster's name on its
/// node VMs as the label <c>goog-k8s-cluster-name</c>, so the billing lines of a sampled node's instance
/// (matched by <c>resource.name</c> and project, as <see cref="NodeCosts"/> matches them) say what the cluster
/// is called. The split shares of those lines and the lines of the same cluster that are not split (disks,
/// GPUs, unsampled hours) must show under one name: a sample whose cluster name (the configured Name) differs
/// from the one name its nodes' lines carry is renamed to it, with a warning. Pure.
/// </summary>
public static class ClusterIdentity
{
    /// <summary>The node and pod hours with each sampled cluster under its billing name, and a warning for each renamed or ambiguous cluster.</summary>
    public static (IReadOnlyList<NodeHour> Nodes, IReadOnlyList<PodHourWeight> Pods, IReadOnlyList<string> Warnings) Reconcile(
        IEnumerable<BillingLine> nodeLines, IReadOnlyList<NodeHour> nodes, IReadOnlyList<PodHourWeight> pods)
    {
        var billed = BilledNames(nodeLines, nodes);
        var sampled = nodes.Select(n => n.Cluster).Concat(pods.Select(p => p.Cluster)).ToHashSet(StringComparer.Ordinal);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var (cluster, names) in billed.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (names.Contains(cluster)) continue;
            var list = string.Join(", ", names.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
            if (names.Count > 1)
                warnings.Add($"Cluster '{cluster}': its nodes' billing lines name several clusters ({list}) in {Attributor.GkeClusterLabel}; it keeps its name.");
            else if (sampled.Contains(names.Single()))
                warnings.Add($"Cluster '{cluster}' is {list} in the billing export, which is also a sampled cluster's name; it keeps its name.");
            else
            {
                renames[cluster] = names.Single();
                warnings.Add($"Cluster '{cluster}' is {list} in the billing export ({Attributor.GkeClusterLabel} of its nodes' VMs): " +
                    $"its costs are reported as {list}. Set its Kubernetes:Clusters Name to {list}.");
            }
        }
        if (renames.Count == 0) return (nodes, pods, warnings);
        var renamedNodes = nodes.Select(n => renames.TryGetValue(n.Cluster, out var to) ? n with { Cluster = to } : n).ToList();
        var renamedPods = pods.Select(p => renames.TryGetValue(p.Cluster, out var to) ? p with { Pod = p.Pod with { Cluster = to } } : p).ToList();
        return (renamedNodes, renamedPods, warnings);
    }

    /// <summary>Sampled cluster → the <c>goog-k8s-cluster-name</c> values on the billing lines of its nodes' instances.</summary>
    private static Dictionary<string, HashSet<string>> BilledNames(IEnumerable<BillingLine> lines, IReadOnlyList<NodeHour> nodes)
    {
        var clustersOf = nodes.Where(n => n.InstanceName is not null)
            .GroupBy(n => n.InstanceName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(n => (n.Cluster, n.ProviderProject)).Distinct().ToList(), StringComparer.Ordinal);
        var billed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.ResourceName is not { } instance || !clustersOf.TryGetValue(instance, out var owners)) continue;
            var name = Label(line.Labels) ?? Label(line.SystemLabels);
            if (name is null) continue;
            foreach (var (cluster, project) in owners)
            {
                if (project is not null && line.ProjectId is not null && project != line.ProjectId) continue;
                if (!billed.TryGetValue(cluster, out var names)) billed[cluster] = names = new HashSet<string>(StringComparer.Ordinal);
                names.Add(name);
            }
        }
        return billed;
    }

    private static string? Label(Labels labels) =>
        labels.TryGetValue(Attributor.GkeClusterLabel, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}

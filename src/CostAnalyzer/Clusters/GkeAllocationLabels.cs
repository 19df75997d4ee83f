using Costs.CostAnalyzer.Attribution;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>What GKE cost allocation says about one billing line, read from its labels.</summary>
public sealed record GkeAllocation(CostKind Kind, string? Cluster, string Namespace, Labels PodLabels);

/// <summary>
/// Reads the labels that GKE cost allocation puts on the export's rows: <c>goog-k8s-cluster-name</c>,
/// <c>k8s-namespace</c> and <c>k8s-label/KEY</c>. Such rows are used as they are: namespace
/// <c>kube:unallocated</c> is Idle, <c>kube:system-overhead</c> is Overhead, any other namespace is
/// Allocated (to be attributed from the pod labels and namespace with the billing-line rules).
/// A system namespace (by the split options) is Overhead too.
/// </summary>
public static class GkeAllocationLabels
{
    public const string Unallocated = "kube:unallocated";
    public const string SystemOverhead = "kube:system-overhead";

    /// <summary>The line's GKE allocation, or null when the line carries no <c>k8s-namespace</c> label.</summary>
    public static GkeAllocation? Read(BillingLine line, ClusterSplitOptions? options = null)
    {
        var ns = Find(line, Attributor.GkeNamespaceLabel);
        if (ns is null) return null;
        var cluster = Find(line, Attributor.GkeClusterLabel);
        var podLabels = Labels.From(line.Labels.Concat(line.SystemLabels)
            .Where(kv => kv.Key.StartsWith(Attributor.GkeLabelPrefix, StringComparison.Ordinal))
            .Select(kv => KeyValuePair.Create(kv.Key[Attributor.GkeLabelPrefix.Length..], kv.Value)));
        var kind = ns switch
        {
            Unallocated => CostKind.Idle,
            SystemOverhead => CostKind.Overhead,
            _ when options is not null && options.IsSystem(ns) => CostKind.Overhead,
            _ => CostKind.Allocated,
        };
        return new GkeAllocation(kind, cluster, ns, podLabels);
    }

    private static string? Find(BillingLine line, string key) =>
        line.Labels.TryGetValue(key, out var v) ? v : line.SystemLabels.TryGetValue(key, out var s) ? s : null;
}

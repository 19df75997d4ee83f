using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>
/// Turns a whole split of node costs into allocation rows and workload efficiency, through a <see cref="SplitRollup"/>
/// (which holds the rules, and which the analysis feeds a line at a time). Pure.
/// </summary>
public static class ClusterShares
{
    public const string SplitRule = "node-split";

    /// <summary>
    /// The rule of a node line in an hour that the cluster was not sampled: unallocated because nothing is
    /// known of what ran on the node then, not because labels are missing (its Missing is empty).
    /// </summary>
    public const string NotSampledRule = SplitRule + ": cluster not sampled that hour";

    /// <param name="shared">The shared-cost policies: an allocated pod share that a label policy selects (by the pod's or its namespace's labels) is marked for it (<see cref="AllocationRow.SharedBy"/>).</param>
    /// <remarks>Shares that would make rows alike in all but money come out as one row with their sums (<see cref="SplitRollup"/>).</remarks>
    public static IEnumerable<AllocationRow> ToRows(ClusterSplitResult split, Attributor attributor, IReadOnlyList<SharedCostOptions>? shared = null) =>
        Of(split, attributor, shared).Rows();

    /// <summary>Efficiency per day, cluster, namespace and workload, with the attribution of the workload's pods.</summary>
    public static IReadOnlyList<WorkloadEfficiency> Efficiency(IEnumerable<PodHourWeight> weights, ClusterSplitResult split,
        Attributor attributor) =>
        Of(split, attributor, null).Efficiency(weights);

    private static SplitRollup Of(ClusterSplitResult split, Attributor attributor, IReadOnlyList<SharedCostOptions>? shared)
    {
        ArgumentNullException.ThrowIfNull(split);
        var rollup = new SplitRollup(attributor, shared);
        foreach (var share in split.Shares) rollup.Add(share);
        foreach (var cost in split.Unmatched) rollup.AddUnmatched(cost);
        return rollup;
    }
}

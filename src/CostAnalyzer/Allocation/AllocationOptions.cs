using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Clusters;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>
/// Configuration section <c>Allocation</c>: how the cost of shared cluster capacity is reported. Until
/// 2026-11 these keys lived under <c>Kubernetes</c>; they are still read from there when the Allocation
/// section does not set them.
/// </summary>
public sealed class AllocationOptions
{
    public const string Section = "Allocation";

    /// <summary>Namespaces whose pods are shared overhead: exact names, or prefixes ending in '*'. Empty: <see cref="ClusterDefaults.SystemNamespaces"/>.</summary>
    public List<string> SystemNamespaces { get; set; } = [];

    /// <summary>Idle capacity as its own share (<see cref="ShareMode.Separate"/>) or given to the pods by weight.</summary>
    public ShareMode IdleMode { get; set; } = ShareMode.Separate;

    /// <summary>System pods and the node's reservation as overhead (<see cref="ShareMode.Separate"/>) or given to the workloads.</summary>
    public ShareMode OverheadMode { get; set; } = ShareMode.Separate;

    /// <summary>The split rules the analysis applies.</summary>
    public ClusterSplitOptions ToSplitOptions() => new()
    {
        Idle = IdleMode,
        Overhead = OverheadMode,
        SystemNamespaces = SystemNamespaces.Count > 0 ? SystemNamespaces : ClusterDefaults.SystemNamespaces,
    };

    /// <summary>Every problem with the options, one line each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        for (var i = 0; i < SystemNamespaces.Count; i++)
        {
            var ns = SystemNamespaces[i];
            if (string.IsNullOrWhiteSpace(ns) || ns == "*")
                errors.Add($"{Section}:SystemNamespaces:{i}: '{ns}' would match no namespace or every one; give a name or a prefix ending in '*'.");
        }
        if (!Enum.IsDefined(IdleMode)) errors.Add($"{Section}:IdleMode: '{IdleMode}' is not Separate or Spread.");
        if (!Enum.IsDefined(OverheadMode)) errors.Add($"{Section}:OverheadMode: '{OverheadMode}' is not Separate or Spread.");
        return errors;
    }
}

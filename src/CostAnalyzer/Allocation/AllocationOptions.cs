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

    /// <summary>
    /// Namespaces, labelled pods and fixed monthly amounts whose cost is shared among the other workloads of their
    /// cluster or organisation (<see cref="SharedCosts"/>, <see cref="FixedAmounts"/>).
    /// </summary>
    public List<SharedCostOptions> Shared { get; set; } = [];

    /// <summary>When set, idle capacity (with <see cref="IdleMode"/> Separate) is charged to this team as a shared cost.</summary>
    public string? IdleTeam { get; set; }

    /// <summary>When set, overhead (with <see cref="OverheadMode"/> Separate) is charged to this team as a shared cost.</summary>
    public string? OverheadTeam { get; set; }

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
        for (var i = 0; i < Shared.Count; i++)
        {
            Shared[i].Validate($"{Section}:Shared:{i}", errors);
            var twin = Shared.FindIndex(p => p.DisplayName == Shared[i].DisplayName);
            if (twin < i)
                errors.Add($"{Section}:Shared:{i}:Name: '{Shared[i].DisplayName}' is also the name of Shared:{twin}; each shared cost's rule names it, so give each its own Name.");
        }
        if (IdleTeam is not null && IdleMode != ShareMode.Separate)
            errors.Add($"{Section}:IdleTeam: idle is spread over the pods (IdleMode {IdleMode}); set IdleMode to Separate to charge it to a team.");
        if (OverheadTeam is not null && OverheadMode != ShareMode.Separate)
            errors.Add($"{Section}:OverheadTeam: overhead is spread over the workloads (OverheadMode {OverheadMode}); set OverheadMode to Separate to charge it to a team.");
        if (!Enum.IsDefined(IdleMode)) errors.Add($"{Section}:IdleMode: '{IdleMode}' is not Separate or Spread.");
        if (!Enum.IsDefined(OverheadMode)) errors.Add($"{Section}:OverheadMode: '{OverheadMode}' is not Separate or Spread.");
        return errors;
    }
}

namespace Costs.CostModel.Allocation;

/// <summary>What a share of the bill is. Every cent of a day is exactly one of these.</summary>
public enum CostKind
{
    /// <summary>Attributed to a service (and, where known, a team and an environment).</summary>
    Allocated,
    /// <summary>No rule named a service: reported with the labels that were missing.</summary>
    Unallocated,
    /// <summary>Capacity that was paid for and that no workload used (derived, never an input).</summary>
    Idle,
    /// <summary>Shared system workloads (kube-system and the like), reported apart.</summary>
    Overhead,
}

public static class CostKinds
{
    public static string ToText(this CostKind kind) => kind switch
    {
        CostKind.Allocated => "allocated",
        CostKind.Unallocated => "unallocated",
        CostKind.Idle => "idle",
        CostKind.Overhead => "overhead",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown cost kind."),
    };

    public static CostKind Parse(string text) => text switch
    {
        "allocated" => CostKind.Allocated,
        "unallocated" => CostKind.Unallocated,
        "idle" => CostKind.Idle,
        "overhead" => CostKind.Overhead,
        _ => throw new FormatException($"Unknown cost kind '{text}'."),
    };
}

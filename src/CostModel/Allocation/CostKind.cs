namespace Costs.CostModel.Allocation;

/// <summary>
/// What a share of the bill is. Every cent of a day's bill is exactly one of the first four;
/// <see cref="Fixed"/> is not on the bill at all and is never added to them.
/// </summary>
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
    /// <summary>
    /// A share of a fixed monthly amount that is not on the bill (a support contract, a licence:
    /// <c>Allocation:Shared</c> with a MonthlyAmount). Kept apart from the bill: stored in its own table and
    /// reported as an addition, so that allocated + unallocated + idle + overhead is still the bill.
    /// </summary>
    Fixed,
}

public static class CostKinds
{
    public static string ToText(this CostKind kind) => kind switch
    {
        CostKind.Allocated => "allocated",
        CostKind.Unallocated => "unallocated",
        CostKind.Idle => "idle",
        CostKind.Overhead => "overhead",
        CostKind.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown cost kind."),
    };

    public static CostKind Parse(string text) => text switch
    {
        "allocated" => CostKind.Allocated,
        "unallocated" => CostKind.Unallocated,
        "idle" => CostKind.Idle,
        "overhead" => CostKind.Overhead,
        "fixed" => CostKind.Fixed,
        _ => throw new FormatException($"Unknown cost kind '{text}'."),
    };
}

namespace Costs.CostModel.Allocation;

/// <summary>
/// How a row is named by service, team or environment. Unallocated, idle and overhead rows are named after
/// their kind in those dimensions, so that they are never mistaken for a real service, team or environment
/// (an overhead pod in kube-system is not the service "kube-dns"). The workbook and <c>query</c> both name
/// rows this way.
/// </summary>
public static class KindLabels
{
    public const string Unallocated = "(unallocated)";
    public const string Idle = "(idle)";
    public const string Overhead = "(shared overhead)";

    /// <summary>The kind's label, or null for an allocated row or a fixed amount's share (named by its own value).</summary>
    public static string? Of(CostKind kind) => kind switch
    {
        CostKind.Allocated or CostKind.Fixed => null,
        CostKind.Unallocated => Unallocated,
        CostKind.Idle => Idle,
        CostKind.Overhead => Overhead,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown cost kind."),
    };

    /// <summary>
    /// Why a row is unallocated, for people: the labels that were missing, or else the rule's own reason
    /// (a node line with no cluster sample that hour); empty for other kinds.
    /// </summary>
    public static string WhyUnallocated(AllocationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Kind != CostKind.Unallocated) return "";
        if (row.Missing.Length > 0) return "missing labels: " + row.Missing;
        return row.Rule.Length > 0 ? row.Rule : "no rule matched";
    }
}

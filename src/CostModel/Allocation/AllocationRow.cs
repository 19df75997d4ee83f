using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostModel.Allocation;

/// <summary>
/// The dimensions that an allocated share of cost is reported by. A null means "not attributed".
/// </summary>
public sealed record Dimensions
{
    public string? Service { get; init; }
    public string? Team { get; init; }
    public string? Environment { get; init; }
    public string? Project { get; init; }
    public string CloudService { get; init; } = "";
    public string Sku { get; init; } = "";
    public string? Region { get; init; }
    public string? Cluster { get; init; }
    public string? Namespace { get; init; }
    public string? NodePool { get; init; }
    /// <summary>The node a cluster share ran on; null for anything that is not a node's share.</summary>
    public string? Node { get; init; }
    public string? Workload { get; init; }
}

/// <summary>
/// One day's share of the bill for one combination of dimensions. <see cref="Rule"/> says which
/// attribution rules matched; <see cref="Missing"/> names the labels that were looked for and absent.
/// </summary>
public sealed record AllocationRow
{
    public required DateOnly Day { get; init; }
    public required Currency Currency { get; init; }
    public required InvoiceMonth InvoiceMonth { get; init; }
    public required CostKind Kind { get; init; }
    public required Dimensions Dimensions { get; init; }
    public string Rule { get; init; } = "";
    public string Missing { get; init; } = "";
    public required decimal Cost { get; init; }
    public required decimal Credits { get; init; }

    public decimal Net => Cost + Credits;

    /// <summary>
    /// The name of the <c>Allocation:Shared</c> policy whose label selector matched this cost's pod or namespace,
    /// set while the analysis builds its rows and read when it applies the shared-cost policy; never stored
    /// (a shared cost leaves the analysis as rows of its receivers, whose <see cref="Rule"/> says where from).
    /// </summary>
    public string? SharedBy { get; init; }

    /// <summary>
    /// True for a share of a shared cost (a shared namespace, idle or overhead charged to a team): allocated to
    /// the receiver, its <see cref="Rule"/> saying where from and how (<see cref="SharedRulePrefix"/>). Stored
    /// with the row through its rule, so the workbook can show shared cost as its own column.
    /// </summary>
    public bool Shared => Kind == CostKind.Allocated && Rule.StartsWith(SharedRulePrefix, StringComparison.Ordinal);

    /// <summary>How the rule of a shared cent begins: "shared from namespace monitoring by weighted, cluster prod".</summary>
    public const string SharedRulePrefix = "shared from ";

    /// <summary>How the rule of a fixed amount's share begins: "fixed amount support 3000.00 USD a month, …".</summary>
    public const string FixedRulePrefix = "fixed amount ";
}

/// <summary>What the bill says for one day, currency and invoice month: the figure to reconcile against.</summary>
public sealed record BilledDay(DateOnly Day, Currency Currency, InvoiceMonth InvoiceMonth, decimal Cost, decimal Credits)
{
    public decimal Net => Cost + Credits;
}

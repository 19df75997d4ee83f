using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>The two node resources that GKE bills apart: vCPU SKUs and RAM SKUs.</summary>
public enum NodeResource
{
    Cpu,
    Memory,
}

/// <summary>Which pod this is: cluster-qualified, so that one namespace name in two clusters never merges.</summary>
public sealed record PodRef(string Cluster, string Namespace, string Pod, string Uid, string? Workload, Labels Labels)
{
    /// <summary>The labels of the pod's Namespace object (empty when collect did not list namespaces).</summary>
    public Labels NamespaceLabels { get; init; } = Labels.Empty;
}

/// <summary>
/// A node over one UTC hour, from the samples of that hour. Quantities are hour averages: the sum over
/// the hour's samples of the cluster in which the node was present, divided by the number of samples
/// of the cluster in that hour. A node present for half the hour so counts half its capacity.
/// CPU in cores, memory in bytes.
/// </summary>
public sealed record NodeHour
{
    public required string Cluster { get; init; }
    public string? Environment { get; init; }
    public required string Node { get; init; }
    public required DateTimeOffset Hour { get; init; }
    public string? InstanceName { get; init; }
    public string? ProviderProject { get; init; }
    public string? NodePool { get; init; }
    public string? MachineType { get; init; }
    public string? Zone { get; init; }
    public bool Spot { get; init; }
    public decimal CpuCapacity { get; init; }
    public decimal MemoryCapacity { get; init; }
    public decimal CpuAllocatable { get; init; }
    public decimal MemoryAllocatable { get; init; }
    public decimal? CpuUsage { get; init; }
    public decimal? MemoryUsage { get; init; }

    public decimal Capacity(NodeResource r) => r == NodeResource.Cpu ? CpuCapacity : MemoryCapacity;
    public decimal Allocatable(NodeResource r) => r == NodeResource.Cpu ? CpuAllocatable : MemoryAllocatable;
}

/// <summary>
/// A pod's weight on its node over one UTC hour. <c>*Weight</c> is max(request, usage) per sample,
/// averaged like <see cref="NodeHour"/> (so a pod present for a quarter of the hour weighs a quarter).
/// <c>*Usage</c> is null when no sample of the hour had metrics for the pod.
/// </summary>
public sealed record PodHourWeight
{
    public required PodRef Pod { get; init; }
    public required string Node { get; init; }
    public required DateTimeOffset Hour { get; init; }
    public string? Environment { get; init; }
    public decimal CpuRequest { get; init; }
    public decimal? CpuUsage { get; init; }
    public decimal CpuWeight { get; init; }
    public decimal MemoryRequest { get; init; }
    public decimal? MemoryUsage { get; init; }
    public decimal MemoryWeight { get; init; }

    public string Cluster => Pod.Cluster;
    public decimal Request(NodeResource r) => r == NodeResource.Cpu ? CpuRequest : MemoryRequest;
    public decimal? Usage(NodeResource r) => r == NodeResource.Cpu ? CpuUsage : MemoryUsage;
    public decimal Weight(NodeResource r) => r == NodeResource.Cpu ? CpuWeight : MemoryWeight;
}

/// <summary>
/// One billing line's worth of a node VM's cost for one hour and one resource (its vCPU or its RAM SKU),
/// with the line's credits, and the billing dimensions to carry onto every share.
/// </summary>
public sealed record NodeHourCost
{
    public required string Cluster { get; init; }
    /// <summary>The cluster's configured environment (cluster → environment rule), when it has one.</summary>
    public string? Environment { get; init; }
    public required string Node { get; init; }
    public string? NodePool { get; init; }
    public required DateTimeOffset Hour { get; init; }
    public required NodeResource Resource { get; init; }
    public required Currency Currency { get; init; }
    public required InvoiceMonth InvoiceMonth { get; init; }
    public required decimal Cost { get; init; }
    public decimal Credits { get; init; }
    public string? Project { get; init; }
    public string CloudService { get; init; } = "";
    public string Sku { get; init; } = "";
    public string? Region { get; init; }

    public DateOnly Day => DateOnly.FromDateTime(Hour.UtcDateTime);
}

/// <summary>
/// A share of a <see cref="NodeHourCost"/>. <see cref="Kind"/> is Allocated (a workload pod), Overhead
/// (a pod in a system namespace, or — with <see cref="Pod"/> null — the node's system reservation,
/// capacity − allocatable) or Idle (capacity that no pod used; <see cref="Pod"/> null).
/// <see cref="Request"/>, <see cref="Usage"/> and <see cref="Weight"/> are the pod's hour figures for
/// <see cref="NodeHourCost.Resource"/>. <see cref="IdleIncluded"/> and <see cref="OverheadIncluded"/>
/// are the parts of <see cref="Cost"/> (before credits) that a Spread mode moved onto this share.
/// </summary>
public sealed record PodCostShare
{
    public required NodeHourCost Source { get; init; }
    public required CostKind Kind { get; init; }
    public PodRef? Pod { get; init; }
    public decimal Request { get; init; }
    public decimal? Usage { get; init; }
    public decimal Weight { get; init; }
    public required decimal Cost { get; init; }
    public required decimal Credits { get; init; }
    public decimal IdleIncluded { get; init; }
    public decimal OverheadIncluded { get; init; }

    public decimal Net => Cost + Credits;
}

/// <summary>
/// A node's idle capacity for one hour and resource, and what it cost, whatever the idle mode: with
/// Spread the same money is also inside the pods' shares (<see cref="PodCostShare.IdleIncluded"/>).
/// </summary>
public sealed record NodeIdleHour
{
    public required NodeHourCost Source { get; init; }
    public required decimal Capacity { get; init; }
    public required decimal Reserved { get; init; }
    public required decimal Used { get; init; }
    public required decimal Idle { get; init; }
    public required decimal IdleCost { get; init; }
    public required decimal IdleCredits { get; init; }
    public bool Spread { get; init; }

    public decimal IdleNet => IdleCost + IdleCredits;
}

/// <summary>
/// The split of one node line (<see cref="NodeCostSplit.SplitLines"/>): its shares (summing to its cost and credits)
/// and its idle, or, when no sample covered its node-hour, no shares and a null <see cref="Idle"/> (unmatched).
/// </summary>
public sealed record LineSplit(NodeHourCost Cost, IReadOnlyList<PodCostShare> Shares, NodeIdleHour? Idle);

/// <summary>How to split node costs. <see cref="SystemNamespaces"/> are exact names, or prefixes ending in '*'.</summary>
public sealed record ClusterSplitOptions
{
    public ShareMode Idle { get; init; } = ShareMode.Separate;
    public ShareMode Overhead { get; init; } = ShareMode.Separate;
    public IReadOnlyList<string> SystemNamespaces { get; init; } = ClusterDefaults.SystemNamespaces;

    public bool IsSystem(string ns)
    {
        foreach (var pattern in SystemNamespaces)
        {
            // A prefix is compared in place: this runs for every pod of every node-hour split.
            if (pattern.EndsWith('*') ? ns.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal) : ns == pattern) return true;
        }
        return false;
    }
}

/// <summary>
/// The split of node costs: the shares (whose Cost and Credits sum, per input line, to the line's),
/// the idle per node-hour, and the input lines that no sample covered (no node seen that hour), which
/// the caller reports as unallocated.
/// </summary>
public sealed record ClusterSplitResult(
    IReadOnlyList<PodCostShare> Shares,
    IReadOnlyList<NodeIdleHour> Idle,
    IReadOnlyList<NodeHourCost> Unmatched);

using Costs.CostModel.Money;

namespace Costs.CostModel.Allocation;

/// <summary>
/// How well one workload used what it requested on one day. Requests and usage are summed over the
/// hours where usage was known: CPU in core-hours, memory in byte-hours. <see cref="Net"/> is the net
/// cost of its node shares, <see cref="UnusedNet"/> the part of it that paid for requested, unused capacity.
/// </summary>
public sealed record WorkloadEfficiency
{
    public required DateOnly Day { get; init; }
    public required Currency Currency { get; init; }
    public required string Cluster { get; init; }
    public required string Namespace { get; init; }
    public string? Workload { get; init; }
    public string? Service { get; init; }
    public string? Team { get; init; }
    public string? Environment { get; init; }
    public decimal CpuRequest { get; init; }
    public decimal CpuUsage { get; init; }
    public decimal MemoryRequest { get; init; }
    public decimal MemoryUsage { get; init; }
    public decimal Net { get; init; }
    public decimal UnusedNet { get; init; }

    public decimal? CpuEfficiency => CpuRequest == 0m ? null : CpuUsage / CpuRequest;
    public decimal? MemoryEfficiency => MemoryRequest == 0m ? null : MemoryUsage / MemoryRequest;
}

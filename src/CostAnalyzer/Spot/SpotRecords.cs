using Costs.CostModel.Money;
using static Costs.CostAnalyzer.Recommendations.OptionsCheck;

namespace Costs.CostAnalyzer.Spot;

/// <summary>
/// What one node pool ran over a window: vCPU-hours and GiB-hours of its nodes' capacity, on one
/// machine family in one region, on spot (or preemptible) VMs or not. <see cref="WindowHours"/> is the
/// length of the window, for monthly figures; the pool may have run for only part of it.
/// </summary>
public sealed record NodePoolUsage
{
    public required string Cluster { get; init; }
    public required string NodePool { get; init; }
    public string? Environment { get; init; }
    public required string Region { get; init; }
    public required string MachineFamily { get; init; }
    public bool Spot { get; init; }
    public decimal VcpuHours { get; init; }
    public decimal MemoryGibHours { get; init; }
    public required int WindowHours { get; init; }
}

/// <summary>A non-production node pool on on-demand VMs, and what spot VMs would save a month.</summary>
public sealed record SpotRecommendation
{
    public required string Cluster { get; init; }
    public required string NodePool { get; init; }
    public required string Environment { get; init; }
    public required string Region { get; init; }
    public required string MachineFamily { get; init; }
    public required Currency Currency { get; init; }
    public required decimal VcpuHours { get; init; }
    public required decimal MemoryGibHours { get; init; }
    public required decimal MonthlyOnDemand { get; init; }
    public required decimal MonthlySpot { get; init; }
    public required decimal MonthlySavings { get; init; }
    public required string Reason { get; init; }
}

/// <summary>A node pool that could not be judged, and why (no environment, a price missing, …).</summary>
public sealed record SpotSkip(string Cluster, string NodePool, string Reason);

public sealed record SpotResult(IReadOnlyList<SpotRecommendation> Recommendations, IReadOnlyList<SpotSkip> Skipped);

/// <summary>Spot recommendations (configuration section <c>Recommendations:Spot</c>).</summary>
public sealed class SpotOptions
{
    /// <summary>Environments that stay on on-demand VMs, matched ignoring case.</summary>
    public List<string> ProductionEnvironments { get; set; } = ["production"];
    /// <summary>Pools that would save less than this a month are not reported.</summary>
    public decimal MinimumMonthlySavings { get; set; } = 1m;

    public void Validate(string path, List<string> errors)
    {
        if (ProductionEnvironments.Any(string.IsNullOrWhiteSpace))
            errors.Add($"{path}:ProductionEnvironments: an environment name is empty.");
        if (MinimumMonthlySavings < 0m)
            errors.Add($"{path}:MinimumMonthlySavings: must not be negative (is {Num(MinimumMonthlySavings)}).");
    }
}

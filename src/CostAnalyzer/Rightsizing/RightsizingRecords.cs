using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Money;
using static Costs.CostAnalyzer.Recommendations.OptionsCheck;

namespace Costs.CostAnalyzer.Rightsizing;

/// <summary>
/// One workload over one UTC hour, summed over its pods as <see cref="PodHourWeight"/> gives them
/// (hour averages, so a pod present for half the hour counts half): requests, and usage where metrics
/// were known. CPU in cores, memory in bytes.
/// </summary>
public sealed record WorkloadHour(DateTimeOffset Hour, decimal CpuRequest, decimal? CpuUsage, decimal MemoryRequest, decimal? MemoryUsage);

/// <summary>
/// A workload's hours over the lookback, the request each of its pods has now (what a rightsizing
/// changes), and what a unit of request costs an hour: <see cref="CpuPrice"/> per core-hour,
/// <see cref="MemoryPrice"/> per GiB-hour. <see cref="WindowHours"/> is the lookback's length.
/// </summary>
public sealed record WorkloadUsage
{
    public required string Cluster { get; init; }
    public required string Namespace { get; init; }
    public required string Workload { get; init; }
    public string? Environment { get; init; }
    public required Currency Currency { get; init; }
    public required decimal CpuPodRequest { get; init; }
    public required decimal MemoryPodRequest { get; init; }
    public required decimal CpuPrice { get; init; }
    public required decimal MemoryPrice { get; init; }
    public required IReadOnlyList<WorkloadHour> Hours { get; init; }
    public required int WindowHours { get; init; }
}

/// <summary>CPU (cores) or memory (bytes): what a request is of.</summary>
public enum RequestResource
{
    Cpu,
    Memory,
}

/// <summary>A pod request well above the workload's p95 usage: the request to set, and what it saves a month.</summary>
public sealed record RightsizingRecommendation
{
    public required string Cluster { get; init; }
    public required string Namespace { get; init; }
    public required string Workload { get; init; }
    public string? Environment { get; init; }
    public required RequestResource Resource { get; init; }
    public required Currency Currency { get; init; }
    /// <summary>Per pod: cores or bytes.</summary>
    public required decimal CurrentRequest { get; init; }
    public required decimal RecommendedRequest { get; init; }
    /// <summary>Per pod: the percentile of usage the recommendation starts from.</summary>
    public required decimal UsagePercentile { get; init; }
    /// <summary>Hours with usage known, that the percentile was taken over.</summary>
    public required int Hours { get; init; }
    public required decimal MonthlySavings { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Rightsizing (configuration section <c>Recommendations:Rightsizing</c>).</summary>
public sealed class RightsizingOptions
{
    /// <summary>The usage percentile a request is sized on (0.95: the 95th).</summary>
    public decimal Percentile { get; set; } = 0.95m;
    /// <summary>Room on top of that percentile (0.2: 20% more).</summary>
    public decimal Headroom { get; set; } = 0.20m;
    /// <summary>A request is "well above" usage at this multiple of the percentile or more.</summary>
    public decimal WellAbove { get; set; } = 1.5m;
    /// <summary>Fewer hours with usage than this, and the workload is not judged.</summary>
    public int MinimumHours { get; set; } = 168;
    /// <summary>Recommendations that save less than this a month are not reported.</summary>
    public decimal MinimumMonthlySavings { get; set; } = 1m;

    public void Validate(string path, List<string> errors)
    {
        if (Percentile is <= 0m or > 1m) errors.Add($"{path}:Percentile: must be above 0 and at most 1 (is {Num(Percentile)}).");
        if (Headroom is < 0m or > 10m) errors.Add($"{path}:Headroom: must be 0 to 10 (is {Num(Headroom)}).");
        if (WellAbove <= 1m + Headroom) errors.Add($"{path}:WellAbove: must be above 1 + Headroom (is {Num(WellAbove)}).");
        if (MinimumHours < 1) errors.Add($"{path}:MinimumHours: must be at least 1 (is {MinimumHours}).");
        if (MinimumMonthlySavings < 0m) errors.Add($"{path}:MinimumMonthlySavings: must not be negative (is {Num(MinimumMonthlySavings)}).");
    }
}

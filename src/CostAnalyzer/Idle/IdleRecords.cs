using Costs.CostModel.Money;
using static Costs.CostAnalyzer.Recommendations.OptionsCheck;

namespace Costs.CostAnalyzer.Idle;

/// <summary>
/// One day of one cluster (or one of its node pools): the net cost of its idle capacity and its whole
/// net cost (allocated, idle, overhead and unallocated shares together). <see cref="NodePool"/> is null
/// for a whole cluster, or for cluster cost that no node pool carries.
/// </summary>
public sealed record IdleDay(DateOnly Day, string Cluster, string? NodePool, Currency Currency, decimal IdleNet, decimal TotalNet);

/// <summary>A cluster or node pool whose idle share stayed above the threshold on every day of the window.</summary>
public sealed record IdleRecommendation
{
    public required string Cluster { get; init; }
    public string? NodePool { get; init; }
    public required Currency Currency { get; init; }
    public required DateOnly FirstDay { get; init; }
    public required DateOnly LastDay { get; init; }
    public required int Days { get; init; }
    /// <summary>Σ idle ÷ Σ total over the days, to four places.</summary>
    public required decimal IdleShare { get; init; }
    /// <summary>The lowest daily idle share, to four places.</summary>
    public required decimal LowestDailyShare { get; init; }
    public required decimal IdleNet { get; init; }
    /// <summary>Idle net per day × 730 ÷ 24.</summary>
    public required decimal MonthlyIdle { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Idle capacity (configuration section <c>Recommendations:Idle</c>).</summary>
public sealed class IdleOptions
{
    /// <summary>A day counts as idle when idle net ÷ total net is above this (0.5: half).</summary>
    public decimal Threshold { get; set; } = 0.5m;
    /// <summary>The share must stay above the threshold on at least this many days with cost, and on all of them.</summary>
    public int MinimumDays { get; set; } = 7;
    /// <summary>Groups idling less than this a month are not reported.</summary>
    public decimal MinimumMonthlyIdle { get; set; } = 1m;

    public void Validate(string path, List<string> errors)
    {
        if (Threshold is <= 0m or >= 1m) errors.Add($"{path}:Threshold: must be a fraction above 0 and below 1 (is {Num(Threshold)}).");
        if (MinimumDays is < 1 or > 366) errors.Add($"{path}:MinimumDays: must be 1 to 366 (is {MinimumDays}).");
        if (MinimumMonthlyIdle < 0m) errors.Add($"{path}:MinimumMonthlyIdle: must not be negative (is {Num(MinimumMonthlyIdle)}).");
    }
}

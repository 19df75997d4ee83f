using static Costs.CostAnalyzer.Recommendations.OptionsCheck;

namespace Costs.CostAnalyzer.Commitments;

/// <summary>How commitments are sized (configuration section <c>Recommendations:Commitments</c>).</summary>
public sealed class CommitmentOptions
{
    /// <summary>The history that levels are sized on.</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromDays(180);
    /// <summary>The guard: levels are sized on this recent window too, and the lower level wins.</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromDays(30);
    /// <summary>With less history than this (six months), the advice is to wait.</summary>
    public TimeSpan MinimumHistory { get; set; } = TimeSpan.FromDays(180);
    /// <summary>Discount of a 1-year flexible commitment off on-demand spend (0.28 for 28%).</summary>
    public decimal FlexibleOneYearDiscount { get; set; } = 0.28m;
    /// <summary>Discount of a 3-year flexible commitment off on-demand spend.</summary>
    public decimal FlexibleThreeYearDiscount { get; set; } = 0.46m;
    /// <summary>Usage counts as falling or growing when its trend moves it by at least this share over the lookback.</summary>
    public decimal TrendThreshold { get; set; } = 0.05m;
    /// <summary>The two windows disagree (usage is uncertain) when their levels differ by more than this share.</summary>
    public decimal UncertaintyThreshold { get; set; } = 0.10m;
    /// <summary>A ladder buys a share now and the rest in this many monthly steps.</summary>
    public int LadderMonths { get; set; } = 3;

    /// <summary>These options with another lookback (`costs recommend --lookback-days`).</summary>
    public CommitmentOptions WithLookback(TimeSpan lookback)
    {
        var copy = (CommitmentOptions)MemberwiseClone();
        copy.Lookback = lookback;
        return copy;
    }

    /// <summary>At most this many points on a curve (plus the levels that matter); the step stays a whole grid multiple.</summary>
    public int MaxCurvePoints { get; set; } = 200;

    internal int LookbackHours => (int)Lookback.TotalHours;
    internal int RecentHours => (int)RecentWindow.TotalHours;

    public void Validate(string path, List<string> errors)
    {
        if (Lookback < TimeSpan.FromDays(7) || Lookback.Ticks % TimeSpan.TicksPerHour != 0)
            errors.Add($"{path}:Lookback: must be whole hours, at least 7 days (is {Lookback}).");
        if (RecentWindow < TimeSpan.FromDays(1) || RecentWindow > Lookback || RecentWindow.Ticks % TimeSpan.TicksPerHour != 0)
            errors.Add($"{path}:RecentWindow: must be whole hours, at least 1 day and at most the lookback (is {RecentWindow}).");
        if (MinimumHistory < TimeSpan.Zero)
            errors.Add($"{path}:MinimumHistory: must not be negative (is {MinimumHistory}).");
        if (FlexibleOneYearDiscount is <= 0m or >= 1m)
            errors.Add($"{path}:FlexibleOneYearDiscount: must be a fraction above 0 and below 1 (is {Num(FlexibleOneYearDiscount)}).");
        if (FlexibleThreeYearDiscount is <= 0m or >= 1m)
            errors.Add($"{path}:FlexibleThreeYearDiscount: must be a fraction above 0 and below 1 (is {Num(FlexibleThreeYearDiscount)}).");
        if (TrendThreshold is <= 0m or >= 1m)
            errors.Add($"{path}:TrendThreshold: must be a fraction above 0 and below 1 (is {Num(TrendThreshold)}).");
        if (UncertaintyThreshold is <= 0m or >= 1m)
            errors.Add($"{path}:UncertaintyThreshold: must be a fraction above 0 and below 1 (is {Num(UncertaintyThreshold)}).");
        if (LadderMonths is < 1 or > 12)
            errors.Add($"{path}:LadderMonths: must be 1 to 12 (is {LadderMonths}).");
        if (MaxCurvePoints is < 10 or > 100_000)
            errors.Add($"{path}:MaxCurvePoints: must be 10 to 100000 (is {MaxCurvePoints}).");
    }
}

namespace Costs.CostAnalyzer.Commitments;

/// <summary>
/// The direction of a pool's usage: the least-squares slope of its weekly mean usage over the whole
/// weeks of a window, counted back from its last hour (an older part week is left out). Weekly means
/// do not see the daily and weekly cycles, so only a real change moves the slope.
/// </summary>
/// <param name="PerDay">Slope, in usage units per day; 0 with fewer than <see cref="MinimumWeeks"/> weeks.</param>
/// <param name="Mean">Mean usage over those weeks.</param>
/// <param name="Weeks">How many whole weeks were fitted.</param>
public sealed record UsageTrend(decimal PerDay, decimal Mean, int Weeks)
{
    public const int MinimumWeeks = 3;
    private const int HoursPerWeek = 168;

    /// <summary>The change the slope makes over the fitted weeks, as a share of the mean (−0.08: fell 8%).</summary>
    public decimal Change => Mean == 0m ? 0m : PerDay * 7m * Weeks / Mean;

    public static UsageTrend Fit(IReadOnlyList<decimal> hourly)
    {
        var weeks = hourly.Count / HoursPerWeek;
        if (weeks == 0) return new UsageTrend(0m, 0m, 0);
        var skip = hourly.Count - weeks * HoursPerWeek;
        var means = new decimal[weeks];
        for (var w = 0; w < weeks; w++)
        {
            var sum = 0m;
            for (var h = 0; h < HoursPerWeek; h++) sum += hourly[skip + w * HoursPerWeek + h];
            means[w] = sum / HoursPerWeek;
        }
        var mean = means.Average();
        if (weeks < MinimumWeeks) return new UsageTrend(0m, mean, weeks);
        var xMean = (weeks - 1) / 2m;
        decimal sxy = 0m, sxx = 0m;
        for (var w = 0; w < weeks; w++)
        {
            sxy += (w - xMean) * (means[w] - mean);
            sxx += (w - xMean) * (w - xMean);
        }
        return new UsageTrend(sxy / sxx / 7m, mean, weeks);
    }
}

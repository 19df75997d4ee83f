namespace Costs.CostApplication.CostInsights;

/// <summary>
/// The least-squares line through a daily aggregation, as the plugin draws it: x is the day's UTC
/// midnight in seconds since the Unix epoch, y the day's amount. Computed in decimal on day indexes
/// counted from the first day (small exact integers, so the sums are exact), then moved to seconds since
/// the epoch, and only then converted to the plugin's numbers. Pure.
/// </summary>
public static class TrendlineFit
{
    private const decimal SecondsPerDay = 86_400m;

    /// <summary>
    /// The fitted slope per day and value on the first day, exactly as decimal (up to decimal's 28 digits in
    /// the one division). With fewer than two days the line is flat through the mean (0 with no day).
    /// </summary>
    public static (decimal SlopePerDay, decimal AtFirstDay) Fit(IReadOnlyList<(DateOnly Day, decimal Amount)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) return (0m, 0m);
        var first = points[0].Day.DayNumber;
        decimal n = points.Count, st = 0m, stt = 0m, sy = 0m, sty = 0m;
        foreach (var (day, amount) in points)
        {
            decimal t = day.DayNumber - first;
            st += t;
            stt += t * t;
            sy += amount;
            sty += t * amount;
        }
        var denominator = n * stt - st * st;
        if (denominator == 0m) return (0m, sy / n);
        var slope = (n * sty - st * sy) / denominator;
        return (slope, (sy - slope * st) / n);
    }

    /// <summary>The plugin's trendline: slope per second and intercept at the epoch.</summary>
    public static Trendline Of(IReadOnlyList<(DateOnly Day, decimal Amount)> points)
    {
        var (perDay, atFirst) = Fit(points);
        if (points.Count == 0) return new Trendline(0d, 0d);
        var perSecond = perDay / SecondsPerDay;
        var firstSeconds = (points[0].Day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) * SecondsPerDay;
        return new Trendline((double)perSecond, (double)(atFirst - perSecond * firstSeconds));
    }
}

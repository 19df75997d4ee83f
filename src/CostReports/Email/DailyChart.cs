using System.Globalization;
using Costs.CostModel.Money;
using Costs.CostReports.Summary;
using ScottPlot;

namespace Costs.CostReports.Email;

/// <summary>
/// The picture in a report e-mail: the month's daily net cost by environment as a PNG line chart, drawn by
/// ScottPlot (SkiaSharp underneath), with a title, labelled axes, a legend and amounts in the currency.
/// Money is exact decimal everywhere else; here it becomes a double only as a pixel position on the chart,
/// and the e-mail's table beside it shows the exact amounts.
/// </summary>
public static class DailyChart
{
    public const int Width = 900;
    public const int Height = 450;

    /// <summary>
    /// The font the chart is drawn in, when the machine has it (the container image installs
    /// fonts-dejavu-core); else ScottPlot picks an installed one.
    /// </summary>
    public const string Font = "DejaVu Sans";

    /// <summary>The PNG, or null when there is no day to draw.</summary>
    public static byte[]? Png(DailyNet daily, Currency currency, string title)
    {
        ArgumentNullException.ThrowIfNull(daily);
        if (daily.Days.Count == 0) return null;
        using var plot = new Plot();
        plot.Font.Set(Font);
        // x is the day's position in the month's run of days; the ticks name the days (3 Nov).
        var xs = Enumerable.Range(0, daily.Days.Count).Select(i => (double)i).ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < daily.Series.Count; s++)
        {
            var ys = daily.Net.Select(day => (double)day[s]).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = daily.Series[s];
            line.Color = palette.GetColor(s);
            line.LineWidth = 2;
            line.MarkerSize = daily.Days.Count <= 31 ? 5 : 0;
        }
        var step = Math.Max(1, (daily.Days.Count + 15) / 16);
        var ticks = Enumerable.Range(0, daily.Days.Count).Where(i => i % step == 0).ToList();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(i => (double)i)],
            [.. ticks.Select(i => daily.Days[i].ToString("d MMM", CultureInfo.InvariantCulture))]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => MoneyText.Format(decimal.Round((decimal)v, 0), currency).Replace(".00", "", StringComparison.Ordinal),
        };
        var values = daily.Net.SelectMany(day => day).ToList();
        var low = (double)Math.Min(0m, values.Min());
        var high = (double)Math.Max(0m, values.Max());
        if (high <= low) high = low + 1;
        // Head room above the highest line for the legend.
        plot.Axes.SetLimits(-0.5, daily.Days.Count - 0.5, low, high + (high - low) * 0.25);
        plot.Title(title);
        plot.XLabel("Usage day (UTC)");
        plot.YLabel($"Net cost per day ({currency.Code})");
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.FontSize = 13;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The chart's title: what it shows, and for which month.</summary>
    public static string Title(DateOnly asOf) =>
        $"Daily net cost by environment, {asOf.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
}

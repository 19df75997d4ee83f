using System.Globalization;
using Costs.CostApplication.Pages;

namespace Costs.CostWeb.Pages;

/// <summary>
/// Net cost per day as an inline SVG column chart, drawn on the server (no script, nothing fetched): a y axis
/// with round ticks, the first of each month on the x axis, and a title and description for screen readers.
/// Coordinates are computed in decimal and written with invariant digits.
/// </summary>
internal static class SvgChart
{
    private const decimal Width = 960m, Height = 280m, Left = 72m, Right = 12m, Top = 14m, Bottom = 40m;

    public static void Write(Html html, string service, string currency, IReadOnlyList<DayNet> days)
    {
        var max = days.Count == 0 ? 0m : days.Max(d => d.Net);
        var min = days.Count == 0 ? 0m : Math.Min(0m, days.Min(d => d.Net));
        var step = TickStep(max - min);
        var top = Math.Ceiling(max / step) * step;
        var bottom = Math.Floor(min / step) * step;
        if (top == bottom) top = bottom + step;
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        decimal Y(decimal v) => Top + (top - v) / (top - bottom) * plotH;
        var slot = days.Count == 0 ? plotW : plotW / days.Count;

        html.Raw($"<svg class=\"chart\" viewBox=\"0 0 {N(Width)} {N(Height)}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        html.Raw("<title id=\"chart-title\">").Text($"Net cost per day of {service}, {currency}").Raw("</title>");
        html.Raw("<desc id=\"chart-desc\">").Text(Description(currency, days)).Raw("</desc>");
        for (var v = bottom; v <= top; v += step)
        {
            html.Raw($"<line class=\"grid\" x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(Y(v))}\" y2=\"{N(Y(v))}\"/>");
            html.Raw($"<text class=\"tick\" x=\"{N(Left - 6m)}\" y=\"{N(Y(v) + 4m)}\" text-anchor=\"end\">").Text(Html.Number(v, "#,##0.##")).Raw("</text>");
        }
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            var y0 = Y(Math.Max(0m, d.Net));
            var h = Math.Abs(Y(d.Net) - Y(0m));
            html.Raw($"<rect class=\"{(d.Net < 0m ? "bar neg" : "bar")}\" x=\"{N(Left + i * slot + slot * 0.1m)}\" y=\"{N(y0)}\" width=\"{N(slot * 0.8m)}\" height=\"{N(h)}\">");
            html.Raw("<title>").Text($"{Html.Day(d.Day)}: {Html.Money(d.Net)} {currency}").Raw("</title></rect>");
            if (d.Day.Day == 1 || i == 0)
                html.Raw($"<text class=\"tick\" x=\"{N(Left + i * slot)}\" y=\"{N(Height - Bottom + 16m)}\">")
                    .Text(d.Day.ToString("d MMM", CultureInfo.InvariantCulture)).Raw("</text>");
        }
        html.Raw($"<line class=\"axis\" x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(Y(0m))}\" y2=\"{N(Y(0m))}\"/>");
        html.Raw($"<text class=\"tick\" x=\"{N(Left)}\" y=\"{N(Height - 4m)}\">").Text($"{currency} per day").Raw("</text>");
        html.Raw("</svg>");
    }

    /// <summary>What the chart shows, in words: the period, the total, the highest and lowest day, the last day.</summary>
    public static string Description(string currency, IReadOnlyList<DayNet> days)
    {
        if (days.Count == 0) return "No days to show.";
        var high = days.OrderByDescending(d => d.Net).ThenBy(d => d.Day).First();
        var low = days.OrderBy(d => d.Net).ThenBy(d => d.Day).First();
        return $"{days.Count} days from {Html.Day(days[0].Day)} to {Html.Day(days[^1].Day)}: {Html.Money(days.Sum(d => d.Net))} {currency} in all; " +
            $"highest {Html.Money(high.Net)} on {Html.Day(high.Day)}, lowest {Html.Money(low.Net)} on {Html.Day(low.Day)}, " +
            $"last day {Html.Money(days[^1].Net)}. The table below lists every day.";
    }

    /// <summary>A round step (1, 2 or 5 times a power of ten) that cuts <paramref name="range"/> into about four.</summary>
    internal static decimal TickStep(decimal range)
    {
        if (range <= 0m) return 1m;
        var rough = range / 4m;
        var power = 1m;
        while (power * 10m <= rough) power *= 10m;
        while (power > rough && power > 0.01m) power /= 10m;
        foreach (var m in new[] { 1m, 2m, 5m, 10m })
            if (power * m >= rough) return power * m;
        return power * 10m;
    }

    private static string N(decimal v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

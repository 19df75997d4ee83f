using System.Globalization;
using System.Net;
using System.Text;
using Costs.CostModel.Money;
using Costs.CostReports.Chat;
using Costs.CostReports.Summary;

namespace Costs.CostReports.Email;

/// <summary>A service (or team) whose spend moved most between two periods.</summary>
public sealed record Mover(string Name, decimal Previous, decimal Current)
{
    public decimal Change => Current - Previous;
}

/// <summary>
/// The key figures of a report e-mail. <see cref="LastMonthSamePeriod"/> is last month up to the same
/// day of month (the fair comparison for month to date); <see cref="LastMonth"/> is all of last month.
/// The integrator maps the workbook's report facts onto this.
/// </summary>
public sealed record ReportFigures(
    string Scope,
    DateOnly AsOf,
    Currency Currency,
    decimal MonthToDate,
    decimal LastMonthSamePeriod,
    decimal LastMonth,
    IReadOnlyList<Mover> TopMovers)
{
    public decimal Change => MonthToDate - LastMonthSamePeriod;

    /// <summary>The month's daily net by environment: the chart's numbers, and the table beside it.</summary>
    public DailyNet Daily { get; init; } = new([], [], [], []);
}

/// <summary>
/// The HTML body of a report e-mail. Every piece of data text is HTML-escaped, and stripped of control
/// characters (which HTML forbids, and which a mail client may act on) and of the invisible characters
/// that reorder text (bidirectional overrides), so that a name cannot disguise the figures beside it.
/// </summary>
public static class ReportEmail
{
    public const string WorkbookMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The Content-ID of the chart's PNG, which the body shows as <c>cid:</c>.</summary>
    public const string ChartContentId = "daily-cost@costs";

    public static string Subject(ReportFigures f) =>
        Strip($"Costs {f.Scope}: {Money(f.MonthToDate, f.Currency)} month to date ({f.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");

    /// <param name="chart">Whether the chart's PNG is attached as <see cref="ChartContentId"/> (no days: no picture).</param>
    public static string Html(ReportFigures f, IReadOnlyList<ChatMessage> openAlerts, bool chart = false)
    {
        var h = new StringBuilder();
        var day = f.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        h.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(E($"Costs: {f.Scope}")).Append("</title></head>\n");
        h.Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124\">\n");
        h.Append("<h1 style=\"font-size:20px\">Costs: ").Append(E(f.Scope)).Append("</h1>\n");
        h.Append("<p>Figures through ").Append(E(day)).Append(", in ").Append(E(f.Currency.Code)).Append(". The workbook is attached.</p>\n");
        h.Append("<table cellpadding=\"6\" style=\"border-collapse:collapse\">\n");
        Row(h, "Month to date", Money(f.MonthToDate, f.Currency));
        Row(h, "Last month, same days", Money(f.LastMonthSamePeriod, f.Currency));
        Row(h, "Change", Signed(f.Change, f.Currency) + (f.LastMonthSamePeriod != 0m ? $" ({Pct(f.Change / f.LastMonthSamePeriod * 100m)})" : ""));
        Row(h, "Last month, whole", Money(f.LastMonth, f.Currency));
        h.Append("</table>\n");

        Daily(h, f, chart);

        h.Append("<h2 style=\"font-size:16px\">Top movers</h2>\n");
        if (f.TopMovers.Count == 0) h.Append("<p>No service moved.</p>\n");
        else
        {
            h.Append("<table cellpadding=\"6\" style=\"border-collapse:collapse\">\n<tr><th align=\"left\">Service</th><th align=\"right\">Before</th><th align=\"right\">Now</th><th align=\"right\">Change</th></tr>\n");
            foreach (var m in f.TopMovers)
                h.Append("<tr><td>").Append(E(m.Name)).Append("</td><td align=\"right\">").Append(E(Money(m.Previous, f.Currency)))
                 .Append("</td><td align=\"right\">").Append(E(Money(m.Current, f.Currency)))
                 .Append("</td><td align=\"right\">").Append(E(Signed(m.Change, f.Currency))).Append("</td></tr>\n");
            h.Append("</table>\n");
        }

        h.Append("<h2 style=\"font-size:16px\">Open alerts</h2>\n");
        if (openAlerts.Count == 0) h.Append("<p>No open alerts.</p>\n");
        else
        {
            h.Append("<ul>\n");
            foreach (var a in openAlerts)
            {
                h.Append("<li><strong>").Append(E(a.Title)).Append("</strong> (").Append(E(a.Severity)).Append(")<br>").Append(E(a.What));
                foreach (var fact in a.Facts) h.Append("<br>").Append(E(fact.Label)).Append(": ").Append(E(fact.Value));
                h.Append("<br><em>What to do:</em> ").Append(E(a.Action)).Append("</li>\n");
            }
            h.Append("</ul>\n");
        }
        h.Append("<p style=\"color:#5f6368;font-size:12px\">Sent by Costs. Amounts are net of credits.</p>\n</body></html>\n");
        return h.ToString();
    }

    /// <summary>
    /// The month's daily net by environment: the chart (a <c>cid:</c> picture) and the same numbers as a table,
    /// for readers that block images; one row per day, one column per environment, and the day's total.
    /// </summary>
    private static void Daily(StringBuilder h, ReportFigures f, bool chart)
    {
        var d = f.Daily;
        if (d.Days.Count == 0) return;
        var title = DailyChart.Title(f.AsOf);
        h.Append("<h2 style=\"font-size:16px\">").Append(E(title)).Append("</h2>\n");
        if (chart)
            h.Append("<p><img src=\"cid:").Append(ChartContentId).Append("\" width=\"").Append(DailyChart.Width)
             .Append("\" height=\"").Append(DailyChart.Height).Append("\" style=\"max-width:100%;height:auto\" alt=\"")
             .Append(E($"Line chart: {title}, in {f.Currency.Code}. The table below has the same numbers.")).Append("\"></p>\n");
        h.Append("<table id=\"daily\" cellpadding=\"4\" style=\"border-collapse:collapse;font-size:12px\">\n<tr><th scope=\"col\" align=\"left\">Day</th>");
        foreach (var series in d.Series) h.Append("<th scope=\"col\" align=\"right\">").Append(E(series)).Append("</th>");
        h.Append("<th scope=\"col\" align=\"right\">Total</th></tr>\n");
        for (var i = 0; i < d.Days.Count; i++)
        {
            h.Append("<tr><th scope=\"row\" align=\"left\">").Append(d.Days[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</th>");
            foreach (var value in d.Net[i]) h.Append("<td align=\"right\">").Append(E(Money(value, f.Currency))).Append("</td>");
            h.Append("<td align=\"right\"><strong>").Append(E(Money(d.Totals[i], f.Currency))).Append("</strong></td></tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void Row(StringBuilder h, string label, string value) =>
        h.Append("<tr><td>").Append(E(label)).Append("</td><td align=\"right\"><strong>").Append(E(value)).Append("</strong></td></tr>\n");

    private static string E(string text) => WebUtility.HtmlEncode(Strip(text));

    /// <summary>Data text without control characters (tab, CR and LF become spaces) and without bidi controls.</summary>
    internal static string Strip(string text)
    {
        if (!text.AsSpan().ContainsAny(Stripped)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\r' or '\n') sb.Append(' ');
            else if (!Stripped.Contains(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Stripped = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7f, 0x21)).Select(i => (char)i))
        + "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");

    /// <summary>Same convention as the alerts: "$1,234.56" for USD, "1,234.56 EUR" otherwise.</summary>
    internal static string Money(decimal amount, Currency currency) => MoneyText.Format(amount, currency);

    private static string Signed(decimal amount, Currency currency) => (amount > 0m ? "+" : "") + Money(amount, currency);

    private static string Pct(decimal p) =>
        (p > 0m ? "+" : "") + Math.Round(p, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

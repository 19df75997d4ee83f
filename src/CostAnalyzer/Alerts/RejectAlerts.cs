using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>
/// Rows of the bill that could not be read: they are in no figure, so a month that looks complete may not
/// be. One alert per invoice month from <c>asOf</c>'s month back to two months before it that holds
/// rejected rows, and one for rejected rows with no readable day. The key names the count, so each new
/// rejected row alerts again and a reload of the same rows does not.
/// </summary>
public static class RejectAlerts
{
    /// <param name="fallback">The currency of an alert whose rows' amounts are in several currencies, or in none that could be read.</param>
    public static IEnumerable<Alert> Detect(IReadOnlyList<Reject> rejects, DateOnly asOf, Currency fallback)
    {
        ArgumentNullException.ThrowIfNull(rejects);
        var last = InvoiceMonth.Of(asOf);
        var first = InvoiceMonth.Of(new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-2));
        foreach (var month in rejects.Where(r => r.Facts.Month is { } m && m.CompareTo(first) >= 0 && m.CompareTo(last) <= 0)
                     .GroupBy(r => r.Facts.Month!.Value).OrderBy(g => g.Key))
            yield return Build(month.ToList(), $"{month.Key.Year:D4}-{month.Key.Month:D2}", $"invoice month {month.Key}", fallback);
        var undated = rejects.Where(r => r.Facts.Month is null).ToList();
        if (undated.Count > 0) yield return Build(undated, "undated", "with no readable usage day", fallback);
    }

    private static Alert Build(IReadOnlyList<Reject> rows, string scope, string where, Currency fallback)
    {
        var tally = RejectedRows.Of(rows);
        var example = rows[0];
        return new Alert
        {
            Key = $"rejected-rows:{scope}:{tally.Count}",
            Kind = AlertKind.RejectedRows,
            Severity = AlertSeverity.Warning,
            Title = $"{tally.Count:N0} billing row{(tally.Count == 1 ? "" : "s")} rejected, {where}",
            What = $"{tally.Count:N0} row{(tally.Count == 1 ? "" : "s")} of the billing data ({where}) could not be read: "
                + "they are in no figure of the reports, so the month's totals may be short.",
            HowMuch = tally.Describe(),
            ComparedWith = "no rejected rows",
            Action = $"Fix or re-export the rows, then load the file again. The store's reject table lists each with file, line, field and value; the first: {example}.",
            Currency = tally.Amounts.Count == 1 ? tally.Amounts[0].Currency : fallback,
        };
    }
}

using Costs.CostModel.Allocation;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>
/// One item of a breakdown: its net month to date, its net over the whole of last month, and its cost, credits
/// and net over the whole period in the input, with its share of the total net (a fraction; null when the
/// total is zero).
/// </summary>
public sealed record BreakdownLine(
    string Name, decimal MonthToDate, decimal LastMonth, decimal Cost, decimal Credits, decimal Net, decimal? Share)
{
    /// <summary>The part of <see cref="Net"/> that other workloads' shared costs brought (<see cref="AllocationRow.Shared"/>).</summary>
    public decimal SharedNet { get; init; }

    /// <summary>The fixed monthly amounts (not on the bill, kind fixed) charged to this item: never part of <see cref="Net"/>.</summary>
    public decimal FixedNet { get; init; }
}

/// <summary>Net cost per service, team or environment: the figures behind those sheets.</summary>
public static class Breakdowns
{
    /// <summary>
    /// Every item of <paramref name="dimension"/>, biggest net month to date first (then biggest net, then
    /// name). The lines' Net sum exactly to the net of the input's rows in its currency. The fixed monthly amounts
    /// (<see cref="ReportInput.FixedShares"/>) are summed apart, in <see cref="BreakdownLine.FixedNet"/>; an item that
    /// only has fixed amounts has a line with no billed cost.
    /// </summary>
    public static IReadOnlyList<BreakdownLine> By(ReportInput input, ReportDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(input);
        var periods = ReportPeriods.For(input.AsOf);
        var sums = new Dictionary<string, Sums>(StringComparer.Ordinal);
        foreach (var row in input.RowsInCurrency())
        {
            var name = ReportLabels.Of(row, dimension);
            if (!sums.TryGetValue(name, out var s)) sums[name] = s = new Sums();
            s.Cost += row.Cost;
            s.Credits += row.Credits;
            if (periods.MonthToDate.Contains(row.Day)) s.MonthToDate += row.Net;
            if (periods.LastMonth.Contains(row.Day)) s.LastMonth += row.Net;
            if (row.Shared) s.Shared += row.Net;
        }
        foreach (var row in input.FixedShares.Where(r => r.Currency == input.Currency))
        {
            var name = ReportLabels.Of(row, dimension);
            if (!sums.TryGetValue(name, out var s)) sums[name] = s = new Sums();
            s.Fixed += row.Net;
        }

        var total = sums.Values.Sum(s => s.Cost + s.Credits);
        return sums
            .Select(kv => new BreakdownLine(kv.Key, kv.Value.MonthToDate, kv.Value.LastMonth, kv.Value.Cost,
                kv.Value.Credits, kv.Value.Cost + kv.Value.Credits, ReportLabels.Share(kv.Value.Cost + kv.Value.Credits, total))
            { SharedNet = kv.Value.Shared, FixedNet = kv.Value.Fixed })
            .OrderByDescending(l => l.MonthToDate).ThenByDescending(l => l.Net).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class Sums
    {
        public decimal MonthToDate;
        public decimal LastMonth;
        public decimal Cost;
        public decimal Credits;
        public decimal Shared;
        public decimal Fixed;
    }
}

using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>
/// Net cost per day and environment: <see cref="Days"/> runs without gaps from the first to the last day in the
/// input; <c>Net[d][s]</c> is day d's net for series s; <see cref="Totals"/> is each day's net over all series.
/// </summary>
public sealed record DailyNet(
    IReadOnlyList<DateOnly> Days, IReadOnlyList<string> Series, IReadOnlyList<IReadOnlyList<decimal>> Net,
    IReadOnlyList<decimal> Totals);

/// <summary>Builds the day × environment table behind the Daily sheet and its chart.</summary>
public static class DailyNets
{
    /// <summary>Name of the series that gathers the environments beyond the biggest ones.</summary>
    public const string Other = "(other)";

    /// <summary>
    /// At most <paramref name="maxSeries"/> series: when there are more environments, the biggest by net over
    /// the whole period keep their own series and the rest are summed into <see cref="Other"/>.
    /// </summary>
    public static DailyNet Compute(ReportInput input, int maxSeries = 8)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeries, 2);
        var cells = new Dictionary<(DateOnly, string), decimal>();
        var byEnvironment = new Dictionary<string, decimal>(StringComparer.Ordinal);
        DateOnly? first = null, last = null;
        foreach (var row in input.RowsInCurrency())
        {
            var env = ReportLabels.Of(row, ReportDimension.Environment);
            cells[(row.Day, env)] = cells.GetValueOrDefault((row.Day, env)) + row.Net;
            byEnvironment[env] = byEnvironment.GetValueOrDefault(env) + row.Net;
            if (first is null || row.Day < first) first = row.Day;
            if (last is null || row.Day > last) last = row.Day;
        }
        if (first is null || last is null) return new DailyNet([], [], [], []);

        var ranked = byEnvironment
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key).ToList();
        var kept = ranked.Count <= maxSeries ? ranked : ranked.Take(maxSeries - 1).ToList();
        var series = ranked.Count <= maxSeries ? kept : [.. kept, Other];
        var index = kept.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

        var days = new List<DateOnly>();
        var net = new List<IReadOnlyList<decimal>>();
        var totals = new List<decimal>();
        for (var day = first.Value; day <= last.Value; day = day.AddDays(1))
        {
            var values = new decimal[series.Count];
            foreach (var env in ranked)
            {
                if (!cells.TryGetValue((day, env), out var v)) continue;
                values[index.TryGetValue(env, out var i) ? i : series.Count - 1] += v;
            }
            days.Add(day);
            net.Add(values);
            totals.Add(values.Sum());
        }
        return new DailyNet(days, series, net, totals);
    }
}

using System.Globalization;
using Costs.CostModel.Allocation;
using Costs.CostModel.Time;

namespace Costs.CostApplication.CostInsights;

/// <summary>
/// The Cost Insights figures of a set of allocation rows: daily costs with their change and trend, and a
/// product's entity tree. Sums are exact decimal net cost (cost + credits), as <c>costs query</c> sums
/// them. Days after the last complete billing day are left out, never shown as zero. Pure.
/// </summary>
public static class CostInsightsFigures
{
    /// <summary>The id of a breakdown's part whose dimension is not attributed (a billing line with no project).</summary>
    public const string NotAttributed = "(none)";

    /// <summary>
    /// The daily cost of <paramref name="rows"/> over the days of <paramref name="intervals"/> up to
    /// <paramref name="lastComplete"/>: one entry a day (zero where nothing was billed), the change between
    /// the last two periods (none with one period), the trend, and one breakdown per entry of
    /// <paramref name="breakdowns"/> (each part a <see cref="Cost"/> of its own, biggest first).
    /// </summary>
    public static Cost DailyCost(string id, IReadOnlyCollection<AllocationRow> rows, RepeatingInterval intervals, DateOnly? lastComplete,
        IReadOnlyList<(string Key, GroupDimension By)> breakdowns)
    {
        var cost = Daily(id, rows, intervals, lastComplete);
        if (breakdowns.Count == 0) return cost;
        var grouped = new Dictionary<string, IReadOnlyList<Cost>>(StringComparer.Ordinal);
        foreach (var (key, by) in breakdowns)
            grouped[key] = rows.GroupBy(r => r.ValueOf(by) ?? NotAttributed, StringComparer.Ordinal)
                .Select(g => Daily(g.Key, g.ToList(), intervals, lastComplete))
                .OrderByDescending(c => c.Aggregation.Sum(a => a.Amount)).ThenBy(c => c.Id, StringComparer.Ordinal)
                .ToList();
        return cost with { GroupedCosts = grouped };
    }

    /// <summary>
    /// A product's entity: net cost in the previous and the last period of <paramref name="intervals"/> (two
    /// or more), with sub-entities by service and, under each, by SKU and by environment. A row that no
    /// rule attributed to a service (unallocated, idle, overhead) is the service entity with a null id.
    /// </summary>
    public static Entity ProductEntity(string id, IReadOnlyCollection<AllocationRow> rows, RepeatingInterval intervals, DateOnly? lastComplete)
    {
        var periods = intervals.Periods;
        if (periods.Count < 2)
            throw new FormatException($"intervals: '{intervals}': product insights compare two periods; give R2 or more.");
        var (previous, last) = (Clip(periods[^2], lastComplete), Clip(periods[^1], lastComplete));
        var mine = rows.Where(r => previous.Contains(r.Day) || last.Contains(r.Day)).ToList();
        var services = mine.GroupBy(r => r.Kind == CostKind.Allocated ? r.Dimensions.Service : null)
            .Select(g => Node(g.Key, g.ToList(), previous, last, new Dictionary<string, IReadOnlyList<Entity>>
            {
                ["sku"] = Leaves(g, GroupDimension.Sku, previous, last),
                ["environment"] = Leaves(g, GroupDimension.Environment, previous, last),
            }))
            .OrderByDescending(e => e.Aggregation[1]).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        return Node(id, mine, previous, last, new Dictionary<string, IReadOnlyList<Entity>> { ["service"] = services });
    }

    /// <summary>The change from <paramref name="previous"/> to <paramref name="last"/>; no ratio when the previous is zero.</summary>
    public static ChangeStatistic Change(decimal previous, decimal last) =>
        new(previous == 0m ? null : (double)((last - previous) / previous), last - previous);

    /// <summary>The days of <paramref name="intervals"/> that are shown: up to <paramref name="lastComplete"/>, none without it.</summary>
    public static DateRange ShownDays(RepeatingInterval intervals, DateOnly? lastComplete) => Clip(intervals.Span, lastComplete);

    private static Cost Daily(string id, IReadOnlyCollection<AllocationRow> rows, RepeatingInterval intervals, DateOnly? lastComplete)
    {
        var shown = ShownDays(intervals, lastComplete);
        var byDay = new Dictionary<DateOnly, decimal>();
        foreach (var r in rows)
            if (shown.Contains(r.Day)) byDay[r.Day] = byDay.GetValueOrDefault(r.Day) + r.Net;
        var points = Enumerable.Range(0, shown.Days).Select(i => shown.Start.AddDays(i))
            .Select(d => (Day: d, Amount: byDay.GetValueOrDefault(d))).ToList();
        var periods = intervals.Periods;
        ChangeStatistic? change = null;
        if (periods.Count >= 2)
        {
            var (previous, last) = (periods[^2], periods[^1]);
            change = Change(points.Where(p => previous.Contains(p.Day)).Sum(p => p.Amount), points.Where(p => last.Contains(p.Day)).Sum(p => p.Amount));
        }
        var aggregation = points.Select(p => new DateAggregation(p.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Amount)).ToList();
        return new Cost(id, aggregation, change, TrendlineFit.Of(points), null);
    }

    private static IReadOnlyList<Entity> Leaves(IEnumerable<AllocationRow> rows, GroupDimension by, DateRange previous, DateRange last) =>
        rows.GroupBy(r => r.ValueOf(by))
            .Select(g => Node(g.Key, g.ToList(), previous, last, new Dictionary<string, IReadOnlyList<Entity>>()))
            .OrderByDescending(e => e.Aggregation[1]).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();

    private static Entity Node(string? id, IReadOnlyCollection<AllocationRow> rows, DateRange previous, DateRange last,
        IReadOnlyDictionary<string, IReadOnlyList<Entity>> entities)
    {
        var before = rows.Where(r => previous.Contains(r.Day)).Sum(r => r.Net);
        var now = rows.Where(r => last.Contains(r.Day)).Sum(r => r.Net);
        return new Entity(id, [before, now], Change(before, now), entities);
    }

    private static DateRange Clip(DateRange range, DateOnly? lastComplete)
    {
        if (lastComplete is not { } day) return new DateRange(range.Start, range.Start);
        var end = day.AddDays(1) < range.EndExclusive ? day.AddDays(1) : range.EndExclusive;
        return end < range.Start ? new DateRange(range.Start, range.Start) : new DateRange(range.Start, end);
    }
}

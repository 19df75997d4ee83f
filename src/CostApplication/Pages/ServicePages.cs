using Costs.CostAnalyzer.Rightsizing;
using Costs.CostApplication.Query;
using Costs.CostApplication.Recommend;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Summary;
using Costs.CostReports.Workbook;

namespace Costs.CostApplication.Pages;

/// <summary>
/// The service pages use case: the index of services and one service's page, as of the last billed day.
/// Every figure comes from <see cref="QueryCosts"/>' checked rows (so a page shows what `costs query` shows
/// for the same days), the report's periods and workload lines, and the rightsizing of <see cref="RecommendCosts"/>.
/// </summary>
public sealed class ServicePages(CostStore store, QueryCosts query, RecommendCosts recommend)
{
    private const decimal GiB = 1024m * 1024m * 1024m;

    public async Task<ServiceIndex> IndexAsync(string? currency, CancellationToken ct)
    {
        var (periods, rows, _) = await LoadAsync(currency, ct);
        var lines = rows.Rows.GroupBy(r => r.ValueOf(GroupDimension.Service) ?? "")
            .Select(g => new ServiceLine(g.Key, g.First().Kind == CostKind.Allocated, Net(g, periods)))
            .OrderByDescending(l => l.Net.MonthToDate).ThenByDescending(l => l.Net.LastMonth).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();
        return new ServiceIndex(rows.Currency, periods, lines, Net(rows.Rows, periods));
    }

    /// <summary>The page of <paramref name="service"/>; null when no cost in the last 90 days or last month names it.</summary>
    public async Task<ServicePage?> PageAsync(string service, string? currency, CancellationToken ct)
    {
        var (periods, rows, firstDay) = await LoadAsync(currency, ct);
        var mine = rows.Rows.Where(r => r.Kind == CostKind.Allocated && r.Dimensions.Service == service).ToList();
        if (mine.Count == 0) return null;

        var byDay = mine.Where(r => periods.Chart.Contains(r.Day)).GroupBy(r => r.Day).ToDictionary(g => g.Key, g => g.Sum(r => r.Net));
        // Days before the store's first are no data, not zero cost: the chart starts at the first billed day.
        var start = firstDay > periods.Chart.Start ? firstDay : periods.Chart.Start;
        var daily = Enumerable.Range(0, periods.Chart.EndExclusive.DayNumber - start.DayNumber).Select(start.AddDays)
            .Select(d => new DayNet(d, byDay.GetValueOrDefault(d))).ToList();

        var efficiency = (await store.ReadEfficiencyAsync(periods.Report.MonthToDate, ct))
            .Where(e => e.Service == service && e.Currency.Code == rows.Currency).ToList();
        var workloads = ClusterBreakdown.Workloads(new ReportInput([], [], periods.AsOf, new Currency(rows.Currency), "") { Efficiency = efficiency });
        var (advice, notes) = await AdviceAsync(periods.AsOf, workloads, ct);

        var projects = mine.Select(r => r.Dimensions.Project).Where(p => p is not null).ToHashSet(StringComparer.Ordinal);
        return new ServicePage(service, rows.Currency, periods, Net(mine, periods), daily,
            Split(mine, periods, d => d.Environment), Split(mine, periods, d => d.Cluster),
            Split(mine, periods, d => d.Sku), Split(mine, periods, d => d.Team),
            Missing(mine.Where(r => r.Missing.Length > 0), periods, r => "missing labels: " + r.Missing),
            Missing(rows.Rows.Where(r => r.Kind == CostKind.Unallocated && projects.Contains(r.Dimensions.Project)), periods, KindLabels.WhyUnallocated),
            workloads, advice, notes);
    }

    private async Task<(PagePeriods Periods, QueryRows Rows, DateOnly FirstDay)> LoadAsync(string? currency, CancellationToken ct)
    {
        var billed = await store.ReadBilledDaysAsync(DateRange.Everything, ct);
        if (billed.Count == 0)
            throw new StageException(FailureKind.Failure, "The store holds no analyzed billing data: load some with `costs ingest`, or try `costs demo`.");
        var periods = PagePeriods.For(billed.Max(b => b.Day));
        return (periods, await query.LoadAsync(periods.Loaded, currency, ct), billed.Min(b => b.Day));
    }

    /// <summary>Rightsizing of the service's workloads only; the notes that name one of them.</summary>
    private async Task<(IReadOnlyList<WorkloadAdvice>, IReadOnlyList<string>)> AdviceAsync(DateOnly asOf, IReadOnlyList<WorkloadLine> workloads,
        CancellationToken ct)
    {
        if (workloads.Count == 0) return ([], []);
        var keys = workloads.Where(w => w.Workload is not null).Select(w => (w.Cluster, w.Namespace, w.Workload!)).ToHashSet();
        var (rightsizing, notes) = await recommend.RightsizingAsync(asOf, ct);
        var advice = rightsizing.Where(r => keys.Contains((r.Cluster, r.Namespace, r.Workload)))
            .Select(r => new WorkloadAdvice(r.Cluster, r.Namespace, r.Workload, Action(r), r.MonthlySavings, r.Reason))
            .OrderByDescending(a => a.MonthlySavings).ThenBy(a => a.Workload, StringComparer.Ordinal).ToList();
        var mine = notes.Where(n => !n.Contains('/', StringComparison.Ordinal)
            || keys.Any(k => n.StartsWith($"{k.Cluster}/{k.Namespace}/{k.Item3}:", StringComparison.Ordinal))).ToList();
        return (advice, mine);
    }

    private static string Action(RightsizingRecommendation r) => r.Resource switch
    {
        RequestResource.Cpu => $"CPU request {Num(r.CurrentRequest)} → {Num(r.RecommendedRequest)} cores per pod",
        RequestResource.Memory => $"memory request {Num(r.CurrentRequest / GiB)} → {Num(r.RecommendedRequest / GiB)} GiB per pod",
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Resource, "Unknown resource."),
    };

    private static string Num(decimal value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static PeriodNet Net(IEnumerable<AllocationRow> rows, PagePeriods periods)
    {
        decimal mtd = 0m, same = 0m, last = 0m;
        foreach (var r in rows)
        {
            if (periods.Report.MonthToDate.Contains(r.Day)) mtd += r.Net;
            if (periods.Report.LastMonthSamePeriod.Contains(r.Day)) same += r.Net;
            if (periods.Report.LastMonth.Contains(r.Day)) last += r.Net;
        }
        return new PeriodNet(mtd, same, last);
    }

    private static IReadOnlyList<SplitLine> Split(IEnumerable<AllocationRow> rows, PagePeriods periods, Func<Dimensions, string?> key) =>
        rows.GroupBy(r => key(r.Dimensions))
            .Select(g => new SplitLine(g.Key, Net(g, periods)))
            .Where(l => l.Net.MonthToDate != 0m || l.Net.LastMonthSameDays != 0m)
            .OrderByDescending(l => l.Net.MonthToDate).ThenBy(l => l.Name, StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<MissingLabelLine> Missing(IEnumerable<AllocationRow> rows, PagePeriods periods, Func<AllocationRow, string> why) =>
        rows.Where(r => periods.Chart.Contains(r.Day))
            .GroupBy(r => (r.Dimensions.Project, r.Dimensions.CloudService, r.Dimensions.Sku, Why: why(r)))
            .Select(g => new MissingLabelLine(g.Key.Project, g.Key.CloudService, g.Key.Sku, g.Key.Why,
                g.Where(r => periods.Report.MonthToDate.Contains(r.Day)).Sum(r => r.Net), g.Sum(r => r.Net)))
            .Where(l => l.Net90Days != 0m)
            .OrderByDescending(l => l.Net90Days).ThenBy(l => l.Project, StringComparer.Ordinal)
            .ThenBy(l => l.CloudService, StringComparer.Ordinal).ThenBy(l => l.Sku, StringComparer.Ordinal)
            .ToList();
}

using Costs.CostApplication.Query;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Email;
using Costs.CostReports.Summary;
using Costs.CostReports.Workbook;

namespace Costs.CostApplication.Metrics;

/// <summary>
/// The figures of one currency for the current month to date (as of the last billed day): the groups that
/// `costs query --by service|team|environment|cluster --from FIRST --to AS_OF` gives, their total, and each
/// cluster's idle share as the workbook's Clusters sheet has it (idle ÷ the cluster's net).
/// </summary>
public sealed record CurrencyMetrics(string Currency, IReadOnlyDictionary<GroupDimension, IReadOnlyList<CostGroup>> Groups, CostTotals Total,
    IReadOnlyList<ClusterLine> Clusters)
{
    /// <summary>Idle ÷ net over every cluster; null when the clusters cost nothing.</summary>
    public decimal? IdleShare => Clusters.Sum(c => c.Net) is var net && net == 0m ? null : Clusters.Sum(c => c.Idle) / net;
}

/// <summary>What /metrics exposes: the month's figures per currency, the day they are as of, and when each stage last succeeded.</summary>
public sealed record MetricsSnapshot(DateOnly? AsOf, DateRange? MonthToDate, IReadOnlyList<CurrencyMetrics> Currencies, IReadOnlyList<StageTime> Stages);

/// <summary>
/// The metrics use case: the current month's cost per service, team, environment and cluster from
/// <see cref="QueryCosts"/>' checked rows (the figures `query` shows), the idle share, and the stage times
/// the store records. An empty store gives no figures, only the stage times.
/// </summary>
public sealed class CostMetrics(CostStore store, QueryCosts query)
{
    public static readonly IReadOnlyList<GroupDimension> Dimensions =
        [GroupDimension.Service, GroupDimension.Team, GroupDimension.Environment, GroupDimension.Cluster];

    public async Task<MetricsSnapshot> RunAsync(CancellationToken ct)
    {
        var stages = await store.StageTimesAsync(ReportMailing.Channel, ct);
        var billed = await store.ReadBilledDaysAsync(DateRange.Everything, ct);
        if (billed.Count == 0) return new MetricsSnapshot(null, null, [], stages);
        var asOf = billed.Max(b => b.Day);
        var mtd = ReportPeriods.For(asOf).MonthToDate;
        var list = new List<CurrencyMetrics>();
        foreach (var currency in billed.Where(b => mtd.Contains(b.Day)).Select(b => b.Currency.Code).Distinct().Order(StringComparer.Ordinal))
        {
            var rows = await query.LoadAsync(mtd, currency, ct);
            var groups = Dimensions.ToDictionary(d => d, d => Grouping.GroupBy(rows.Rows, [d]));
            var clusters = ClusterBreakdown.Clusters(new ReportInput(rows.Rows, [], asOf, new Currency(currency), ""))
                .Where(c => c.NodePool is null).ToList();
            list.Add(new CurrencyMetrics(currency, groups, rows.Total, clusters));
        }
        return new MetricsSnapshot(asOf, mtd, list, stages);
    }
}

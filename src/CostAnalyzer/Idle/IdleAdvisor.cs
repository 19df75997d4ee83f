using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Idle;

/// <summary>
/// Clusters and node pools that stay idle. Per cluster (or node pool) and currency, over the days given
/// that have a cost, the idle share (idle net ÷ total net) must be above the threshold on every day,
/// and there must be at least the minimum number of such days. Pure.
/// </summary>
public static class IdleAdvisor
{
    public static IReadOnlyList<IdleRecommendation> Recommend(IEnumerable<IdleDay> days, IdleOptions options)
    {
        OptionsCheck.ThrowIfInvalid(options.Validate, "Idle");
        return days.Where(d => d.TotalNet > 0m)
            .GroupBy(d => (d.Cluster, d.NodePool, d.Currency))
            .Select(g => Judge(g.OrderBy(d => d.Day).ToList(), options))
            .OfType<IdleRecommendation>()
            .OrderByDescending(r => r.MonthlyIdle).ThenBy(r => r.Cluster, StringComparer.Ordinal)
            .ThenBy(r => r.NodePool, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Idle days from allocation rows: per day, currency, cluster and (when <paramref name="byNodePool"/>)
    /// node pool, the net of the idle rows and of all rows. Rows of no cluster are left out.
    /// </summary>
    public static IReadOnlyList<IdleDay> Days(IEnumerable<AllocationRow> rows, bool byNodePool) =>
        rows.Where(r => r.Dimensions.Cluster is not null)
            .GroupBy(r => (r.Day, Cluster: r.Dimensions.Cluster!, NodePool: byNodePool ? r.Dimensions.NodePool : null, r.Currency))
            .Select(g => new IdleDay(g.Key.Day, g.Key.Cluster, g.Key.NodePool, g.Key.Currency,
                g.Where(r => r.Kind == CostKind.Idle).Sum(r => r.Net), g.Sum(r => r.Net)))
            .OrderBy(d => d.Day).ThenBy(d => d.Cluster, StringComparer.Ordinal).ThenBy(d => d.NodePool, StringComparer.Ordinal).ToList();

    private static IdleRecommendation? Judge(List<IdleDay> days, IdleOptions options)
    {
        if (days.Count < options.MinimumDays || days.Any(d => d.IdleNet / d.TotalNet <= options.Threshold)) return null;
        var idle = days.Sum(d => d.IdleNet);
        var monthly = Monthly.FromWindow(idle, days.Count * 24m);
        if (monthly < options.MinimumMonthlyIdle) return null;
        var (first, currency) = (days[0], days[0].Currency);
        var share = Monthly.Share(idle / days.Sum(d => d.TotalNet));
        var lowest = Monthly.Share(days.Min(d => d.IdleNet / d.TotalNet));
        var what = first.NodePool is { } pool ? $"Node pool {pool} of cluster {first.Cluster}" : $"Cluster {first.Cluster}";
        return new IdleRecommendation
        {
            Cluster = first.Cluster, NodePool = first.NodePool, Currency = currency, FirstDay = first.Day, LastDay = days[^1].Day,
            Days = days.Count, IdleShare = share, LowestDailyShare = lowest, IdleNet = Monthly.Cents(idle), MonthlyIdle = monthly,
            Reason = $"{what} paid for capacity that no workload used: {MoneyText.Percent(share * 100m)} of its cost over {days.Count} days "
                     + $"({MoneyText.Day(first.Day)} to {MoneyText.Day(days[^1].Day)}), never less than {MoneyText.Percent(lowest * 100m)} on a day; "
                     + $"about {MoneyText.Format(monthly, currency)} a month. Scale it down, let the cluster autoscaler remove nodes, or use smaller machines.",
        };
    }
}

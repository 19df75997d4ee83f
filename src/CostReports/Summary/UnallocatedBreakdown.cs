using Costs.CostModel.Allocation;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>
/// Unallocated net for one project, cloud service and SKU, with why it is unallocated (the labels that were missing, or the cluster not sampled); its share is of
/// all unallocated net over the whole period (a fraction; null when that is zero).
/// </summary>
public sealed record UnallocatedLine(
    string Project, string CloudService, string Sku, string Why, decimal MonthToDate, decimal Net, decimal? Share);

/// <summary>What nobody could be charged for, and what would fix it.</summary>
public static class UnallocatedBreakdown
{
    /// <summary>Unallocated rows grouped by project, cloud service, SKU and why (<see cref="KindLabels.WhyUnallocated"/>); biggest net first.</summary>
    public static IReadOnlyList<UnallocatedLine> Compute(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var periods = ReportPeriods.For(input.AsOf);
        var sums = new Dictionary<(string, string, string, string), (decimal Mtd, decimal Net)>();
        foreach (var row in input.RowsInCurrency().Where(r => r.Kind == CostKind.Unallocated))
        {
            var d = row.Dimensions;
            var key = (d.Project ?? ReportLabels.NotSet, d.CloudService, d.Sku, KindLabels.WhyUnallocated(row));
            sums.TryGetValue(key, out var s);
            s.Net += row.Net;
            if (periods.MonthToDate.Contains(row.Day)) s.Mtd += row.Net;
            sums[key] = s;
        }

        var total = sums.Values.Sum(s => s.Net);
        return sums
            .Select(kv => new UnallocatedLine(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Key.Item4,
                kv.Value.Mtd, kv.Value.Net, ReportLabels.Share(kv.Value.Net, total)))
            .OrderByDescending(l => l.Net)
            .ThenBy(l => l.Project, StringComparer.Ordinal).ThenBy(l => l.CloudService, StringComparer.Ordinal)
            .ThenBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Why, StringComparer.Ordinal)
            .ToList();
    }
}

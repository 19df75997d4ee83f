using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>
/// A change against last month's same period. <see cref="Ratio"/> is a fraction (0.25 = +25%), relative to the
/// size of last month's figure; it is null when last month's figure is zero.
/// </summary>
public sealed record Change(decimal Amount, decimal? Ratio)
{
    /// <summary>The ratio in percent (25 for +25%), or null.</summary>
    public decimal? Percent => Ratio * 100m;

    public static Change Between(decimal current, decimal previous) =>
        new(current - previous, previous == 0m ? null : (current - previous) / Math.Abs(previous));
}

/// <summary>One service's net month to date and over the same period of last month.</summary>
public sealed record ServiceFact(string Service, decimal MonthToDate, decimal LastMonthSamePeriod, Change Change);

/// <summary>
/// The headline figures of a report, all net (cost + credits) in <see cref="Currency"/>. Shares and ratios are
/// fractions; <see cref="UnallocatedShare"/> is null when the net month to date is zero.
/// </summary>
public sealed record ReportFactsResult(
    Currency Currency,
    ReportPeriods Periods,
    decimal MonthToDate,
    decimal LastMonthSamePeriod,
    decimal LastMonthTotal,
    Change Change,
    IReadOnlyList<ServiceFact> TopServices,
    decimal? UnallocatedShare,
    IReadOnlyList<ServiceFact> TopMovers);

/// <summary>Computes the headline figures of a report (for the Summary sheet and the e-mail body).</summary>
public static class ReportFacts
{
    /// <summary>How many services <see cref="ReportFactsResult.TopServices"/> lists.</summary>
    public const int TopServiceCount = 10;

    /// <summary>How many services <see cref="ReportFactsResult.TopMovers"/> lists at most.</summary>
    public const int TopMoverCount = 10;

    public static ReportFactsResult Compute(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var periods = ReportPeriods.For(input.AsOf);
        decimal mtd = 0m, lastSame = 0m, lastTotal = 0m, unallocatedMtd = 0m;
        var byService = new Dictionary<string, (decimal Mtd, decimal Last)>(StringComparer.Ordinal);
        foreach (var row in input.RowsInCurrency())
        {
            var inMtd = periods.MonthToDate.Contains(row.Day);
            var inLastSame = periods.LastMonthSamePeriod.Contains(row.Day);
            if (periods.LastMonth.Contains(row.Day)) lastTotal += row.Net;
            if (!inMtd && !inLastSame) continue;
            var name = ReportLabels.Of(row, ReportDimension.Service);
            byService.TryGetValue(name, out var s);
            if (inMtd)
            {
                mtd += row.Net;
                s.Mtd += row.Net;
                if (row.Kind == CostKind.Unallocated) unallocatedMtd += row.Net;
            }
            else
            {
                lastSame += row.Net;
                s.Last += row.Net;
            }
            byService[name] = s;
        }

        var services = byService
            .Select(kv => new ServiceFact(kv.Key, kv.Value.Mtd, kv.Value.Last, Change.Between(kv.Value.Mtd, kv.Value.Last)))
            .ToList();
        var top = services
            .Where(s => s.MonthToDate != 0m)
            .OrderByDescending(s => s.MonthToDate).ThenBy(s => s.Service, StringComparer.Ordinal)
            .Take(TopServiceCount).ToList();
        var movers = services
            .Where(s => s.Change.Amount != 0m)
            .OrderByDescending(s => Math.Abs(s.Change.Amount)).ThenBy(s => s.Service, StringComparer.Ordinal)
            .Take(TopMoverCount).ToList();

        return new ReportFactsResult(input.Currency, periods, mtd, lastSame, lastTotal, Change.Between(mtd, lastSame),
            top, ReportLabels.Share(unallocatedMtd, mtd), movers);
    }
}

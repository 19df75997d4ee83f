using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Query;

/// <summary>Cost grouped by dimensions over a range, in one currency, with the total that equals the bill.</summary>
public sealed record QueryResult(IReadOnlyList<GroupDimension> By, string Currency, DateOnly? From, DateOnly? To,
    IReadOnlyList<CostGroup> Groups, CostTotals Total);

/// <summary>
/// The query use case: the analyzed allocation of a range grouped by dimensions. It refuses a range with
/// days loaded and not analyzed yet, and a stored allocation whose total is not the bill's
/// (<see cref="FailureKind.Invariant"/>): what it shows always adds up to the bill.
/// </summary>
public sealed class QueryCosts(CostStore store)
{
    public async Task<QueryResult> RunAsync(IReadOnlyList<GroupDimension> by, DateRange range, string? currency, CancellationToken ct)
    {
        if (by.Count == 0) throw new StageException(FailureKind.Configuration, "Group by at least one dimension.");
        var rows = await LoadAsync(range, currency, ct);
        var days = rows.Rows.Select(r => r.Day).ToList();
        return new QueryResult(by, rows.Currency,
            range.Start == DateOnly.MinValue ? (days.Count > 0 ? days.Min() : null) : range.Start,
            range.EndExclusive == DateOnly.MaxValue ? (days.Count > 0 ? days.Max() : null) : range.LastDay,
            Grouping.GroupBy(rows.Rows, by), rows.Total);
    }

    /// <summary>
    /// The allocation rows of <paramref name="range"/> in one currency, checked as <see cref="RunAsync"/> checks
    /// them (every day analyzed, the total equal to the bill): what every grouping of the range starts from, so
    /// that a page or a metric made from them shows the figures `costs query` shows.
    /// </summary>
    public async Task<QueryRows> LoadAsync(DateRange range, string? currency, CancellationToken ct)
    {
        var pending = await store.UnanalyzedDaysAsync(ct);
        if (pending.Any(range.Contains))
            throw new StageException(FailureKind.Failure,
                $"{pending.Count(range.Contains)} loaded day(s) are not analyzed yet (first {pending.First(range.Contains):yyyy-MM-dd}): run `costs analyze`.");
        var rows = await store.ReadAllocationsAsync(range, ct);
        var billed = await store.ReadBilledDaysAsync(range, ct);
        var code = CurrencyChoice.Pick(billed, currency, "that range").Code;

        var mine = rows.Where(r => r.Currency.Code == code).ToList();
        var total = Grouping.Total(mine);
        var billedTotal = billed.Where(b => b.Currency.Code == code)
            .Aggregate(default(CostTotals), (t, b) => t + new CostTotals(b.Cost, b.Credits));
        if (total != billedTotal)
            throw new StageException(FailureKind.Invariant,
                $"The stored allocation ({total.Net} {code}) does not match the bill ({billedTotal.Net} {code}) for that range: run `costs analyze`.");
        return new QueryRows(range, code, mine, total);
    }
}

/// <summary>The checked allocation rows of a range in one currency, and their total (which is the bill's).</summary>
public sealed record QueryRows(DateRange Range, string Currency, IReadOnlyList<AllocationRow> Rows, CostTotals Total);

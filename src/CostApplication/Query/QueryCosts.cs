using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Query;

/// <summary>
/// Cost grouped by dimensions over a range, in one currency, with the total that equals the bill; and the
/// rows of the range that were rejected (not in any figure), with the amounts that could be read from them.
/// </summary>
public sealed record QueryResult(IReadOnlyList<GroupDimension> By, string Currency, DateOnly? From, DateOnly? To,
    IReadOnlyList<CostGroup> Groups, CostTotals Total)
{
    /// <summary>Rejected rows whose usage day is in the range.</summary>
    public RejectedRows Rejected { get; init; } = RejectedRows.None;

    /// <summary>Rejected rows whose usage day could not be read: no range holds them, so every query names them.</summary>
    public RejectedRows RejectedWithoutDay { get; init; } = RejectedRows.None;
}

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
        var pending = await store.UnanalyzedDaysAsync(ct);
        if (pending.Any(range.Contains))
            throw RunLockFile.Unanalyzed(store.Path, pending.Count(range.Contains), pending.First(range.Contains));
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
        var days = mine.Select(r => r.Day).ToList();
        var rejects = await store.RejectsAsync(ct);
        return new QueryResult(by, code,
            range.Start == DateOnly.MinValue ? (days.Count > 0 ? days.Min() : null) : range.Start,
            range.EndExclusive == DateOnly.MaxValue ? (days.Count > 0 ? days.Max() : null) : range.LastDay,
            Grouping.GroupBy(mine, by), total)
        {
            Rejected = RejectedRows.Of(rejects.Where(r => r.Facts.UsageDay is { } d && range.Contains(d))),
            RejectedWithoutDay = RejectedRows.Of(rejects.Where(r => r.Facts.UsageDay is null)),
        };
    }
}

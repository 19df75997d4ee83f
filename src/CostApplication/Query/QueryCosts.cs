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
    /// <summary>True when the groups are the fixed monthly amounts (not on the bill) rather than the bill.</summary>
    public bool FixedAmounts { get; init; }

    /// <summary>With the bill's groups: the fixed monthly amounts of the same range and currency, which are not in <see cref="Total"/>.</summary>
    public CostTotals FixedTotal { get; init; }

    /// <summary>Rejected rows whose usage day is in the range.</summary>
    public RejectedRows Rejected { get; init; } = RejectedRows.None;

    /// <summary>Rejected rows whose usage day could not be read: no range holds them, so every query names them.</summary>
    public RejectedRows RejectedWithoutDay { get; init; } = RejectedRows.None;
}

/// <summary>
/// The query use case: the analyzed allocation of a range grouped by dimensions. It refuses a range with
/// days loaded and not analyzed yet, and a stored allocation whose total is not the bill's
/// (<see cref="FailureKind.Invariant"/>): what it shows always adds up to the bill. The fixed monthly amounts of
/// <c>Allocation:Shared</c> are not on the bill: they are shown on their own (<c>fixedAmounts</c>), never added to it.
/// </summary>
public sealed class QueryCosts(CostStore store)
{
    public Task<QueryResult> RunAsync(IReadOnlyList<GroupDimension> by, DateRange range, string? currency, CancellationToken ct) =>
        RunAsync(by, range, currency, fixedAmounts: false, ct);

    /// <param name="fixedAmounts">Group the fixed monthly amounts' shares (kind fixed) instead of the bill.</param>
    public async Task<QueryResult> RunAsync(IReadOnlyList<GroupDimension> by, DateRange range, string? currency, bool fixedAmounts,
        CancellationToken ct)
    {
        if (by.Count == 0) throw new StageException(FailureKind.Configuration, "Group by at least one dimension.");
        if (fixedAmounts)
        {
            await RunLockFile.RefuseUnanalyzedAsync(store, range, ct);
            return Fixed(by, range, currency, await store.ReadFixedSharesAsync(range, ct));
        }
        var (_, code, mine, _) = await LoadAsync(range, currency, ct);
        var fixedRows = await store.ReadFixedSharesAsync(range, ct);
        var rejects = await store.RejectsAsync(ct);
        return Result(by, range, code, mine) with
        {
            FixedTotal = Grouping.Total(fixedRows.Where(r => r.Currency.Code == code)),
            Rejected = RejectedRows.Of(rejects.Where(r => r.Facts.UsageDay is { } d && range.Contains(d))),
            RejectedWithoutDay = RejectedRows.Of(rejects.Where(r => r.Facts.UsageDay is null)),
        };
    }

    /// <summary>
    /// The allocation rows of a range in one currency (<see cref="CurrencyChoice"/>), checked as
    /// <see cref="RunAsync(IReadOnlyList{GroupDimension}, DateRange, string?, CancellationToken)"/> checks them: every day
    /// analyzed, and the rows' total equal to the bill's. Every view of the store's figures (the query, the pages,
    /// the metrics, the Cost Insights API) reads them through here.
    /// </summary>
    public async Task<QueryRows> LoadAsync(DateRange range, string? currency, CancellationToken ct)
    {
        await RunLockFile.RefuseUnanalyzedAsync(store, range, ct);
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

    private static QueryResult Fixed(IReadOnlyList<GroupDimension> by, DateRange range, string? currency, IReadOnlyList<AllocationRow> fixedRows)
    {
        var asBilled = fixedRows.Select(r => new BilledDay(r.Day, r.Currency, r.InvoiceMonth, r.Cost, r.Credits));
        var code = CurrencyChoice.Pick(asBilled, currency, "the fixed amounts of that range").Code;
        return Result(by, range, code, fixedRows.Where(r => r.Currency.Code == code).ToList()) with { FixedAmounts = true };
    }

    private static QueryResult Result(IReadOnlyList<GroupDimension> by, DateRange range, string code, IReadOnlyList<AllocationRow> rows)
    {
        var days = rows.Select(r => r.Day).ToList();
        return new QueryResult(by, code,
            range.Start == DateOnly.MinValue ? (days.Count > 0 ? days.Min() : null) : range.Start,
            range.EndExclusive == DateOnly.MaxValue ? (days.Count > 0 ? days.Max() : null) : range.LastDay,
            Grouping.GroupBy(rows, by), Grouping.Total(rows));
    }
}

/// <summary>The checked allocation rows of a range in one currency, and their total (which is the bill's).</summary>
public sealed record QueryRows(DateRange Range, string Currency, IReadOnlyList<AllocationRow> Rows, CostTotals Total);

using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Time;
using Dapper;

namespace Costs.CostModel.Store;

/// <summary>The writes and reads of allocation rows and fixed shares (compact since migration 0018).</summary>
public sealed partial class CostStore
{
    /// <summary>
    /// Replaces the analysis of <paramref name="days"/> with <paramref name="rows"/> and the billed totals
    /// they reconcile to, in one transaction. Every row must fall on one of <paramref name="days"/>.
    /// </summary>
    public async Task ReplaceAllocationsAsync(IReadOnlyCollection<DateOnly> days, IEnumerable<AllocationRow> rows,
        IEnumerable<BilledDay> billed, CancellationToken ct) =>
        await ReplaceAllocationsAsync(days, rows, billed, [], ct);

    /// <summary>As above, with the days' workload efficiency, replaced in the same transaction.</summary>
    public async Task ReplaceAllocationsAsync(IReadOnlyCollection<DateOnly> days, IEnumerable<AllocationRow> rows,
        IEnumerable<BilledDay> billed, IEnumerable<WorkloadEfficiency> efficiency, CancellationToken ct) =>
        await ReplaceAllocationsAsync(days, rows, billed, efficiency, [], ct);

    /// <summary>
    /// As above, with the days' shares of fixed monthly amounts (<see cref="CostKind.Fixed"/>, not on the bill), which
    /// are kept in their own table so that the allocation still adds up to the bill.
    /// </summary>
    public async Task ReplaceAllocationsAsync(IReadOnlyCollection<DateOnly> days, IEnumerable<AllocationRow> rows,
        IEnumerable<BilledDay> billed, IEnumerable<WorkloadEfficiency> efficiency, IEnumerable<AllocationRow> fixedShares, CancellationToken ct)
    {
        var daySet = days.ToHashSet();
        var allocated = rows.ToList();
        foreach (var r in allocated)
            if (!daySet.Contains(r.Day)) throw new ArgumentException($"Allocation for {r.Day:yyyy-MM-dd} is outside the days being replaced.");
        var shares = fixedShares.ToList();
        foreach (var r in shares)
            if (!daySet.Contains(r.Day) || r.Kind != CostKind.Fixed)
                throw new ArgumentException($"A fixed share must be of kind fixed and of a day being replaced ({r.Day:yyyy-MM-dd}, {r.Kind.ToText()}).");
        // Inside an open load, the analysis is part of the load's transaction: kept or dropped with it.
        using var own = Current is null ? _connection.BeginTransaction() : null;
        var tx = Current ?? own!;
        foreach (var day in daySet.Order())
        {
            var args = new { Day = StoreText.Day(day) };
            var ids = new { Start = BillingLineCodec.FirstId(day), EndExclusive = BillingLineCodec.FirstId(day.AddDays(1)) };
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteAllocationDay, ids, tx, cancellationToken: ct));
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteBilledDay, args, tx, cancellationToken: ct));
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteEfficiencyDay, args, tx, cancellationToken: ct));
            await Publications.MarkAnalyzedAsync(day, tx, ct);
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteFixedShareDay, ids, tx, cancellationToken: ct));
        }
        // A month of a big fleet has a hundred thousand workload-days: one prepared statement, bound by index.
        using (var insert = new RawStatement(_connection, Sql.InsertEfficiency))
        {
            var at = EfficiencyRecord.Parameters.Select(insert.ParameterIndex).ToArray();
            foreach (var e in efficiency)
            {
                if (!daySet.Contains(e.Day)) throw new ArgumentException($"Efficiency for {e.Day:yyyy-MM-dd} is outside the days being replaced.");
                var values = EfficiencyRecord.From(e).Values();
                for (var i = 0; i < at.Length; i++) insert.Bind(at[i], values[i]);
                insert.Step();
            }
        }
        ct.ThrowIfCancellationRequested();
        foreach (var b in billed)
        {
            if (!daySet.Contains(b.Day)) throw new ArgumentException($"Billed total for {b.Day:yyyy-MM-dd} is outside the days being replaced.");
            await _connection.ExecuteAsync(new CommandDefinition(Sql.InsertBilledDay, new
            {
                Day = StoreText.Day(b.Day), Currency = b.Currency.Code, InvoiceMonth = b.InvoiceMonth.ToString(),
                Cost = StoreText.Decimal(b.Cost), Credits = StoreText.Decimal(b.Credits),
            }, tx, cancellationToken: ct));
        }
        await using (var dictionary = new StoreDictionary(_connection, tx))
        using (var writer = new AllocationWriter(_connection, dictionary))
        {
            await writer.WriteAsync(Sql.InsertAllocation, allocated, ct);
            await writer.WriteAsync(Sql.InsertFixedShare, shares, ct);
        }
        ct.ThrowIfCancellationRequested();
        own?.Commit();
    }

    public Task<IReadOnlyList<AllocationRow>> ReadAllocationsAsync(DateRange range, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AllocationRow>>(AllocationRows(Sql.SelectAllocations, range, ct).ToList());

    /// <summary>
    /// The allocation rows of <paramref name="range"/>, streamed in day order (within a day: kind, the dimensions,
    /// rule, missing, invoice month, currency), for an export that must not hold a month in memory.
    /// </summary>
    public IAsyncEnumerable<AllocationRow> StreamAllocationsAsync(DateRange range, CancellationToken ct) =>
        AllocationRows(Sql.SelectAllocations, range, ct).ToAsyncEnumerable();

    /// <summary>The shares of fixed monthly amounts (not on the bill) of the days in <paramref name="range"/>.</summary>
    public Task<IReadOnlyList<AllocationRow>> ReadFixedSharesAsync(DateRange range, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AllocationRow>>(AllocationRows(Sql.SelectFixedShares, range, ct).ToList());

    /// <summary>The rows of select_allocations.sql or select_fixed_shares.sql (the same columns) for <paramref name="range"/>.</summary>
    private IEnumerable<AllocationRow> AllocationRows(string sql, DateRange range, CancellationToken ct)
    {
        // Every query, report and page reads all rows of its range: a range of ids, each row five integers, its
        // shape's texts read once (Dapper's mapping of every text column of every row was most of a cold `query`).
        using var select = new RawStatement(_connection, sql);
        select.Bind(select.ParameterIndex("@Start"), BillingLineCodec.FirstId(range.Start));
        select.Bind(select.ParameterIndex("@EndExclusive"), BillingLineCodec.EndId(range.EndExclusive));
        using var reader = new AllocationReader(_connection);
        var count = 0;
        while (select.Step())
        {
            if (++count % 4096 == 0) ct.ThrowIfCancellationRequested();
            yield return reader.Read(select);
        }
    }
}

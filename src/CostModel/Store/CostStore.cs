using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// The SQLite store: billing facts, rejects and analysis results. Open it with <see cref="OpenAsync"/>,
/// which applies any pending migration first.
/// </summary>
public sealed class CostStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;

    public string Path { get; }

    static CostStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private CostStore(SqliteConnection connection, string path, TimeProvider clock)
    {
        _connection = connection;
        Path = path;
        _clock = clock;
        Deliveries = new DeliveryLedger(connection, clock);
    }

    /// <summary>What was delivered where (alerts to chat, reports by e-mail): each key once per channel.</summary>
    public DeliveryLedger Deliveries { get; }

    public static async Task<CostStore> OpenAsync(string path, TimeProvider clock, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            // WAL keeps a reader (a report) working while a load writes; a killed writer leaves no
            // half-written transaction behind.
            await connection.ExecuteAsync(new CommandDefinition(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;",
                cancellationToken: ct));
            await Migrator.ApplyAsync(connection, clock, ct);
            return new CostStore(connection, full, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal SqliteConnection Connection => _connection;

    /// <summary>
    /// The transaction of the billing load that is open, or null. While a load is open, every read and
    /// write of the store runs inside it, so that the analysis of the loaded days sees the lines and is
    /// saved or dropped with them (<see cref="BillingLoad.CommitAsync(CancellationToken)"/>).
    /// </summary>
    internal SqliteTransaction? Current { get; set; }

    /// <summary>
    /// Starts a load of billing lines. Every (billing account, usage day) that the load contains
    /// replaces what the store held for it, all in one transaction that <see cref="BillingLoad.CommitAsync(Func{IReadOnlyCollection{DateOnly}, CancellationToken, Task}?, CancellationToken)"/>
    /// commits; disposing the load without committing changes nothing.
    /// </summary>
    public async Task<BillingLoad> BeginBillingLoadAsync(IEnumerable<string> sources, CancellationToken ct)
    {
        if (Current is not null) throw new InvalidOperationException("A billing load is already open on this store.");
        var tx = _connection.BeginTransaction();
        try
        {
            var id = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql.InsertLoad,
                new { StartedAt = StoreText.Instant(_clock.GetUtcNow()), Sources = string.Join("\n", sources) },
                tx, cancellationToken: ct));
            Current = tx;
            return new BillingLoad(this, tx, id);
        }
        catch
        {
            tx.Dispose();
            throw;
        }
    }

    /// <summary>Billing lines whose usage day is in <paramref name="range"/>, streamed in day order.</summary>
    public async IAsyncEnumerable<BillingLine> ReadBillingLinesAsync(DateRange range,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var dictionary = new StoreDictionary(_connection, Current);
        var lines = new BillingLineReader(dictionary);
        using var select = new RawStatement(_connection, Sql.SelectBillingLines);
        select.Bind(select.ParameterIndex("@Start"), (long)range.Start.DayNumber);
        select.Bind(select.ParameterIndex("@EndExclusive"), range.EndExclusive == DateOnly.MaxValue ? long.MaxValue : range.EndExclusive.DayNumber);
        var count = 0;
        while (select.Step())
        {
            if (++count % 4096 == 0) ct.ThrowIfCancellationRequested();
            yield return await lines.ReadAsync(select, ct);
        }
    }

    public async Task<IReadOnlyList<DateOnly>> BillingDaysAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<string>(new CommandDefinition(Sql.SelectBillingDays, RangeArgs(range), Current, cancellationToken: ct)))
        .Select(StoreText.ParseDay).ToList();

    /// <summary>Days that hold billing lines but have not been analyzed since they were loaded.</summary>
    public async Task<IReadOnlyList<DateOnly>> UnanalyzedDaysAsync(CancellationToken ct) =>
        (await _connection.QueryAsync<string>(new CommandDefinition(Sql.SelectUnanalyzedDays, cancellationToken: ct)))
        .Select(StoreText.ParseDay).ToList();

    public async Task<IReadOnlyList<Reject>> RejectsAsync(CancellationToken ct) =>
        (await _connection.QueryAsync<Reject>(new CommandDefinition(Sql.SelectRejects, cancellationToken: ct))).ToList();

    /// <summary>
    /// Replaces the analysis of <paramref name="days"/> with <paramref name="rows"/> and the billed totals
    /// they reconcile to, in one transaction. Every row must fall on one of <paramref name="days"/>.
    /// </summary>
    public async Task ReplaceAllocationsAsync(IReadOnlyCollection<DateOnly> days, IEnumerable<AllocationRow> rows,
        IEnumerable<BilledDay> billed, CancellationToken ct) =>
        await ReplaceAllocationsAsync(days, rows, billed, [], ct);

    /// <summary>As above, with the days' workload efficiency, replaced in the same transaction.</summary>
    public async Task ReplaceAllocationsAsync(IReadOnlyCollection<DateOnly> days, IEnumerable<AllocationRow> rows,
        IEnumerable<BilledDay> billed, IEnumerable<WorkloadEfficiency> efficiency, CancellationToken ct)
    {
        var daySet = days.ToHashSet();
        // Inside an open load, the analysis is part of the load's transaction: kept or dropped with it.
        using var own = Current is null ? _connection.BeginTransaction() : null;
        var tx = Current ?? own!;
        foreach (var day in daySet.Order())
        {
            var args = new { Day = StoreText.Day(day) };
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteAllocationDay, args, tx, cancellationToken: ct));
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteBilledDay, args, tx, cancellationToken: ct));
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteEfficiencyDay, args, tx, cancellationToken: ct));
        }
        foreach (var e in efficiency)
        {
            if (!daySet.Contains(e.Day)) throw new ArgumentException($"Efficiency for {e.Day:yyyy-MM-dd} is outside the days being replaced.");
            await _connection.ExecuteAsync(new CommandDefinition(Sql.InsertEfficiency, EfficiencyRecord.From(e), tx, cancellationToken: ct));
        }
        foreach (var b in billed)
        {
            if (!daySet.Contains(b.Day)) throw new ArgumentException($"Billed total for {b.Day:yyyy-MM-dd} is outside the days being replaced.");
            await _connection.ExecuteAsync(new CommandDefinition(Sql.InsertBilledDay, new
            {
                Day = StoreText.Day(b.Day), Currency = b.Currency.Code, InvoiceMonth = b.InvoiceMonth.ToString(),
                Cost = StoreText.Decimal(b.Cost), Credits = StoreText.Decimal(b.Credits),
            }, tx, cancellationToken: ct));
        }
        foreach (var r in rows)
        {
            if (!daySet.Contains(r.Day)) throw new ArgumentException($"Allocation for {r.Day:yyyy-MM-dd} is outside the days being replaced.");
            await _connection.ExecuteAsync(new CommandDefinition(Sql.InsertAllocation, AllocationRecord.From(r), tx, cancellationToken: ct));
        }
        own?.Commit();
    }

    public async Task<IReadOnlyList<AllocationRow>> ReadAllocationsAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<AllocationRecord>(new CommandDefinition(Sql.SelectAllocations, RangeArgs(range), cancellationToken: ct)))
        .Select(r => r.ToRow()).ToList();

    public async Task<IReadOnlyList<WorkloadEfficiency>> ReadEfficiencyAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<EfficiencyRecord>(new CommandDefinition(Sql.SelectEfficiency, RangeArgs(range), cancellationToken: ct)))
        .Select(r => r.ToEfficiency()).ToList();

    public async Task<IReadOnlyList<BilledDay>> ReadBilledDaysAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<BilledDayRecord>(new CommandDefinition(Sql.SelectBilledDays, RangeArgs(range), cancellationToken: ct)))
        .Select(r => new BilledDay(StoreText.ParseDay(r.Day), new Currency(r.Currency), InvoiceMonth.Parse(r.InvoiceMonth),
            StoreText.ParseDecimal(r.Cost), StoreText.ParseDecimal(r.Credits)))
        .ToList();

    internal static object RangeArgs(DateRange range) => new
    {
        Start = StoreText.Day(range.Start),
        EndExclusive = range.EndExclusive == DateOnly.MaxValue ? "9999-99-99" : StoreText.Day(range.EndExclusive),
    };

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
    }

    private sealed class BilledDayRecord
    {
        public string Day { get; init; } = "";
        public string Currency { get; init; } = "";
        public string InvoiceMonth { get; init; } = "";
        public string Cost { get; init; } = "";
        public string Credits { get; init; } = "";
    }
}

/// <summary>A row of input that could not be read, kept aside with where it came from and why.</summary>
public sealed record Reject(long LoadId, string File, long Line, string Field, string? Value, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}

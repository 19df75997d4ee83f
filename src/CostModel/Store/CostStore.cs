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
public sealed partial class CostStore : IAsyncDisposable
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
        Publications = new PublishLedger(connection, clock);
    }

    /// <summary>What was delivered where (alerts to chat, reports by e-mail): each key once per channel.</summary>
    public DeliveryLedger Deliveries { get; }

    /// <summary>Which analyzed days each output (BigQuery) holds: a day is pending from its analysis until published.</summary>
    public PublishLedger Publications { get; }

    /// <summary>True when the store was opened read-only (<see cref="OpenForReadingAsync"/>): any write fails.</summary>
    public bool IsReadOnly { get; private init; }

    /// <summary>
    /// Opens the store to read and write, creating it (and its folder) when it does not exist. A store whose
    /// file or folder this user cannot write fails with a <see cref="StoreAccessException"/> that names the path.
    /// </summary>
    public static async Task<CostStore> OpenAsync(string path, TimeProvider clock, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            return await OpenWritableAsync(full, clock, ct);
        }
        catch (Exception ex) when (StoreAccess.IsDenied(ex))
        {
            throw new StoreAccessException(StoreAccess.WhyNotWritable(full), ex);
        }
    }

    /// <summary>
    /// Opens the store for a verb that only reads (query, report, recommend, a dry run of alerts): as
    /// <see cref="OpenAsync"/> when it can be written, and read-only when its file or its folder cannot be,
    /// so that a store on a read-only volume can still be read.
    /// </summary>
    public static async Task<CostStore> OpenForReadingAsync(string path, TimeProvider clock, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full)) return await OpenAsync(full, clock, ct);
        if (StoreAccess.FileWritable(full))
        {
            try
            {
                return await OpenWritableAsync(full, clock, ct);
            }
            catch (Exception ex) when (StoreAccess.IsDenied(ex))
            {
                // The folder is read-only: SQLite cannot make the -wal and -shm files beside the store.
            }
        }
        return await OpenReadOnlyAsync(full, clock, ct);
    }

    private static async Task<CostStore> OpenWritableAsync(string full, TimeProvider clock, CancellationToken ct)
    {
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
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL; " + WritablePragmas, cancellationToken: ct));
            await Migrator.ApplyAsync(connection, clock, ct);
            return new CostStore(connection, full, clock);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the store read-only. A WAL store needs its -shm file, which SQLite makes on first open; where the
    /// folder is not writable and no -wal file shows a writer's work in progress, the file is opened as
    /// immutable (read as it lies on disk). A store whose schema is older than this program's cannot be
    /// migrated read-only and is refused with what to do.
    /// </summary>
    private static async Task<CostStore> OpenReadOnlyAsync(string full, TimeProvider clock, CancellationToken ct)
    {
        var immutable = false;
        while (true)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = immutable ? new Uri(full).AbsoluteUri + "?immutable=1" : full,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            try
            {
                await connection.OpenAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(ReadOnlyPragmas, cancellationToken: ct));
                await Migrator.CheckCurrentAsync(connection, full, ct);
                return new CostStore(connection, full, clock) { IsReadOnly = true };
            }
            catch (SqliteException ex) when (!immutable && StoreAccess.IsDenied(ex) && !File.Exists(full + "-wal"))
            {
                await connection.DisposeAsync();
                immutable = true;
            }
            catch (Exception ex) when (StoreAccess.IsDenied(ex))
            {
                await connection.DisposeAsync();
                throw new StoreAccessException($"The store {full} cannot be read: {ex.Message.TrimEnd('.')}. "
                    + StoreAccess.WhyNotWritable(full), ex);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
    }

    private const string WritablePragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=30000;";

    /// <summary>
    /// A second connection to this store, in the same mode (writable or read-only), for reads that run beside
    /// this connection's on another thread: a report sizes its recommendations there while it reads its rows
    /// here. A SQLite connection is used by one thread at a time; each connection reads its own snapshot.
    /// The schema is this store's, already migrated. Refused while a billing load is open, whose lines only
    /// its own transaction sees.
    /// </summary>
    public async Task<CostStore> OpenSecondConnectionAsync(CancellationToken ct)
    {
        if (Current is not null) throw new InvalidOperationException("A billing load is open on this store: its lines are not visible to a second connection.");
        var connection = new SqliteConnection(_connection.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(IsReadOnly ? ReadOnlyPragmas : WritablePragmas, cancellationToken: ct));
            return new CostStore(connection, Path, _clock) { IsReadOnly = IsReadOnly };
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal SqliteConnection Connection => _connection;

    /// <summary>How many sums by shape a load holds before it writes them (a test asks for few, to write them in pieces).</summary>
    internal int BillingGroupsHeld { get; set; } = BillingGroups.Limit;

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

    public async Task<IReadOnlyList<DateOnly>> BillingDaysAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<string>(new CommandDefinition(Sql.SelectBillingDays, RangeArgs(range), Current, cancellationToken: ct)))
        .Select(StoreText.ParseDay).ToList();

    /// <summary>Days that hold billing lines but have not been analyzed since they were loaded.</summary>
    public async Task<IReadOnlyList<DateOnly>> UnanalyzedDaysAsync(CancellationToken ct) =>
        (await _connection.QueryAsync<string>(new CommandDefinition(Sql.SelectUnanalyzedDays, cancellationToken: ct)))
        .Select(StoreText.ParseDay).ToList();

    /// <summary>Every rejected row the store keeps, with what could be read from it.</summary>
    public async Task<IReadOnlyList<Reject>> RejectsAsync(CancellationToken ct) =>
        (await _connection.QueryAsync<RejectRecord>(new CommandDefinition(Sql.SelectRejects, transaction: Current, cancellationToken: ct)))
        .Select(r => r.ToReject()).ToList();

    /// <summary>The billing accounts whose lines fall in <paramref name="range"/>, in order.</summary>
    public async Task<IReadOnlyList<string>> BillingAccountsAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<string>(new CommandDefinition(Sql.SelectBillingAccounts, RangeArgs(range), Current, cancellationToken: ct))).ToList();

    public async Task<IReadOnlyList<WorkloadEfficiency>> ReadEfficiencyAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<EfficiencyRecord>(new CommandDefinition(Sql.SelectEfficiency, RangeArgs(range), cancellationToken: ct)))
        .Select(r => r.ToEfficiency()).ToList();

    public async Task<IReadOnlyList<BilledDay>> ReadBilledDaysAsync(DateRange range, CancellationToken ct) =>
        (await _connection.QueryAsync<BilledDayRecord>(new CommandDefinition(Sql.SelectBilledDays, RangeArgs(range), cancellationToken: ct)))
        .Select(r => new BilledDay(StoreText.ParseDay(r.Day), new Currency(r.Currency), InvoiceMonth.Parse(r.InvoiceMonth),
            StoreText.ParseDecimal(r.Cost), StoreText.ParseDecimal(r.Credits)))
        .ToList();

    internal static object RangeArgs(DateRange range)
    {
        var (start, endExclusive) = StoreText.DayRange(range);
        return new { Start = start, EndExclusive = endExclusive };
    }

    /// <summary>
    /// When each stage last left a record of success: ingest, collect, prices, report and alert (those whose
    /// e-mail channel is <paramref name="reportChannel"/> are reports); null for a stage that never did.
    /// </summary>
    public async Task<IReadOnlyList<StageTime>> StageTimesAsync(string reportChannel, CancellationToken ct) =>
        (await _connection.QueryAsync<StageTimeRecord>(new CommandDefinition(Sql.SelectStageTimes,
            new { ReportChannel = reportChannel }, Current, cancellationToken: ct)))
        .Select(r => new StageTime(r.Stage, r.At is null ? null : StoreText.ParseInstant(r.At)))
        .ToList();

    private sealed class StageTimeRecord
    {
        public string Stage { get; init; } = "";
        public string? At { get; init; }
    }

    public async ValueTask DisposeAsync()
    {
        DropReadShapes();
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

/// <summary>The last time <see cref="Stage"/> succeeded, as the store records it; null when it never did.</summary>
public sealed record StageTime(string Stage, DateTimeOffset? At);

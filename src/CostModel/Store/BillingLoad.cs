using Costs.CostModel.Billing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// One load of billing lines, in one transaction. The first line seen for a (billing account, usage
/// day) deletes what the store held for that pair, so the load replaces whole days and loading the
/// same data twice leaves the same store. Nothing is visible until <see cref="CommitAsync(CancellationToken)"/>. While the
/// load is open, the store's other reads and writes run in its transaction (the analysis of its days).
/// </summary>
public sealed class BillingLoad : IAsyncDisposable
{
    private readonly CostStore _store;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<(string Account, DateOnly Day), long> _replaced = [];
    private readonly HashSet<(string Account, DateOnly Day)> _rejectsReplaced = [];
    private readonly HashSet<string> _filesReplaced = new(StringComparer.Ordinal);
    private readonly StoreDictionary _dictionary;
    private LineShapes _shapes;
    private BillingGroups _groups;
    private SkuHours _skuHours = new();
    private readonly Dictionary<DateOnly, long> _nextIds = [];
    private RawStatement? _insert;
    private int[]? _insertIndexes;
    private long _lines;
    private long _rejects;
    private bool _done;

    internal BillingLoad(CostStore store, SqliteTransaction transaction, long id)
    {
        _store = store;
        _connection = store.Connection;
        _transaction = transaction;
        _dictionary = new StoreDictionary(_connection, transaction);
        _shapes = new LineShapes(_connection, _dictionary);
        _groups = new BillingGroups(store.BillingGroupsHeld);
        Id = id;
    }

    public long Id { get; }
    public long LineCount => _lines;
    public long RejectCount => _rejects;

    /// <summary>The usage days this load replaced, across all billing accounts.</summary>
    public IReadOnlyCollection<DateOnly> Days => _replaced.Keys.Select(k => k.Day).Distinct().Order().ToList();

    public async Task AddAsync(BillingLine line, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        var key = (line.BillingAccountId, line.UsageDay);
        if (!_replaced.TryGetValue(key, out var count))
        {
            var args = new
            {
                Account = await _dictionary.IdAsync(line.BillingAccountId, ct), Day = (long)line.UsageDay.DayNumber,
                Start = BillingLineCodec.FirstId(line.UsageDay), EndExclusive = BillingLineCodec.FirstId(line.UsageDay.AddDays(1)),
            };
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteBillingDay, args, _transaction, cancellationToken: ct));
            // The day's bill changed, so its analysis is out of date until `analyze` runs again: query and
            // report refuse to show it rather than show figures that no longer add up to the bill.
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteBilledDay,
                new { Day = StoreText.Day(key.UsageDay) }, _transaction, cancellationToken: ct));
        }
        _replaced[key] = count + 1;
        await ReplaceRejectsAsync(key.BillingAccountId, key.UsageDay, ct);
        var shape = await _shapes.IdAsync(line, ct);
        var values = await BillingLineCodec.ValuesAsync(line, await NextIdAsync(line.UsageDay, ct), Id, shape, _dictionary, ct);
        // The hot path of a load: one prepared statement, reused for every line, its parameters bound by
        // index (Dapper would prepare the statement again for each call, which made loads three times slower).
        if (_insert is null) PrepareInsert();
        for (var i = 0; i < values.Length; i++) _insert!.Bind(_insertIndexes![i], values[i]);
        _insert!.Step();
        _groups.Add(line, shape);
        if (_groups.Full) _groups.Write(_connection);
        await _skuHours.AddAsync(line, shape, _dictionary, ct);
        _lines++;
        FaultPoint.RowStored();
    }

    /// <summary>The next free id of <paramref name="day"/>'s lines (after the replaced ones were deleted).</summary>
    private async ValueTask<long> NextIdAsync(DateOnly day, CancellationToken ct)
    {
        if (!_nextIds.TryGetValue(day, out var next))
            next = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql.SelectNextLineId,
                new { Start = BillingLineCodec.FirstId(day), EndExclusive = BillingLineCodec.FirstId(day.AddDays(1)) }, _transaction, cancellationToken: ct));
        _nextIds[day] = next + 1;
        return next;
    }

    private void PrepareInsert()
    {
        _insert = new RawStatement(_connection, Sql.InsertBillingLine);
        _insertIndexes = BillingLineCodec.Parameters.Select(_insert.ParameterIndex).ToArray();
    }

    /// <summary>Records how many lines the store now holds for each (day, account) this load replaced.</summary>
    private async Task SaveDaysAsync(CancellationToken ct)
    {
        foreach (var ((account, day), count) in _replaced)
        {
            var skuHours = _skuHours.State(day, (long)await _dictionary.IdAsync(account, ct));
            await _connection.ExecuteAsync(new CommandDefinition(Sql.BillingDayInsert,
                new { Day = StoreText.Day(day), Account = account, LineCount = count, SkuHours = skuHours }, _transaction, cancellationToken: ct));
        }
    }

    /// <summary>
    /// Keeps a row aside. The rejects earlier loads kept for the same (billing account, usage day) are
    /// replaced, as its lines are; a reject read less far than that replaces those of the same file.
    /// </summary>
    public async Task RejectAsync(Reject reject, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (reject.Facts is { AccountId: { } account, UsageDay: { } day }) await ReplaceRejectsAsync(account, day, ct);
        else if (_filesReplaced.Add(reject.File))
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteRejectsOfFile,
                new { reject.File, LoadId = Id }, _transaction, cancellationToken: ct));
        await _connection.ExecuteAsync(new CommandDefinition(Sql.InsertReject, RejectRecord.From(reject with { LoadId = Id }), _transaction, cancellationToken: ct));
        _rejects++;
    }

    private async Task ReplaceRejectsAsync(string account, DateOnly day, CancellationToken ct)
    {
        if (!_rejectsReplaced.Add((account, day))) return;
        await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteRejectsOfDay,
            new { AccountId = account, Day = StoreText.Day(day), LoadId = Id }, _transaction, cancellationToken: ct));
    }

    public Task CommitAsync(CancellationToken ct) => CommitAsync(null, ct);

    /// <summary>
    /// Commits the load. <paramref name="beforeCommit"/> (the analysis of the loaded days) runs first, in
    /// the load's transaction: when it throws, nothing of the load is kept, so a load and its analysis are
    /// one decision and the store never holds days that were replaced but cannot be analyzed.
    /// </summary>
    public async Task CommitAsync(Func<IReadOnlyCollection<DateOnly>, CancellationToken, Task>? beforeCommit, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _groups.Write(_connection);
        _skuHours.Write(_connection);
        await SaveDaysAsync(ct);
        // Written: the sums and the line shapes' lookups are not needed again. The analysis runs next, in this
        // transaction, and the load's memory is its (for two months of a big organisation's bill, some 15 MB).
        _groups = new BillingGroups(_store.BillingGroupsHeld);
        _skuHours = new SkuHours();
        _shapes.Dispose();
        _shapes = new LineShapes(_connection, _dictionary);
        if (beforeCommit is not null && _replaced.Count > 0) await beforeCommit(Days, ct);
        await _connection.ExecuteAsync(new CommandDefinition(Sql.FinishLoad,
            new { Id, LineCount = _lines, RejectCount = _rejects, DayCount = _replaced.Count }, _transaction, cancellationToken: ct));
        await _transaction.CommitAsync(ct);
        _done = true;
        _store.Current = null;
    }

    public async ValueTask DisposeAsync()
    {
        _insert?.Dispose();
        _shapes.Dispose();
        await _dictionary.DisposeAsync();
        if (!_done)
        {
            await _transaction.RollbackAsync();
            _done = true;
        }
        _store.Current = null;
        await _transaction.DisposeAsync();
    }
}

using Costs.CostModel.Billing;
using Costs.CostModel.Time;
using Dapper;

namespace Costs.CostModel.Store;

/// <summary>The reads of billing lines and of their sums by shape (migration 0015).</summary>
public sealed partial class CostStore
{
    /// <summary>Billing lines whose usage day is in <paramref name="range"/>, streamed in day order.</summary>
    public async IAsyncEnumerable<BillingLine> ReadBillingLinesAsync(DateRange range,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (dictionary, shapes) = ReadShapes();
        await foreach (var (_, line) in ReadLinesAsync(range, dictionary, shapes, null, ct)) yield return line;
    }

    /// <summary>The lines of <paramref name="range"/> in id (day) order; <paramref name="wanted"/> (shape id, day number) skips the others unread.</summary>
    private async IAsyncEnumerable<(long Shape, BillingLine Line)> ReadLinesAsync(DateRange range, StoreDictionary dictionary,
        LineShapes shapes, Func<long, int, ValueTask<bool>>? wanted, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var lines = new BillingLineReader(dictionary, shapes);
        using var select = new RawStatement(_connection, Sql.SelectBillingLines);
        select.Bind(select.ParameterIndex("@Start"), BillingLineCodec.FirstId(range.Start));
        select.Bind(select.ParameterIndex("@EndExclusive"), BillingLineCodec.EndId(range.EndExclusive));
        var count = 0;
        while (select.Step())
        {
            if (++count % 4096 == 0) ct.ThrowIfCancellationRequested();
            var shape = BillingLineReader.ShapeId(select);
            if (wanted is not null && !await wanted(shape, BillingLineReader.DayNumber(select))) continue;
            yield return (shape, await lines.ReadAsync(select, ct));
        }
    }

    /// <summary>
    /// The billing lines of <paramref name="range"/> added up by day and shape (<see cref="BillingGroup"/>),
    /// in day order: what the analysis attributes, a few thousand sums a day where a big organisation has
    /// tens of thousands of lines. The lines whose shape passes <paramref name="lineByLine"/> (the node VMs
    /// whose cost is split by the hour) come one by one instead, as groups of one, after the sums.
    /// Days loaded before migration 0015 are added up first (<see cref="GroupBillingDaysAsync"/>).
    /// </summary>
    public async IAsyncEnumerable<BillingGroup> ReadBillingGroupsAsync(DateRange range, Func<BillingLine, bool> lineByLine,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await GroupBillingDaysAsync(range, ct);
        var (dictionary, shapes) = ReadShapes();
        var oneByOne = new Dictionary<long, bool>();
        // Sums too long for a decimal (stored as NULL): that day's lines of the shape are read one by one.
        var unsummed = new HashSet<(long Shape, int Day)>();
        using (var select = new RawStatement(_connection, Sql.SelectBillingGroups))
        {
            select.Bind(select.ParameterIndex("@Start"), (long)range.Start.DayNumber);
            select.Bind(select.ParameterIndex("@EndExclusive"), range.EndExclusive == DateOnly.MaxValue ? long.MaxValue : range.EndExclusive.DayNumber);
            while (select.Step())
            {
                var shapeId = select.Int64(1);
                var day = (int)select.Int64(0);
                var shape = (await shapes.ShapeAsync(shapeId, ct)).Line;
                if (!oneByOne.TryGetValue(shapeId, out var single)) oneByOne[shapeId] = single = lineByLine(shape);
                if (single) continue;
                if (select.IsNull(3) || select.IsNull(4))
                {
                    unsummed.Add((shapeId, day));
                    continue;
                }
                var start = new DateTimeOffset(DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                yield return new BillingGroup(shape with { UsageStart = start, UsageEnd = start.AddDays(1), InvoiceMonth = BillingLineCodec.Month(select.Int64(2)) },
                    StoreValues.ReadMoney(select, 3), StoreValues.ReadMoney(select, 4), select.Int64(5));
            }
        }
        if (unsummed.Count == 0 && !oneByOne.ContainsValue(true)) yield break;
        ValueTask<bool> Single(long shape, int day) => ValueTask.FromResult(oneByOne.GetValueOrDefault(shape) || unsummed.Contains((shape, day)));
        await foreach (var (_, line) in ReadLinesAsync(range, dictionary, shapes, Single, ct))
            yield return BillingGroup.Of(line);
    }

    /// <summary>
    /// The dictionary and line shapes that reads use, kept from one read to the next while the transaction they read
    /// in (none, or an open load's) lasts: the analysis reads a month a day at a time, and reading each day's few
    /// thousand shapes and their label sets again was a third of a re-analysis (4M-line store). Shapes and dictionary
    /// entries never change once written; only a load rolled back takes some away, and its transaction is then over.
    /// </summary>
    private (StoreDictionary Dictionary, LineShapes Shapes) ReadShapes()
    {
        if (_readShapes is { } kept && ReferenceEquals(kept.Transaction, Current)) return (kept.Dictionary, kept.Shapes);
        DropReadShapes();
        var dictionary = new StoreDictionary(_connection, Current);
        _readShapes = new ReadShapeCache(Current, dictionary, new LineShapes(_connection, dictionary));
        return (dictionary, _readShapes.Shapes);
    }

    private void DropReadShapes()
    {
        if (_readShapes is null) return;
        _readShapes.Shapes.Dispose();
        _readShapes.Dictionary.Dispose();
        _readShapes = null;
    }

    private ReadShapeCache? _readShapes;

    private sealed record ReadShapeCache(Microsoft.Data.Sqlite.SqliteTransaction? Transaction, StoreDictionary Dictionary, LineShapes Shapes);

    /// <summary>
    /// Adds up the lines of every day in <paramref name="range"/> whose sums are not stored yet (days
    /// loaded before migration 0015) and stores them, once; inside an open load, in its transaction.
    /// </summary>
    public async Task GroupBillingDaysAsync(DateRange range, CancellationToken ct)
    {
        var days = (await _connection.QueryAsync<string>(new CommandDefinition(Sql.SelectUngroupedDays, RangeArgs(range), Current, cancellationToken: ct)))
            .Select(StoreText.ParseDay).ToList();
        if (days.Count == 0) return;
        using var own = Current is null ? _connection.BeginTransaction() : null;
        var tx = Current ?? own!;
        await using var dictionary = new StoreDictionary(_connection, tx);
        using var shapes = new LineShapes(_connection, dictionary);
        foreach (var day in days)
        {
            var groups = new BillingGroups();
            await foreach (var (shape, line) in ReadLinesAsync(new DateRange(day, day.AddDays(1)), dictionary, shapes, null, ct))
                groups.Add(line, shape);
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteBillingGroupsOfDay, new { Day = (long)day.DayNumber }, tx, cancellationToken: ct));
            groups.Write(_connection);
            await _connection.ExecuteAsync(new CommandDefinition(Sql.MarkDayGrouped, new { Day = StoreText.Day(day) }, tx, cancellationToken: ct));
        }
        if (own is not null) await own.CommitAsync(ct);
    }
}

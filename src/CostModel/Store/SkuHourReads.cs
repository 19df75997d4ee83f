using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;
using Dapper;

namespace Costs.CostModel.Store;

/// <summary>The reads of billing lines added up by SKU, region and usage hours (migration 0017).</summary>
public sealed partial class CostStore
{
    private sealed record SkuHourDay(string Day, string Account, long SkuHours);

    /// <summary>
    /// The billing lines of <paramref name="range"/> that have a region, added up by (account, SKU, region,
    /// currency, usage start, usage end) within each day (<see cref="SkuHour"/>); in no particular order.
    /// Only the groups that pass <paramref name="wanted"/> come (it is asked once per account, SKU, region
    /// and currency, of a group whose instants and amounts are not set). A (day, account) whose sums would
    /// have rounded comes as its single lines, groups of one. Days loaded before migration 0017 are added
    /// up and stored first (<see cref="SumSkuHourDaysAsync"/>), unless the store is read-only: then their
    /// lines are read.
    /// </summary>
    public async IAsyncEnumerable<SkuHour> ReadSkuHoursAsync(DateRange range, Func<SkuHour, bool> wanted,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (!IsReadOnly) await SumSkuHourDaysAsync(range, ct);
        var days = (await _connection.QueryAsync<SkuHourDay>(new CommandDefinition(Sql.SelectSkuHourDays, RangeArgs(range), Current, cancellationToken: ct))).ToList();
        var summed = days.Where(d => d.SkuHours == 1).Select(d => (StoreText.ParseDay(d.Day).DayNumber, d.Account)).ToHashSet();
        var (dictionary, shapes) = ReadShapes();
        var verdicts = new Dictionary<(long Account, long Sku, long Region, long Currency), SkuHour?>();
        using (var select = new RawStatement(_connection, Sql.SelectSkuHours))
        {
            select.Bind(select.ParameterIndex("@Start"), (long)range.Start.DayNumber);
            select.Bind(select.ParameterIndex("@EndExclusive"), range.EndExclusive == DateOnly.MaxValue ? long.MaxValue : range.EndExclusive.DayNumber);
            while (select.Step())
            {
                var ids = (select.Int64(1), select.Int64(2), select.Int64(3), select.Int64(4));
                if (!verdicts.TryGetValue(ids, out var group)) verdicts[ids] = group = await GroupOfAsync(ids, dictionary, wanted, ct);
                if (group is null || !summed.Contains(((int)select.Int64(0), group.BillingAccountId))) continue;
                yield return group with
                {
                    UsageStart = StoreValues.ReadInstant(select, 5), UsageEnd = StoreValues.ReadInstant(select, 6), Lines = select.Int64(7),
                    Usage = StoreValues.ReadQuantityOrNull(select, 8), UsageMax = StoreValues.ReadQuantityOrNull(select, 9),
                    Net = StoreValues.ReadMoneyOrNull(select, 10), NetMax = StoreValues.ReadMoneyOrNull(select, 11), CostMax = StoreValues.ReadMoney(select, 12),
                };
            }
        }
        var unsummed = days.Where(d => d.SkuHours != 1).Select(d => (StoreText.ParseDay(d.Day), d.Account)).ToHashSet();
        await foreach (var line in UnsummedLinesAsync(unsummed, dictionary, shapes, wanted, ct)) yield return line;
    }

    /// <summary>The group of these dictionary ids (instants and amounts unset), or null when <paramref name="wanted"/> says no.</summary>
    private static async ValueTask<SkuHour?> GroupOfAsync((long Account, long Sku, long Region, long Currency) ids, StoreDictionary dictionary,
        Func<SkuHour, bool> wanted, CancellationToken ct)
    {
        foreach (var id in new[] { ids.Account, ids.Sku, ids.Region, ids.Currency }) await dictionary.LoadAsync(id, ct);
        var group = new SkuHour
        {
            BillingAccountId = dictionary.Text(ids.Account), SkuDescription = dictionary.Text(ids.Sku), Region = dictionary.Text(ids.Region),
            Currency = new Currency(dictionary.Text(ids.Currency)), UsageStart = default, UsageEnd = default, Lines = 0, CostMax = 0m,
        };
        return wanted(group) ? group : null;
    }

    /// <summary>The wanted lines of the (day, account)s whose sums are not stored, as groups of one.</summary>
    private async IAsyncEnumerable<SkuHour> UnsummedLinesAsync(HashSet<(DateOnly Day, string Account)> unsummed, StoreDictionary dictionary,
        LineShapes shapes, Func<SkuHour, bool> wanted, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (unsummed.Count == 0) yield break;
        var verdicts = new Dictionary<long, bool>();
        foreach (var day in unsummed.Select(u => u.Day).Distinct().Order())
        {
            async ValueTask<bool> Wanted(long shape, int _)
            {
                if (verdicts.TryGetValue(shape, out var take)) return take && unsummed.Contains((day, (await shapes.ShapeAsync(shape, ct)).Line.BillingAccountId));
                var line = (await shapes.ShapeAsync(shape, ct)).Line;
                verdicts[shape] = take = SkuHour.Of(line) is { } group && wanted(group);
                return take && unsummed.Contains((day, line.BillingAccountId));
            }
            await foreach (var (_, line) in ReadLinesAsync(new DateRange(day, day.AddDays(1)), dictionary, shapes, Wanted, ct))
                yield return SkuHour.Of(line)!;
        }
    }

    /// <summary>
    /// Adds up the lines of every day in <paramref name="range"/> whose SKU hours are not stored yet (days
    /// loaded before migration 0017) and stores them, once, in one transaction (inside an open load, in its).
    /// </summary>
    public async Task SumSkuHourDaysAsync(DateRange range, CancellationToken ct)
    {
        var days = (await _connection.QueryAsync<SkuHourDay>(new CommandDefinition(Sql.SelectSkuHourDays, RangeArgs(range), Current, cancellationToken: ct)))
            .Where(d => d.SkuHours == 0).ToList();
        if (days.Count == 0) return;
        using var own = Current is null ? _connection.BeginTransaction() : null;
        var tx = Current ?? own!;
        await using var dictionary = new StoreDictionary(_connection, tx);
        using var shapes = new LineShapes(_connection, dictionary);
        foreach (var group in days.GroupBy(d => d.Day))
        {
            var day = StoreText.ParseDay(group.Key);
            var sums = new SkuHours();
            await foreach (var (shape, line) in ReadLinesAsync(new DateRange(day, day.AddDays(1)), dictionary, shapes, null, ct))
                await sums.AddAsync(line, shape, dictionary, ct);
            await _connection.ExecuteAsync(new CommandDefinition(Sql.DeleteSkuHoursOfDay, new { Day = (long)day.DayNumber }, tx, cancellationToken: ct));
            sums.Write(_connection);
            foreach (var d in group)
            {
                var state = sums.State(day, (long)await dictionary.IdAsync(d.Account, ct));
                await _connection.ExecuteAsync(new CommandDefinition(Sql.MarkSkuHours, new { SkuHours = state, d.Day, d.Account }, tx, cancellationToken: ct));
            }
        }
        if (own is not null) await own.CommitAsync(ct);
    }
}

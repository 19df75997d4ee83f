using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// Adds up billing lines by (usage day, account, SKU, region, currency, usage start, usage end) as they
/// are stored, exactly, and writes the sums to billing_sku_hour (migration 0017; <see cref="SkuHour"/>
/// says what each sum is). A load feeds it every line it inserts; the first read of a day loaded before
/// 0017 feeds it the day's lines once. A (day, account) where a sum would round is not written: its
/// lines are read one by one instead.
/// </summary>
internal sealed class SkuHours
{
    private readonly Dictionary<long, Ids?> _idsOfShape = [];
    private readonly Dictionary<Key, Sum> _sums = [];
    private readonly HashSet<(int Day, long Account)> _inexact = [];

    private readonly record struct Ids(long Account, long Sku, long Region, long Currency);

    private readonly record struct Key(int Day, Ids Ids, DateTimeOffset Start, DateTimeOffset End);

    private sealed class Sum
    {
        public long Lines;
        public decimal? Usage, UsageMax, Net, NetMax;
        public decimal CostMax;

        /// <summary>False when a sum had to round.</summary>
        public bool Add(BillingLine line)
        {
            CostMax = Lines++ == 0 ? line.Cost : Math.Max(CostMax, line.Cost);
            if (line.UsageAmountInPricingUnits is not { } usage) return true;
            var net = SkuHour.NetOfCommitments(line);
            var exact = Plus(ref Usage, usage) & Plus(ref Net, net);
            UsageMax = UsageMax is { } u ? Math.Max(u, usage) : usage;
            NetMax = NetMax is { } n ? Math.Max(n, net) : net;
            return exact;
        }

        private static bool Plus(ref decimal? sum, decimal value)
        {
            if (sum is not { } s)
            {
                sum = value;
                return true;
            }
            var exact = ExactSum.TryAdd(s, value, out var total);
            sum = total;
            return exact;
        }
    }

    /// <summary>Adds <paramref name="line"/> (of shape <paramref name="shape"/>); a line without a region is in no group.</summary>
    public async ValueTask AddAsync(BillingLine line, long shape, StoreDictionary dictionary, CancellationToken ct)
    {
        if (!_idsOfShape.TryGetValue(shape, out var ids)) _idsOfShape[shape] = ids = await IdsAsync(line, dictionary, ct);
        if (ids is not { } of) return;
        var key = new Key(line.UsageDay.DayNumber, of, line.UsageStart, line.UsageEnd);
        if (!_sums.TryGetValue(key, out var sum)) _sums[key] = sum = new Sum();
        if (!sum.Add(line)) _inexact.Add((key.Day, of.Account));
    }

    private static async ValueTask<Ids?> IdsAsync(BillingLine line, StoreDictionary dictionary, CancellationToken ct)
    {
        if (line.Region is not { Length: > 0 } region) return null;
        return new Ids((long)await dictionary.IdAsync(line.BillingAccountId, ct), (long)await dictionary.IdAsync(line.SkuDescription, ct),
            (long)await dictionary.IdAsync(region, ct), (long)await dictionary.IdAsync(line.Currency.Code, ct));
    }

    /// <summary>1 when the sums of (<paramref name="day"/>, account <paramref name="account"/>) are exact, 2 when one would round (billing_day.sku_hours).</summary>
    public int State(DateOnly day, long account) => _inexact.Contains((day.DayNumber, account)) ? 2 : 1;

    /// <summary>Inserts the exact sums (inside the caller's transaction) and forgets them.</summary>
    public void Write(SqliteConnection connection)
    {
        using var insert = new RawStatement(connection, Sql.InsertSkuHour);
        string[] names = ["@Day", "@Account", "@Sku", "@Region", "@Currency", "@UsageStart", "@UsageEnd", "@LineCount",
            "@UsageSum", "@UsageMax", "@NetSum", "@NetMax", "@CostMax"];
        var at = names.Select(insert.ParameterIndex).ToArray();
        foreach (var (key, sum) in _sums)
        {
            if (_inexact.Contains((key.Day, key.Ids.Account))) continue;
            object[] values =
            [
                (long)key.Day, key.Ids.Account, key.Ids.Sku, key.Ids.Region, key.Ids.Currency,
                StoreValues.Instant(key.Start), StoreValues.Instant(key.End), sum.Lines,
                StoreValues.Quantity(sum.Usage), StoreValues.Quantity(sum.UsageMax),
                StoreValues.Money(sum.Net), StoreValues.Money(sum.NetMax), StoreValues.Money(sum.CostMax),
            ];
            for (var i = 0; i < at.Length; i++) insert.Bind(at[i], values[i]);
            insert.Step();
        }
        _sums.Clear();
    }
}

using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// Adds up billing lines by (usage day, shape, invoice month) as they are stored, exactly (decimals), and
/// writes the sums to billing_group (migration 0015). A load feeds it every line it inserts; the analysis
/// of a day loaded before 0015 feeds it the day's lines once.
/// </summary>
/// <remarks>
/// A load of months of a big organisation's bill makes hundreds of thousands of sums (a day has thousands of
/// line shapes), so a load writes them whenever <see cref="Full"/>, and the memory stays that of
/// <see cref="Limit"/> sums whatever the load's size. A sum already written by this load is then added to
/// exactly (billing_group's own rows of a replaced day were deleted before its first line was added).
/// </remarks>
internal sealed class BillingGroups(int limit = BillingGroups.Limit)
{
    /// <summary>The sums held before <see cref="Full"/> (about 6 MB of them).</summary>
    public const int Limit = 1 << 16;

    private readonly Dictionary<(int Day, long Shape, long Month), Sum> _sums = [];

    private sealed class Sum
    {
        public decimal Cost;
        public decimal Credits;
        public long Lines;

        /// <summary>False once an addition rounded (a sum beyond a decimal's 28 digits): stored as NULL, read line by line.</summary>
        public bool Exact = true;

        public void Add(decimal cost, decimal credits)
        {
            Cost = Plus(Cost, cost);
            Credits = Plus(Credits, credits);
            Lines++;
        }

        public void Add(Sum other)
        {
            Cost = Plus(Cost, other.Cost);
            Credits = Plus(Credits, other.Credits);
            Lines += other.Lines;
            Exact &= other.Exact;
        }

        private decimal Plus(decimal a, decimal b)
        {
            if (!ExactSum.TryAdd(a, b, out var sum)) Exact = false;
            return sum;
        }
    }

    public int Count => _sums.Count;

    /// <summary>True when the limit of sums (<see cref="Limit"/> unless a test asks for fewer) is held: time to <see cref="Write"/> them.</summary>
    public bool Full => _sums.Count >= limit;

    public void Add(BillingLine line, long shape)
    {
        var key = (line.UsageDay.DayNumber, shape, BillingLineCodec.Month(line.InvoiceMonth));
        if (!_sums.TryGetValue(key, out var sum)) _sums[key] = sum = new Sum();
        sum.Add(line.Cost, line.CreditTotal);
    }

    /// <summary>
    /// Inserts the sums (inside the caller's transaction) and forgets them; a sum whose row is already there
    /// (written earlier by the same load) is added to it, and stays NULL once either side rounded.
    /// </summary>
    public void Write(SqliteConnection connection)
    {
        using var insert = new RawStatement(connection, Sql.InsertBillingGroup);
        int day = insert.ParameterIndex("@Day"), shape = insert.ParameterIndex("@Shape"), month = insert.ParameterIndex("@InvoiceMonth"),
            cost = insert.ParameterIndex("@Cost"), credits = insert.ParameterIndex("@CreditTotal"), lines = insert.ParameterIndex("@LineCount");
        Merge? merge = null;
        foreach (var ((d, s, m), sum) in _sums.OrderBy(kv => kv.Key))
        {
            insert.Bind(day, (long)d);
            insert.Bind(shape, s);
            insert.Bind(month, m);
            insert.Bind(cost, sum.Exact ? StoreValues.Money(sum.Cost) : DBNull.Value);
            insert.Bind(credits, sum.Exact ? StoreValues.Money(sum.Credits) : DBNull.Value);
            insert.Bind(lines, sum.Lines);
            insert.Step();
            if (SQLitePCL.raw.sqlite3_changes(connection.Handle) == 0) (merge ??= new Merge(connection)).Add(d, s, m, sum);
        }
        merge?.Dispose();
        _sums.Clear();
        _sums.TrimExcess(limit);
    }

    /// <summary>Adds a sum to the row an earlier write made for its key.</summary>
    private sealed class Merge : IDisposable
    {
        private readonly RawStatement _select, _update;
        private readonly int[] _selectKey, _updateKey;
        private readonly int _cost, _credits, _lines;

        public Merge(SqliteConnection connection)
        {
            _select = new RawStatement(connection, Sql.SelectBillingGroup);
            _update = new RawStatement(connection, Sql.UpdateBillingGroup);
            string[] key = ["@Day", "@Shape", "@InvoiceMonth"];
            _selectKey = key.Select(_select.ParameterIndex).ToArray();
            _updateKey = key.Select(_update.ParameterIndex).ToArray();
            (_cost, _credits, _lines) = (_update.ParameterIndex("@Cost"), _update.ParameterIndex("@CreditTotal"), _update.ParameterIndex("@LineCount"));
        }

        public void Add(int day, long shape, long month, Sum sum)
        {
            object[] key = [(long)day, shape, month];
            for (var i = 0; i < key.Length; i++)
            {
                _select.Bind(_selectKey[i], key[i]);
                _update.Bind(_updateKey[i], key[i]);
            }
            if (!_select.Step()) throw new InvalidOperationException($"billing_group has no row for day {day}, shape {shape}, month {month} to add to.");
            var total = new Sum { Lines = _select.Int64(2), Exact = !_select.IsNull(0) && !_select.IsNull(1) };
            if (total.Exact) (total.Cost, total.Credits) = (StoreValues.ReadMoney(_select, 0), StoreValues.ReadMoney(_select, 1));
            _select.Step(); // past the one row (the key is the primary key): resets the statement
            total.Add(sum);
            _update.Bind(_cost, total.Exact ? StoreValues.Money(total.Cost) : DBNull.Value);
            _update.Bind(_credits, total.Exact ? StoreValues.Money(total.Credits) : DBNull.Value);
            _update.Bind(_lines, total.Lines);
            _update.Step();
        }

        public void Dispose()
        {
            _select.Dispose();
            _update.Dispose();
        }
    }
}

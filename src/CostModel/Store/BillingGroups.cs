using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// Adds up billing lines by (usage day, shape, invoice month) as they are stored, exactly (decimals), and
/// writes the sums to billing_group (migration 0015). A load feeds it every line it inserts; the analysis
/// of a day loaded before 0015 feeds it the day's lines once.
/// </summary>
internal sealed class BillingGroups
{
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

        private decimal Plus(decimal a, decimal b)
        {
            if (!ExactSum.TryAdd(a, b, out var sum)) Exact = false;
            return sum;
        }
    }

    public int Count => _sums.Count;

    public void Add(BillingLine line, long shape)
    {
        var key = (line.UsageDay.DayNumber, shape, BillingLineCodec.Month(line.InvoiceMonth));
        if (!_sums.TryGetValue(key, out var sum)) _sums[key] = sum = new Sum();
        sum.Add(line.Cost, line.CreditTotal);
    }

    /// <summary>Inserts the sums (inside the caller's transaction) and forgets them.</summary>
    public void Write(SqliteConnection connection)
    {
        using var insert = new RawStatement(connection, Sql.InsertBillingGroup);
        int day = insert.ParameterIndex("@Day"), shape = insert.ParameterIndex("@Shape"), month = insert.ParameterIndex("@InvoiceMonth"),
            cost = insert.ParameterIndex("@Cost"), credits = insert.ParameterIndex("@CreditTotal"), lines = insert.ParameterIndex("@LineCount");
        foreach (var ((d, s, m), sum) in _sums.OrderBy(kv => kv.Key))
        {
            insert.Bind(day, (long)d);
            insert.Bind(shape, s);
            insert.Bind(month, m);
            insert.Bind(cost, sum.Exact ? StoreValues.Money(sum.Cost) : DBNull.Value);
            insert.Bind(credits, sum.Exact ? StoreValues.Money(sum.Credits) : DBNull.Value);
            insert.Bind(lines, sum.Lines);
            insert.Step();
        }
        _sums.Clear();
    }
}

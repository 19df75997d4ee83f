using Costs.CostModel.Money;
using MoneyValue = Costs.CostModel.Money.Money;

namespace Costs.CostModel.Store;

/// <summary>
/// Rejected rows counted, and the amounts that could be read from them summed per currency (never across
/// currencies). <see cref="WithoutAmount"/> counts those whose amount or currency could not be read.
/// </summary>
public sealed record RejectedRows(long Count, IReadOnlyList<MoneyValue> Amounts, long WithoutAmount)
{
    public static RejectedRows None { get; } = new(0, [], 0);

    public static RejectedRows Of(IEnumerable<Reject> rejects)
    {
        ArgumentNullException.ThrowIfNull(rejects);
        long count = 0, without = 0;
        var sums = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var r in rejects)
        {
            count++;
            if (r.Facts.Money is { } m) sums[m.Currency.Code] = sums.GetValueOrDefault(m.Currency.Code) + m.Amount;
            else without++;
        }
        return new RejectedRows(count, sums.Select(s => new MoneyValue(s.Value, new Currency(s.Key))).ToList(), without);
    }

    /// <summary>The sum of the readable amounts in <paramref name="currency"/> (0 when none).</summary>
    public decimal AmountIn(Currency currency) => Amounts.Where(a => a.Currency == currency).Sum(a => a.Amount);

    /// <summary>In words: "2 rejected rows, 12.50 USD readable (1 without a readable amount)", or "no rejected rows".</summary>
    public string Describe()
    {
        if (Count == 0) return "no rejected rows";
        var text = $"{Count:N0} rejected row{(Count == 1 ? "" : "s")}";
        if (Amounts.Count > 0) text += ", " + string.Join(" + ", Amounts.Select(a => MoneyText.Format(a.Amount, a.Currency))) + " readable";
        if (WithoutAmount > 0) text += $" ({WithoutAmount:N0} without a readable amount)";
        return text;
    }

    // Records compare lists by reference; rejected rows are equal when their figures are.
    public bool Equals(RejectedRows? other) =>
        other is not null && Count == other.Count && WithoutAmount == other.WithoutAmount && Amounts.SequenceEqual(other.Amounts);

    public override int GetHashCode() => HashCode.Combine(Count, WithoutAmount, Amounts.Count);
}

namespace Costs.CostModel.Money;

/// <summary>
/// Splits an amount by weights so that the parts sum to the amount exactly. Each part is rounded down
/// (towards zero) to <c>scale</c> decimal places, and the units of the last place that rounding left
/// over go one each to the parts with the largest remainders (ties go to the earlier part).
/// </summary>
public static class Split
{
    /// <summary>Decimal places used when splitting billed money: BigQuery NUMERIC keeps nine.</summary>
    public const int DefaultScale = 9;

    public static decimal[] ByWeight(decimal amount, IReadOnlyList<decimal> weights, int scale = DefaultScale)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("Cannot split among no parts.", nameof(weights));
        if (scale is < 0 or > 18) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be 0 to 18.");
        decimal totalWeight = 0m;
        foreach (var w in weights)
        {
            if (w < 0m) throw new ArgumentException($"Weight {w} is negative.", nameof(weights));
            totalWeight += w;
        }

        var parts = new decimal[weights.Count];
        if (totalWeight == 0m)
        {
            // No weight anywhere: split evenly rather than lose the amount.
            return ByWeight(amount, Enumerable.Repeat(1m, weights.Count).ToArray(), scale);
        }

        var sign = amount < 0m ? -1m : 1m;
        var magnitude = Math.Abs(amount);
        var unit = Unit(scale);
        var remainders = new decimal[weights.Count];
        var assigned = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = magnitude * (weights[i] / totalWeight);
            var floor = Math.Floor(exact / unit) * unit;
            parts[i] = floor;
            remainders[i] = exact - floor;
            assigned += floor;
        }

        // What is left is a whole number of units when the amount has at most `scale` places; an amount
        // with more places than that leaves a sub-unit residue, which the largest remainder takes too.
        var left = magnitude - assigned;
        var order = new int[parts.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        // Largest remainder first, ties to the earlier part: a total order, so the sort's result is unique.
        Array.Sort(order, (x, y) => x == y ? 0 : remainders[y].CompareTo(remainders[x]) is var c && c != 0 ? c : x.CompareTo(y));
        for (var k = 0; left >= unit; k = (k + 1) % order.Length)
        {
            parts[order[k]] += unit;
            left -= unit;
        }
        parts[order[0]] += left;

        for (var i = 0; i < parts.Length; i++) parts[i] *= sign;
        return parts;
    }

    private static decimal Unit(int scale)
    {
        var unit = 1m;
        for (var i = 0; i < scale; i++) unit /= 10m;
        return unit;
    }
}

namespace Costs.CostModel.Money;

/// <summary>
/// Decimal addition that says when it rounded. A decimal holds 28 to 29 significant digits, and a sum
/// that needs more (amounts near 10^18 with nine decimal places, added up) is rounded without a word.
/// </summary>
public static class ExactSum
{
    /// <summary><paramref name="a"/> + <paramref name="b"/>; false when the sum had to drop a digit that was not zero.</summary>
    public static bool TryAdd(decimal a, decimal b, out decimal sum)
    {
        sum = a + b;
        return sum - a == b && sum - b == a;
    }
}

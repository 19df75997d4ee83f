namespace Costs.CostAnalyzer.Recommendations;

/// <summary>
/// How recommendations state money and shares. A month is 730 hours (8,760 ÷ 12), as Google's price
/// pages count it. Money is rounded to the cent and shares to four places, half away from zero, only
/// when it is stated; every comparison before that is on exact decimals.
/// </summary>
public static class Monthly
{
    public const decimal Hours = 730m;

    /// <summary>An amount that a window of <paramref name="windowHours"/> hours cost or saved, as a monthly amount to the cent.</summary>
    public static decimal FromWindow(decimal amount, decimal windowHours)
    {
        if (windowHours <= 0m) throw new ArgumentOutOfRangeException(nameof(windowHours), windowHours, "A window has at least one hour.");
        return Cents(amount * Hours / windowHours);
    }

    /// <summary>To the cent, always written with two places (adding 0.00 sets a decimal's scale to at least 2).</summary>
    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>A share (0.8125 for 81.25%), to four places.</summary>
    public static decimal Share(decimal share) => Math.Round(share, 4, MidpointRounding.AwayFromZero);
}

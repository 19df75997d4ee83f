using System.Globalization;

namespace Costs.CostModel.Money;

/// <summary>
/// Formats amounts for people, in the billing currency, with the invariant culture: two decimals,
/// a comma for thousands. USD is written "$1,234.56" (negative "-$1,234.56"); any other currency
/// "1,234.56 EUR". Rounding is half away from zero.
/// </summary>
public static class MoneyText
{
    public static string Format(decimal amount, Currency currency)
    {
        var rounded = Math.Round(amount, 2, MidpointRounding.AwayFromZero);
        var digits = Math.Abs(rounded).ToString("#,##0.00", CultureInfo.InvariantCulture);
        var sign = rounded < 0m ? "-" : "";
        return currency.Code == "USD" ? $"{sign}${digits}" : $"{sign}{digits} {currency.Code}";
    }

    /// <summary>A percentage with at most one decimal: 12.5%.</summary>
    public static string Percent(decimal percent) =>
        Math.Round(percent, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Costs.CostIngest.Files;

/// <summary>
/// Reads money and quantities from their text, exactly: never through double. Accepts exponents
/// (<c>2.3e-05</c>), which the BigQuery export writes for small FLOAT values.
/// </summary>
internal static class Decimals
{
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Costs.CostIngest.Files;

/// <summary>
/// Reads money and quantities from their text, exactly: never through double. Accepts exponents
/// (<c>2.3e-05</c>), which the BigQuery export writes for small FLOAT values.
/// </summary>
/// <remarks>
/// Bounds, checked as each row is read so that a value out of them is a bad row naming its field:
/// <list type="bullet">
/// <item>An amount of money must be less than 10^18 in absolute value (<see cref="MoneyLimit"/>). BigQuery
/// NUMERIC holds 29 integer digits and <c>decimal</c> about 7.9 × 10^28, but the store and the analysis add
/// amounts up: below 10^18 a sum of 79 billion lines still fits in <c>decimal</c>, and no real bill comes
/// near (10^18 is a billion billions).</item>
/// <item>A quantity (usage, a rate) must fit in <c>decimal</c>, which is also within NUMERIC's 29 integer digits.</item>
/// <item>Text is read exactly: a value with more significant digits than <c>decimal</c> holds (28–29) is refused,
/// not rounded. The BigQuery export's FLOAT values are the exception: they are rounded to 9 places, as
/// <c>CAST(x AS NUMERIC)</c> does (see <see cref="BigQueryJsonReader.AsNumeric"/>).</item>
/// </list>
/// </remarks>
internal static partial class Decimals
{
    /// <summary>The exclusive bound on the absolute value of an amount of money read from a file.</summary>
    public const decimal MoneyLimit = 1_000_000_000_000_000_000m;

    public static bool TryParse(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Reads an amount of money, or throws the reason it is not one.</summary>
    /// <param name="numeric">Round to 9 places as BigQuery NUMERIC does (the export's FLOAT values), rather than requiring exactness.</param>
    public static decimal Money(string text, string field, bool numeric) => Number(text, field, numeric, money: true);

    /// <summary>Reads a quantity (usage, a rate), or throws the reason it is not one.</summary>
    public static decimal Quantity(string text, string field, bool numeric) => Number(text, field, numeric, money: false);

    private static decimal Number(string text, string field, bool numeric, bool money)
    {
        if (!NumberText().IsMatch(text)) throw new FieldException(field, text, "not a number");
        if (!TryParse(text, out var value))
            throw new FieldException(field, text, money
                ? "out of range: an amount must be less than 10^18 in absolute value"
                : "out of range: more than a decimal number can hold (about 7.9 × 10^28)");
        if (money && Math.Abs(value) >= MoneyLimit)
            throw new FieldException(field, text, "out of range: an amount must be less than 10^18 in absolute value");
        if (numeric) return BigQueryJsonReader.AsNumeric(value);
        if (!IsExact(text, value))
            throw new FieldException(field, text, "cannot be held exactly: more than 28 significant digits, or finer than 10^-28");
        return value;
    }

    /// <summary>
    /// The fast path's reading of a number of the BigQuery export from its raw UTF-8 (a JSON number, or a
    /// string's bytes): what <c>Money</c>/<c>Quantity</c> with <c>numeric: true</c> make of the same text,
    /// or false where they would not simply succeed (a space, a bad character, out of range): the caller
    /// then reads the value the slow way, which names the problem.
    /// </summary>
    public static bool TryNumericUtf8(ReadOnlySpan<byte> text, bool money, out decimal value)
    {
        value = 0m;
        if (!IsPlainNumber(text)) return false;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return false;
        if (money && Math.Abs(parsed) >= MoneyLimit) return false;
        value = BigQueryJsonReader.AsNumeric(parsed);
        return true;
    }

    /// <summary><see cref="NumberText"/> without the spaces it allows around the number: <c>[+-]?(d+.?d*|.d+)([eE][+-]?d+)?</c>.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<byte> s)
    {
        var i = 0;
        if (i < s.Length && s[i] is (byte)'+' or (byte)'-') i++;
        var integer = Digits(s, ref i);
        var fraction = 0;
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            fraction = Digits(s, ref i);
        }
        if (integer == 0 && fraction == 0) return false;
        if (i < s.Length && s[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < s.Length && s[i] is (byte)'+' or (byte)'-') i++;
            if (Digits(s, ref i) == 0) return false;
        }
        return i == s.Length;
    }

    private static int Digits(ReadOnlySpan<byte> s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit((char)s[i])) i++;
        return i - start;
    }

    /// <summary>Whether <paramref name="value"/> is exactly the number that <paramref name="text"/> writes.</summary>
    internal static bool IsExact(string text, decimal value)
    {
        var s = text.AsSpan().Trim().TrimStart("+-");
        var exponent = 0;
        var e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return value == 0m && !s[..e].ContainsAnyInRange('1', '9');
            s = s[..e];
        }
        var point = s.IndexOf('.');
        var digits = point < 0 ? s.ToString() : string.Concat(s[..point], s[(point + 1)..]);
        long scale = (point < 0 ? 0 : s.Length - point - 1) - (long)exponent;
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length == 0) return value == 0m;
        var significant = trimmed.TrimEnd('0');
        scale -= trimmed.Length - significant.Length;
        if (significant.Length > 29) return false;
        var written = BigInteger.Parse(significant, CultureInfo.InvariantCulture);
        var bits = decimal.GetBits(Math.Abs(value));
        var held = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | (uint)bits[0];
        var heldScale = (bits[3] >> 16) & 0xFF;
        // written × 10^-scale = held × 10^-heldScale
        var shift = scale - heldScale;
        if (Math.Abs(shift) > 60) return false;
        return shift >= 0 ? written == held * BigInteger.Pow(10, (int)shift) : written * BigInteger.Pow(10, (int)-shift) == held;
    }

    [GeneratedRegex(@"^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberText();
}

using System.Numerics;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// Parses Kubernetes resource quantities (<c>resource.Quantity</c>) exactly into decimal: CPU in cores
/// (<c>250m</c> = 0.25, <c>123456789n</c> = 0.123456789) and memory in bytes (<c>512Mi</c> = 536870912).
/// Grammar, from the Kubernetes API reference (common definitions, Quantity):
/// <code>
/// quantity     ::= signedNumber suffix
/// signedNumber ::= number | sign number          sign ::= "+" | "-"
/// number       ::= digits | digits "." digits | digits "." | "." digits
/// suffix       ::= binarySI | decimalExponent | decimalSI
/// binarySI     ::= Ki | Mi | Gi | Ti | Pi | Ei
/// decimalSI    ::= n | u | m | "" | k | M | G | T | P | E     (n and u are accepted by the API server too)
/// decimalExponent ::= "e" signedInteger | "E" signedInteger
/// </code>
/// Nothing is rounded: a value that decimal cannot hold exactly (more than 28 places, or past 2^96) is an error.
/// </summary>
public static class Quantity
{
    public static decimal Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException($"Invalid quantity '{text}': {error}.");

    public static bool TryParse(string? text, out decimal value) => TryParse(text, out value, out _);

    private static bool TryParse(string? text, out decimal value, out string error)
    {
        value = 0m;
        error = "";
        if (string.IsNullOrEmpty(text)) { error = "empty"; return false; }
        var s = text.AsSpan();
        var i = 0;
        var negative = false;
        if (s[i] is '+' or '-') { negative = s[i] == '-'; i++; }

        var mantissa = BigInteger.Zero;
        var digits = 0;
        var fraction = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { mantissa = mantissa * 10 + (s[i] - '0'); digits++; i++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { mantissa = mantissa * 10 + (s[i] - '0'); digits++; fraction++; i++; }
        }
        if (digits == 0) { error = "no digits"; return false; }

        var suffix = s[i..];
        var exponent = -fraction;
        var binaryPower = 0;
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E' && suffix is not "Ei")
        {
            if (!int.TryParse(suffix[1..], System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out var e) || e is < -100 or > 100)
            {
                error = $"bad exponent '{suffix.ToString()}'";
                return false;
            }
            exponent += e;
        }
        else
        {
            switch (suffix)
            {
                case "": break;
                case "n": exponent -= 9; break;
                case "u": exponent -= 6; break;
                case "m": exponent -= 3; break;
                case "k": exponent += 3; break;
                case "M": exponent += 6; break;
                case "G": exponent += 9; break;
                case "T": exponent += 12; break;
                case "P": exponent += 15; break;
                case "E": exponent += 18; break;
                case "Ki": binaryPower = 1; break;
                case "Mi": binaryPower = 2; break;
                case "Gi": binaryPower = 3; break;
                case "Ti": binaryPower = 4; break;
                case "Pi": binaryPower = 5; break;
                case "Ei": binaryPower = 6; break;
                default: error = $"unknown suffix '{suffix.ToString()}'"; return false;
            }
        }

        // value = mantissa × 1024^binaryPower × 10^exponent, held as integer × 10^-scale.
        var integer = mantissa * BigInteger.Pow(1024, binaryPower);
        if (exponent > 0) { integer *= BigInteger.Pow(10, exponent); exponent = 0; }
        var scale = -exponent;
        while (scale > 0 && !integer.IsZero && integer % 10 == 0) { integer /= 10; scale--; }
        if (integer.IsZero) scale = 0;
        if (scale > 28) { error = "more than 28 decimal places"; return false; }
        if (integer.GetBitLength() > 96) { error = "too large"; return false; }

        var bytes = new byte[12];
        integer.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        value = new decimal(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8),
            negative && !integer.IsZero, (byte)scale);
        return true;
    }
}

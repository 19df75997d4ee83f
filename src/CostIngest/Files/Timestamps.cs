using System.Globalization;

namespace Costs.CostIngest.Files;

/// <summary>
/// Parses the timestamp spellings that billing files use, always to UTC:
/// BigQuery's JSON export (<c>2026-10-01 00:00:00 UTC</c>, optional <c>.ffffff</c>), ISO 8601 with
/// <c>Z</c> or an offset, and FOCUS's zone-less <c>2024-09-01 00:00:00</c> (which FOCUS defines as UTC).
/// </summary>
internal static class Timestamps
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss 'UTC'", "yyyy-MM-dd HH:mm:ss.FFFFFF 'UTC'",
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
            return false;
        value = value.ToUniversalTime();
        return true;
    }

    /// <summary>
    /// The fast path's reading of BigQuery's JSON export spelling from UTF-8, <c>yyyy-MM-dd HH:mm:ss UTC</c>
    /// with an optional fraction of one to six digits: what <see cref="TryParse"/> makes of the same text, or
    /// false for any other spelling or a date that does not exist (the caller then reads it the slow way).
    /// </summary>
    public static bool TryParseExportUtf8(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 23 || !s.EndsWith(" UTC"u8)) return false;
        var core = s[..^4];
        if (core[4] != '-' || core[7] != '-' || core[10] != ' ' || core[13] != ':' || core[16] != ':') return false;
        if (!Number(core, 0, 4, out var year) || !Number(core, 5, 2, out var month) || !Number(core, 8, 2, out var day)
            || !Number(core, 11, 2, out var hour) || !Number(core, 14, 2, out var minute) || !Number(core, 17, 2, out var second))
            return false;
        long ticks = 0;
        if (core.Length > 19)
        {
            var digits = core.Length - 20;
            if (core[19] != '.' || digits is < 1 or > 6 || !Number(core, 20, digits, out var fraction)) return false;
            ticks = fraction * TicksPerDigit[digits - 1];
        }
        if (year < 1000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(ticks);
        return true;
    }

    /// <summary>Ticks (100 ns) in one unit of the last digit of a fraction of 1 to 6 digits.</summary>
    private static ReadOnlySpan<int> TicksPerDigit => [1_000_000, 100_000, 10_000, 1_000, 100, 10];

    private static bool Number(ReadOnlySpan<byte> s, int start, int length, out int value)
    {
        value = 0;
        foreach (var b in s.Slice(start, length))
        {
            if (!char.IsAsciiDigit((char)b)) return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}

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
}

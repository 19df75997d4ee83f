using System.Globalization;
using System.Text.Json;
using Costs.CostModel.Billing;

namespace Costs.CostModel.Store;

/// <summary>How values are written as text in the store: invariant, exact and round-trippable.</summary>
public static class StoreText
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A day range as the text columns compare it: the end of <see cref="Time.DateRange.Everything"/> after every day.</summary>
    public static (string Start, string EndExclusive) DayRange(Time.DateRange range) =>
        (Day(range.Start), range.EndExclusive == DateOnly.MaxValue ? "9999-99-99" : Day(range.EndExclusive));

    public static DateOnly ParseDay(string text) =>
        DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset t) => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static string Decimal(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    public static string? Decimal(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string text) =>
        decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static decimal? ParseDecimalOrNull(string? text) => text is null ? null : ParseDecimal(text);

    /// <summary>Credits as a JSON array, amounts as strings so that no reader turns them into doubles.</summary>
    public static string Credits(IReadOnlyList<Credit> credits)
    {
        if (credits.Count == 0) return "[]";
        return JsonSerializer.Serialize(credits.Select(c => new StoredCredit(
            c.Type.Name, Decimal(c.Amount), c.Name, c.FullName, c.Id)).ToArray(), StoreJson.Default.StoredCreditArray);
    }

    public static IReadOnlyList<Credit> ParseCredits(string json)
    {
        if (json == "[]") return [];
        var stored = JsonSerializer.Deserialize(json, StoreJson.Default.StoredCreditArray) ?? [];
        return stored.Select(s => new Credit(CreditType.Parse(s.Type), ParseDecimal(s.Amount), s.Name, s.FullName, s.Id)).ToList();
    }
}

internal sealed record StoredCredit(string Type, string Amount, string? Name, string? FullName, string? Id);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(StoredCredit[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(StoredCreditShape[]))]
internal sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext;

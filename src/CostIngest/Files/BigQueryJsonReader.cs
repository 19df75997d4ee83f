using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Unicode;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostIngest.Files;

/// <summary>
/// Reads the Cloud Billing export as newline-delimited JSON, exactly as
/// <c>bq extract --destination_format NEWLINE_DELIMITED_JSON</c> writes the standard and the detailed
/// (resource-level) tables: nested records as objects, repeated fields as arrays, INT64 as strings,
/// FLOAT as numbers, TIMESTAMP as <c>2026-10-01 00:00:00 UTC</c>. Streams one line at a time.
/// </summary>
public static class BigQueryJsonReader
{
    /// <summary>Lines parsed together on one thread; a few batches are in flight at once.</summary>
    private const int BatchLines = 256;

    /// <remarks>
    /// Batches of lines are parsed on the thread pool while the caller stores earlier rows (see
    /// <see cref="ParallelRows"/>). Each line is read from its UTF-8 bytes by <see cref="ExportRowFastPath"/>
    /// when it is a well-formed export row, and otherwise as text by <see cref="ReadLine"/>, which names
    /// what is wrong with it.
    /// </remarks>
    public static IAsyncEnumerable<FileRow> ReadAsync(string path, string displayName, CancellationToken ct) =>
        ParallelRows.ReadAsync(TextLines.ReadBatchesAsync(path, BatchLines, ct), batch => Parse(batch, displayName), ct);

    private static List<FileRow> Parse(LineBatch batch, string displayName)
    {
        using (batch)
        {
            var rows = new List<FileRow>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (!batch.TooLong(i) && Utf8.IsValid(batch.Bytes(i))
                    && ExportRowFastPath.TryRead(batch.Bytes(i), displayName, batch.Number(i)) is { } fast)
                {
                    rows.Add(new FileRow(fast, null));
                    continue;
                }
                var line = batch.Decode(i);
                if (line.Problem is not null)
                    rows.Add(new FileRow(null, new RowError(displayName, line.Number, "(row)", line.Value, line.Problem)));
                else if (!string.IsNullOrWhiteSpace(line.Text))
                    rows.Add(ReadLine(line.Text, displayName, line.Number));
            }
            return rows;
        }
    }

    /// <summary>Reads one line of the export. Pure: the same text always gives the same row.</summary>
    public static FileRow ReadLine(string text, string file, long lineNumber)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return new FileRow(null, new RowError(file, lineNumber, "(row)", Excerpt(text), $"not valid JSON: {ex.Message}"));
        }
        using (doc)
        {
            try
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new FieldException("(row)", Excerpt(text), "a row must be a JSON object");
                return new FileRow(ToLine(doc.RootElement, new SourceRef(file, lineNumber)), null);
            }
            catch (FieldException ex)
            {
                return new FileRow(null, new RowError(file, lineNumber, ex.Field, ex.Value, ex.Message) { Facts = Salvage(doc.RootElement) });
            }
            catch (InvalidOperationException)
            {
                // A property name with a lone surrogate escape, met while looking up a field.
                return new FileRow(null, new RowError(file, lineNumber, "(row)", Excerpt(text), "a property name is " + LoneSurrogate)
                    { Facts = Salvage(doc.RootElement) });
            }
        }
    }

    private static BillingLine ToLine(JsonElement row, SourceRef source)
    {
        var start = RequiredTimestamp(row, "usage_start_time");
        var end = RequiredTimestamp(row, "usage_end_time");
        if (end < start)
            throw new FieldException("usage_end_time", String(row, "usage_end_time"), "usage ends before it starts");
        var currencyText = String(row, "currency");
        if (string.IsNullOrEmpty(currencyText)) throw new FieldException("currency", null, "missing currency");
        if (!Currency.TryParse(currencyText, out var currency))
            throw new FieldException("currency", currencyText, "not an ISO 4217 currency code");
        var account = String(row, "billing_account_id");
        if (string.IsNullOrEmpty(account)) throw new FieldException("billing_account_id", null, "missing billing account");

        var invoice = Child(row, "invoice");
        var monthText = invoice is { } inv ? String(inv, "month", "invoice.month") : null;
        InvoiceMonth month;
        if (monthText is null) month = InvoiceMonth.Of(DateOnly.FromDateTime(start.UtcDateTime));
        else if (!InvoiceMonth.TryParse(monthText, out month))
            throw new FieldException("invoice.month", monthText, "not a YYYYMM invoice month");

        var service = Child(row, "service");
        var sku = Child(row, "sku");
        var project = Child(row, "project");
        var location = Child(row, "location");
        var resource = Child(row, "resource");
        var usage = Child(row, "usage");
        var adjustment = Child(row, "adjustment_info");
        var consumption = Child(row, "consumption_model");

        return new BillingLine
        {
            BillingAccountId = account,
            UsageStart = start,
            UsageEnd = end,
            InvoiceMonth = month,
            Currency = currency,
            Cost = RequiredMoney(row, "cost"),
            Credits = Credits(row),
            ProjectId = project is { } p ? String(p, "id", "project.id") : null,
            ProjectName = project is { } p2 ? String(p2, "name", "project.name") : null,
            ServiceId = service is { } s ? String(s, "id", "service.id") ?? "" : "",
            ServiceDescription = service is { } s2 ? String(s2, "description", "service.description") ?? "" : "",
            SkuId = sku is { } k ? String(k, "id", "sku.id") ?? "" : "",
            SkuDescription = sku is { } k2 ? String(k2, "description", "sku.description") ?? "" : "",
            Region = location is { } l ? String(l, "region", "location.region") ?? String(l, "location", "location.location") : null,
            Zone = location is { } l2 ? String(l2, "zone", "location.zone") : null,
            ResourceName = resource is { } r ? String(r, "name", "resource.name") : null,
            ResourceGlobalName = resource is { } r2 ? String(r2, "global_name", "resource.global_name") : null,
            Labels = KeyValues(row, "labels"),
            ProjectLabels = project is { } p3 ? KeyValues(p3, "labels", "project.") : Labels.Empty,
            SystemLabels = KeyValues(row, "system_labels"),
            UsageAmount = usage is { } u ? OptionalDecimal(u, "amount", "usage.", money: false) : null,
            UsageUnit = usage is { } u2 ? String(u2, "unit", "usage.unit") : null,
            UsageAmountInPricingUnits = usage is { } u3 ? OptionalDecimal(u3, "amount_in_pricing_units", "usage.", money: false) : null,
            UsagePricingUnit = usage is { } u4 ? String(u4, "pricing_unit", "usage.pricing_unit") : null,
            CostAtList = OptionalDecimal(row, "cost_at_list", "", money: true),
            CurrencyConversionRate = OptionalDecimal(row, "currency_conversion_rate", "", money: false),
            CostType = String(row, "cost_type") ?? "regular",
            ConsumptionModel = consumption is { } c ? String(c, "id", "consumption_model.id") ?? String(c, "description", "consumption_model.description") : String(row, "consumption_model"),
            AdjustmentDescription = adjustment is { } a ? String(a, "description", "adjustment_info.description") ?? String(a, "type", "adjustment_info.type") : null,
            ExportTime = OptionalTimestamp(row, "export_time"),
            Source = source,
        };
    }

    /// <summary>
    /// What can still be read from a row that failed: each of its usage day, billing account, invoice month,
    /// currency and cost on its own, each null when it is itself unreadable.
    /// </summary>
    private static RowFacts Salvage(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object) return RowFacts.None;
        var start = Readable(() => OptionalTimestamp(row, "usage_start_time"));
        var monthText = Readable(() => Child(row, "invoice") is { } inv ? String(inv, "month") : null);
        InvoiceMonth? month = monthText is null
            ? start is { } s ? InvoiceMonth.Of(DateOnly.FromDateTime(s.UtcDateTime)) : null
            : InvoiceMonth.TryParse(monthText, out var m) ? m : null;
        var currencyText = Readable(() => String(row, "currency"));
        return new RowFacts(
            start is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null,
            Readable(() => String(row, "billing_account_id")) is { Length: > 0 } account ? account : null,
            month,
            Currency.TryParse(currencyText, out var c) ? c : null,
            Readable(() => OptionalDecimal(row, "cost", "", money: true)));
    }

    /// <summary>A value read on its own from a row that failed, or null when it is itself unreadable.</summary>
    internal static T? Readable<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FieldException or InvalidOperationException)
        {
            return default;
        }
    }

    private static List<Credit> Credits(JsonElement row)
    {
        var list = new List<Credit>();
        if (!row.TryGetProperty("credits", out var credits) || credits.ValueKind == JsonValueKind.Null) return list;
        if (credits.ValueKind != JsonValueKind.Array)
            throw new FieldException("credits", Excerpt(credits.GetRawText()), "credits must be an array");
        var i = 0;
        foreach (var c in credits.EnumerateArray())
        {
            var field = $"credits[{i++}]";
            if (c.ValueKind != JsonValueKind.Object) throw new FieldException(field, Excerpt(c.GetRawText()), "a credit must be an object");
            var amount = RequiredMoney(c, "amount", field + ".");
            var typeText = String(c, "type", field + ".type");
            var name = String(c, "name", field + ".name");
            // Exports from before credit types existed carry only a name; it is kept as the type so it
            // is reported as unknown rather than folded into another type.
            var type = CreditType.Parse(!string.IsNullOrWhiteSpace(typeText) ? typeText
                : !string.IsNullOrWhiteSpace(name) ? name
                : throw new FieldException(field + ".type", typeText ?? name, "a credit has neither type nor name"));
            list.Add(new Credit(type, amount, name, String(c, "full_name", field + ".full_name"), String(c, "id", field + ".id")));
        }
        return list;
    }

    private static Labels KeyValues(JsonElement parent, string name, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null) return Labels.Empty;
        if (array.ValueKind != JsonValueKind.Array)
            throw new FieldException(prefix + name, Excerpt(array.GetRawText()), "labels must be an array of {key, value}");
        if (array.GetArrayLength() == 0) return Labels.Empty;
        // Lines repeat a few label sets thousands of times: the same text gives the same set, read once.
        var text = array.GetRawText();
        if (KnownLabels.TryGetValue(text, out var known)) return known;
        var labels = ReadKeyValues(array, name, prefix);
        if (KnownLabels.Count >= MaxKnownLabels) KnownLabels.Clear();
        KnownLabels.TryAdd(text, labels);
        return labels;
    }

    /// <summary>Label sets already read, by the JSON text of their array (bounded: cleared when full).</summary>
    private static readonly ConcurrentDictionary<string, Labels> KnownLabels = new(StringComparer.Ordinal);

    private const int MaxKnownLabels = 16_384;

    private static Labels ReadKeyValues(JsonElement array, string name, string prefix)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var i = 0;
        foreach (var kv in array.EnumerateArray())
        {
            var field = $"{prefix}{name}[{i++}]";
            var key = kv.ValueKind == JsonValueKind.Object ? String(kv, "key", field + ".key") : null;
            if (string.IsNullOrEmpty(key))
                throw new FieldException(prefix + name, Excerpt(kv.GetRawText()), "a label has no key");
            pairs.Add(KeyValuePair.Create(key, String(kv, "value", field + ".value") ?? ""));
        }
        return Labels.From(pairs);
    }

    private static JsonElement? Child(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object ? e : null;

    /// <summary>A text value; <paramref name="field"/> is its path in the row, for errors (default: its name).</summary>
    private static string? String(JsonElement parent, string name, string? field = null)
    {
        if (!parent.TryGetProperty(name, out var e)) return null;
        return e.ValueKind switch
        {
            JsonValueKind.String => Text(e, field ?? name),
            JsonValueKind.Null => null,
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
            _ => throw new FieldException(field ?? name, Excerpt(e.GetRawText()), "expected a text value"),
        };
    }

    /// <summary>
    /// A JSON string as text. JSON may escape half of a UTF-16 surrogate pair on its own (<c>"\ud800"</c>),
    /// which is no character at all: such a value is a bad field, not a crash.
    /// </summary>
    internal static string Text(JsonElement e, string field)
    {
        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new FieldException(field, Excerpt(e.GetRawText()), LoneSurrogate);
        }
    }

    internal const string LoneSurrogate = "not text: it holds half of a UTF-16 surrogate pair on its own";

    private static decimal RequiredMoney(JsonElement parent, string name, string prefix = "") =>
        OptionalDecimal(parent, name, prefix, money: true) ?? throw new FieldException(prefix + name, null, "missing amount");

    /// <summary>An amount (bounded by <see cref="Decimals.MoneyLimit"/>) or a quantity, as NUMERIC holds it.</summary>
    private static decimal? OptionalDecimal(JsonElement parent, string name, string prefix, bool money)
    {
        if (!parent.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        // FLOAT arrives as a JSON number, NUMERIC and INT64 as strings: both are read from their text.
        var text = e.ValueKind switch
        {
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.String => e.GetString()!,
            _ => throw new FieldException(prefix + name, Excerpt(e.GetRawText()), "not a number"),
        };
        return money ? Decimals.Money(text, prefix + name, numeric: true) : Decimals.Quantity(text, prefix + name, numeric: true);
    }

    /// <summary>
    /// The amount as BigQuery NUMERIC holds it (scale 9, half away from zero): what
    /// <c>CAST(x AS NUMERIC)</c> in sql/bigquery/billing_lines.sql makes of the same FLOAT, so that a file
    /// and a BigQuery pull of the same rows give the same totals. A FLOAT is written as its shortest
    /// round-trip text, which can carry binary noise past 9 places (<c>0.30000000000000004</c>).
    /// </summary>
    internal static decimal AsNumeric(decimal d) => Math.Round(d, 9, MidpointRounding.AwayFromZero);

    private static DateTimeOffset RequiredTimestamp(JsonElement row, string name) =>
        OptionalTimestamp(row, name) ?? throw new FieldException(name, null, "missing timestamp");

    private static DateTimeOffset? OptionalTimestamp(JsonElement row, string name)
    {
        var text = String(row, name);
        if (text is null) return null;
        return Timestamps.TryParse(text, out var t) ? t : throw new FieldException(name, text, "not a valid timestamp");
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..117] + "...";
}

using System.Text.Json;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Time;

namespace Costs.CostIngest.Files;

/// <summary>
/// The fast path of <see cref="BigQueryJsonReader"/>: one forward pass of <see cref="Utf8JsonReader"/> over
/// a line's UTF-8 bytes, with no document, no string per line and shared strings for repeated values. It
/// reads only rows it can read exactly as <see cref="BigQueryJsonReader.ReadLine"/> does, to the same
/// <see cref="BillingLine"/>; anything else (invalid JSON, a duplicate or escaped field name, a field of an
/// unexpected kind, a value that is missing, malformed or out of range) makes it give up with null, and the
/// line is read again by the document reader, which keeps every rule and names every error.
/// </summary>
internal static partial class ExportRowFastPath
{
    /// <summary>The row's line, or null when the line must be read by the document reader.</summary>
    /// <param name="utf8">The line's bytes, already checked to be valid UTF-8.</param>
    public static BillingLine? TryRead(ReadOnlySpan<byte> utf8, string file, long lineNumber)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, state: default);
        var row = new Row();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            if (!ReadTop(ref reader, utf8, ref row)) return null;
            if (reader.Read()) return null; // a second value on the line: not one row
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An escaped string holding half of a surrogate pair on its own.
            return null;
        }
        return row.ToLine(new SourceRef(file, lineNumber));
    }

    /// <summary>What the fields of one row said, as the fast path read them.</summary>
    private struct Row
    {
        public string? Account, ServiceId, ServiceDescription, SkuId, SkuDescription, ProjectId, ProjectName;
        public string? Region, Location, Zone, ResourceName, ResourceGlobalName, UsageUnit, UsagePricingUnit;
        public string? CurrencyText, MonthText, CostType, AdjustmentDescription, AdjustmentType;
        public string? ConsumptionModel, ConsumptionId, ConsumptionDescription;
        public DateTimeOffset? Start, End, ExportTime;
        public decimal? Cost, CostAtList, ConversionRate, UsageAmount, UsageInPricingUnits;
        public bool HasService, HasSku, HasProject, HasLocation, HasResource, HasUsage;
        public bool ConsumptionIsObject;
        public Labels? LineLabels, ProjectLabels, SystemLabels;
        public List<Credit>? Credits;

        /// <summary>The line, or null where <see cref="BigQueryJsonReader"/> would reject the row.</summary>
        public readonly BillingLine? ToLine(SourceRef source)
        {
            if (Start is not { } start || End is not { } end || end < start) return null;
            if (string.IsNullOrEmpty(CurrencyText) || !Currency.TryParse(CurrencyText, out var currency)) return null;
            if (string.IsNullOrEmpty(Account) || Cost is not { } cost) return null;
            InvoiceMonth month;
            if (MonthText is null) month = InvoiceMonth.Of(DateOnly.FromDateTime(start.UtcDateTime));
            else if (!InvoiceMonth.TryParse(MonthText, out month)) return null;
            return new BillingLine
            {
                BillingAccountId = Account,
                UsageStart = start,
                UsageEnd = end,
                InvoiceMonth = month,
                Currency = currency,
                Cost = cost,
                Credits = Credits ?? [],
                ProjectId = HasProject ? ProjectId : null,
                ProjectName = HasProject ? ProjectName : null,
                ServiceId = HasService ? ServiceId ?? "" : "",
                ServiceDescription = HasService ? ServiceDescription ?? "" : "",
                SkuId = HasSku ? SkuId ?? "" : "",
                SkuDescription = HasSku ? SkuDescription ?? "" : "",
                Region = HasLocation ? Region ?? Location : null,
                Zone = HasLocation ? Zone : null,
                ResourceName = HasResource ? ResourceName : null,
                ResourceGlobalName = HasResource ? ResourceGlobalName : null,
                Labels = LineLabels ?? Labels.Empty,
                ProjectLabels = HasProject ? ProjectLabels ?? Labels.Empty : Labels.Empty,
                SystemLabels = SystemLabels ?? Labels.Empty,
                UsageAmount = HasUsage ? UsageAmount : null,
                UsageUnit = HasUsage ? UsageUnit : null,
                UsageAmountInPricingUnits = HasUsage ? UsageInPricingUnits : null,
                UsagePricingUnit = HasUsage ? UsagePricingUnit : null,
                CostAtList = CostAtList,
                CurrencyConversionRate = ConversionRate,
                CostType = CostType ?? "regular",
                ConsumptionModel = ConsumptionIsObject ? ConsumptionId ?? ConsumptionDescription : ConsumptionModel,
                AdjustmentDescription = AdjustmentDescription ?? AdjustmentType,
                ExportTime = ExportTime,
                Source = source,
            };
        }
    }

    /// <summary>
    /// Reads the properties of the object the reader is on up to its end, calling <paramref name="read"/>
    /// with the index of each name in <paramref name="names"/> and the reader on its value; other
    /// properties are skipped. False, at once, on a name read twice or written with escapes (either could
    /// change which value the document reader sees), or when <paramref name="read"/> gives up.
    /// </summary>
    private static bool ReadObject<TState>(ref Utf8JsonReader reader, ref TState state, ReadOnlySpan<byte> json,
        NameSet names, FieldReader<TState> read) where TState : struct
    {
        var seen = 0UL;
        while (true)
        {
            if (!reader.Read()) return false;
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            if (reader.ValueIsEscaped) return false;
            var index = names.IndexOf(reader.ValueSpan);
            if (!reader.Read()) return false;
            if (index < 0)
            {
                reader.Skip();
                continue;
            }
            if ((seen & (1UL << index)) != 0) return false;
            seen |= 1UL << index;
            if (!read(ref reader, ref state, json, index)) return false;
        }
    }

    private delegate bool FieldReader<TState>(ref Utf8JsonReader reader, ref TState state, ReadOnlySpan<byte> json, int index)
        where TState : struct;

    /// <summary>Field names, looked up by their UTF-8 bytes.</summary>
    private sealed class NameSet(params string[] names)
    {
        private readonly byte[][] _names = names.Select(n => System.Text.Encoding.UTF8.GetBytes(n)).ToArray();

        public int IndexOf(ReadOnlySpan<byte> name)
        {
            for (var i = 0; i < _names.Length; i++)
                if (name.SequenceEqual(_names[i])) return i;
            return -1;
        }
    }

    /// <summary>A text value (or null); false for any other kind (the document reader decides what a number or an object there means).</summary>
    private static bool Text(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                value = reader.ValueIsEscaped ? reader.GetString() : Utf8Strings.Get(reader.ValueSpan);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A number, written as a JSON number or a string, read as the document reader reads it (or null).</summary>
    private static bool Number(ref Utf8JsonReader reader, bool money, out decimal? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number:
            case JsonTokenType.String when !reader.ValueIsEscaped:
                if (!Decimals.TryNumericUtf8(reader.ValueSpan, money, out var d)) return false;
                value = d;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A timestamp in the export's spelling (or null).</summary>
    private static bool Timestamp(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        if (!Timestamps.TryParseExportUtf8(reader.ValueSpan, out var t)) return false;
        value = t;
        return true;
    }

    /// <summary>Whether the value is an object to read (true) or null (false, and absent to the document reader); gives up on any other kind.</summary>
    private static bool ObjectOrNull(ref Utf8JsonReader reader, out bool isObject)
    {
        isObject = reader.TokenType == JsonTokenType.StartObject;
        return isObject || reader.TokenType == JsonTokenType.Null;
    }
}

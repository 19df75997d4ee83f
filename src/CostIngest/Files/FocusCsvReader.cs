using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Costs.CostModel.Billing;
using Costs.CostModel.Money;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostIngest.Files;

/// <summary>
/// Reads a FOCUS 1.0+ CSV export (Google, AWS, Azure, Oracle…). Cost is <c>BilledCost</c>, the amount
/// invoiced; FOCUS has no credit column (credits are rows of their own with ChargeCategory Credit), so
/// lines carry no credits. <c>ListCost</c> is the cost at list. The literal <c>NULL</c> and an empty cell
/// are both null. Tags is a JSON object. Streams one record at a time.
/// </summary>
public static class FocusCsvReader
{
    /// <summary>Columns every FOCUS 1.0 file has and that a billing line cannot do without.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["BilledCost", "BillingCurrency", "BillingAccountId", "ChargePeriodStart", "ChargePeriodEnd"];

    public static async IAsyncEnumerable<FileRow> ReadAsync(string path, string displayName,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var records = CsvRecords.ReadAsync(TextLines.ReadAsync(path, ct), ct).GetAsyncEnumerator(ct);
        bool any;
        try
        {
            any = await records.MoveNextAsync();
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException($"{displayName}:{ex.Line}: not a FOCUS file: the header is not CSV ({ex.Message}). Is it a JSON export? Then pass --format bq-json, or leave --format out.", ex);
        }
        if (!any)
            throw new FormatException($"{displayName}: the file has no header row.");
        if (records.Current.BadLine is { } badHeader)
            throw new BadFileException(displayName, $"line {badHeader.Number}: the header is unreadable: {badHeader.Problem}.");
        var header = records.Current.Fields;
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new FormatException($"{displayName}:1: not a FOCUS file: missing column(s) {string.Join(", ", missing)}.");
        var columns = header.Select((name, index) => (name, index))
            .GroupBy(p => p.name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);

        // Records are split in file order (a quoted field may span lines), then read on the thread pool.
        await foreach (var row in ParallelRows.ReadAsync(Batches(records, displayName),
                           batch => batch.ConvertAll(item => Read(item, header.Length, columns, displayName)), ct))
            yield return row;
    }

    /// <summary>A record to read, or the malformed CSV that ended the file's reading.</summary>
    private readonly record struct Pending(CsvRecord Record, RowError? Broken);

    private const int BatchRecords = 256;

    private static async IAsyncEnumerable<List<Pending>> Batches(IAsyncEnumerator<CsvRecord> records, string displayName)
    {
        var batch = new List<Pending>(BatchRecords);
        while (true)
        {
            bool more;
            try
            {
                more = await records.MoveNextAsync();
            }
            catch (CsvFormatException ex)
            {
                // A broken quote: the rest of the file cannot be trusted to line up, so reading stops here.
                batch.Add(new Pending(default, new RowError(displayName, ex.Line, "(row)", null, "malformed CSV: " + ex.Message)));
                break;
            }
            if (!more) break;
            batch.Add(new Pending(records.Current, null));
            if (batch.Count < BatchRecords) continue;
            yield return batch;
            batch = new List<Pending>(BatchRecords);
        }
        if (batch.Count > 0) yield return batch;
    }

    private static FileRow Read(Pending pending, int columnCount, IReadOnlyDictionary<string, int> columns, string displayName)
    {
        if (pending.Broken is { } broken) return new FileRow(null, broken);
        var record = pending.Record;
        if (record.BadLine is { } bad) return new FileRow(null, new RowError(displayName, bad.Number, "(row)", bad.Value, bad.Problem!));
        if (record.Fields.Length != columnCount)
            return new FileRow(null, new RowError(displayName, record.Line, "(row)", null,
                $"has {record.Fields.Length} fields where the header has {columnCount}"));
        return ReadRecord(record.Fields, columns, displayName, record.Line);
    }

    /// <summary>Reads one record. Pure.</summary>
    public static FileRow ReadRecord(string[] record, IReadOnlyDictionary<string, int> columns, string file, long line)
    {
        string? Get(string name)
        {
            if (!columns.TryGetValue(name, out var i) || i >= record.Length) return null;
            var v = record[i];
            return v.Length == 0 || v == "NULL" ? null : v;
        }

        try
        {
            var billed = Money(Get("BilledCost"), "BilledCost") ?? throw new FieldException("BilledCost", null, "missing amount");
            var currencyText = Get("BillingCurrency") ?? throw new FieldException("BillingCurrency", null, "missing currency");
            if (!Currency.TryParse(currencyText, out var currency))
                throw new FieldException("BillingCurrency", currencyText, "not an ISO 4217 currency code");
            var account = Get("BillingAccountId") ?? throw new FieldException("BillingAccountId", null, "missing billing account");
            var start = Time(Get("ChargePeriodStart"), "ChargePeriodStart") ?? throw new FieldException("ChargePeriodStart", null, "missing timestamp");
            var end = Time(Get("ChargePeriodEnd"), "ChargePeriodEnd") ?? throw new FieldException("ChargePeriodEnd", null, "missing timestamp");
            if (end < start) throw new FieldException("ChargePeriodEnd", Get("ChargePeriodEnd"), "the charge period ends before it starts");
            var periodStart = Time(Get("BillingPeriodStart"), "BillingPeriodStart");
            var month = InvoiceMonth.Of(DateOnly.FromDateTime((periodStart ?? start).UtcDateTime));
            var service = Get("ServiceName") ?? "";

            var system = new List<KeyValuePair<string, string>>();
            foreach (var name in (string[])["ProviderName", "ServiceCategory", "ChargeClass", "PricingCategory",
                         "CommitmentDiscountId", "CommitmentDiscountType", "CommitmentDiscountStatus", "EffectiveCost", "InvoiceId"])
            {
                if (Get(name) is { } v) system.Add(KeyValuePair.Create("focus/" + name, v));
            }
            // EffectiveCost must be a number when present: it is what commitment analysis reads.
            _ = Money(Get("EffectiveCost"), "EffectiveCost");

            var line2 = new BillingLine
            {
                BillingAccountId = account,
                UsageStart = start,
                UsageEnd = end,
                InvoiceMonth = month,
                Currency = currency,
                Cost = billed,
                ProjectId = Get("SubAccountId"),
                ProjectName = Get("SubAccountName"),
                ServiceId = service,
                ServiceDescription = service,
                SkuId = Get("SkuId") ?? "",
                SkuDescription = Get("ChargeDescription") ?? Get("SkuId") ?? "",
                Region = Get("RegionId"),
                Zone = Get("AvailabilityZone"),
                ResourceName = Get("ResourceName") ?? Get("ResourceId"),
                ResourceGlobalName = Get("ResourceId"),
                Labels = Tags(Get("Tags")),
                SystemLabels = Labels.From(system),
                UsageAmount = Amount(Get("ConsumedQuantity"), "ConsumedQuantity"),
                UsageUnit = Get("ConsumedUnit"),
                UsageAmountInPricingUnits = Amount(Get("PricingQuantity"), "PricingQuantity"),
                UsagePricingUnit = Get("PricingUnit"),
                CostAtList = Money(Get("ListCost"), "ListCost"),
                CostType = Get("ChargeCategory") ?? "Usage",
                Source = new SourceRef(file, line),
            };
            return new FileRow(line2, null);
        }
        catch (FieldException ex)
        {
            return new FileRow(null, new RowError(file, line, ex.Field, ex.Value, ex.Message) { Facts = Salvage(Get) });
        }
    }

    /// <summary>What can still be read from a record that failed, each part on its own (null when unreadable).</summary>
    private static RowFacts Salvage(Func<string, string?> get)
    {
        var start = BigQueryJsonReader.Readable(() => Time(get("ChargePeriodStart"), "ChargePeriodStart"));
        var periodStart = BigQueryJsonReader.Readable(() => Time(get("BillingPeriodStart"), "BillingPeriodStart"));
        var monthStart = get("BillingPeriodStart") is null ? start : periodStart;
        return new RowFacts(
            start is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null,
            get("BillingAccountId"),
            monthStart is { } m ? InvoiceMonth.Of(DateOnly.FromDateTime(m.UtcDateTime)) : null,
            Currency.TryParse(get("BillingCurrency"), out var c) ? c : null,
            BigQueryJsonReader.Readable(() => Money(get("BilledCost"), "BilledCost")));
    }

    /// <summary>Money, exact and below <see cref="Decimals.MoneyLimit"/>.</summary>
    private static decimal? Money(string? text, string field) => text is null ? null : Decimals.Money(text, field, numeric: false);

    /// <summary>A quantity, exact.</summary>
    private static decimal? Amount(string? text, string field) => text is null ? null : Decimals.Quantity(text, field, numeric: false);

    private static DateTimeOffset? Time(string? text, string field)
    {
        if (text is null) return null;
        return Timestamps.TryParse(text, out var t) ? t : throw new FieldException(field, text, "not a valid timestamp");
    }

    private static Labels Tags(string? json)
    {
        if (json is null) return Labels.Empty;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FieldException("Tags", json, "Tags must be a JSON object");
            var tags = new List<KeyValuePair<string, string>>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                string key;
                try
                {
                    key = p.Name;
                }
                catch (InvalidOperationException)
                {
                    throw new FieldException("Tags", json, "a tag key is " + BigQueryJsonReader.LoneSurrogate);
                }
                tags.Add(KeyValuePair.Create(key,
                    p.Value.ValueKind == JsonValueKind.String ? BigQueryJsonReader.Text(p.Value, "Tags." + key) : p.Value.GetRawText()));
            }
            return Labels.From(tags);
        }
        catch (JsonException ex)
        {
            throw new FieldException("Tags", json, $"not valid JSON: {ex.Message}");
        }
    }
}

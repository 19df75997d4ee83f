using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Costs.Tests.BigQuery;

/// <summary>
/// One raw row of the billing export table, read here from a JSONL export line independently of
/// Costs' own reader. Only the columns that sql/bigquery/billing_lines.sql selects are kept. Amounts
/// are held as BigQuery holds them after that query's <c>CAST(x AS NUMERIC)</c>: a FLOAT (a JSON
/// number in the export) rounded half away from zero to 9 decimal places.
/// </summary>
internal sealed record ExportRow
{
    public required string Account { get; init; }
    public required DateTimeOffset UsageStart { get; init; }
    public required DateTimeOffset ExportTime { get; init; }
    public required string InvoiceMonth { get; init; }
    public required string Currency { get; init; }
    public decimal? ConversionRate { get; init; }
    public string? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public required string ServiceId { get; init; }
    public required string ServiceDescription { get; init; }
    public required string SkuId { get; init; }
    public required string SkuDescription { get; init; }
    public string? Region { get; init; }
    public string? ResourceName { get; init; }
    public string? ResourceGlobalName { get; init; }
    public required IReadOnlyList<(string Key, string Value)> Labels { get; init; }
    public required IReadOnlyList<(string Key, string Value)> ProjectLabels { get; init; }
    public required string CostType { get; init; }
    public string? ConsumptionModel { get; init; }
    public required decimal Cost { get; init; }
    public decimal? CostAtList { get; init; }
    public decimal? UsageAmount { get; init; }
    public string? UsageUnit { get; init; }
    public decimal? UsagePricingAmount { get; init; }
    public string? UsagePricingUnit { get; init; }
    public required IReadOnlyList<(string Type, decimal Amount)> Credits { get; init; }

    public static IReadOnlyList<ExportRow> ReadJsonl(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(Parse).ToList();

    public static ExportRow Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var r = doc.RootElement;
        return new ExportRow
        {
            Account = Str(r, "billing_account_id")!,
            UsageStart = Time(Str(r, "usage_start_time")!),
            ExportTime = Time(Str(r, "export_time")!),
            InvoiceMonth = Str(Obj(r, "invoice"), "month")!,
            Currency = Str(r, "currency")!,
            ConversionRate = Num(r, "currency_conversion_rate"),
            ProjectId = Str(Obj(r, "project"), "id"),
            ProjectName = Str(Obj(r, "project"), "name"),
            ServiceId = Str(Obj(r, "service"), "id")!,
            ServiceDescription = Str(Obj(r, "service"), "description")!,
            SkuId = Str(Obj(r, "sku"), "id")!,
            SkuDescription = Str(Obj(r, "sku"), "description")!,
            Region = Str(Obj(r, "location"), "region") ?? Str(Obj(r, "location"), "location"),
            ResourceName = Str(Obj(r, "resource"), "name"),
            ResourceGlobalName = Str(Obj(r, "resource"), "global_name"),
            Labels = r.TryGetProperty("labels", out var ls) && ls.ValueKind == JsonValueKind.Array
                ? ls.EnumerateArray().Select(l => (Str(l, "key")!, Str(l, "value") ?? "")).ToList() : [],
            ProjectLabels = Obj(r, "project") is { } pr && pr.TryGetProperty("labels", out var pls) && pls.ValueKind == JsonValueKind.Array
                ? pls.EnumerateArray().Select(l => (Str(l, "key")!, Str(l, "value") ?? "")).ToList() : [],
            CostType = Str(r, "cost_type") ?? "regular",
            ConsumptionModel = Str(Obj(r, "consumption_model"), "id"),
            Cost = Num(r, "cost")!.Value,
            CostAtList = Num(r, "cost_at_list"),
            UsageAmount = Num(Obj(r, "usage"), "amount"),
            UsageUnit = Str(Obj(r, "usage"), "unit"),
            UsagePricingAmount = Num(Obj(r, "usage"), "amount_in_pricing_units"),
            UsagePricingUnit = Str(Obj(r, "usage"), "pricing_unit"),
            Credits = r.TryGetProperty("credits", out var cs) && cs.ValueKind == JsonValueKind.Array
                ? cs.EnumerateArray().Select(c => (Str(c, "type") ?? Str(c, "name") ?? "UNSPECIFIED", Num(c, "amount")!.Value)).ToList() : [],
        };
    }

    /// <summary>CAST(FLOAT64 AS NUMERIC): at most 9 decimal places, rounded half away from zero.</summary>
    public static decimal ToNumeric(decimal d) => Math.Round(d, 9, MidpointRounding.AwayFromZero);

    private static JsonElement? Obj(JsonElement r, string name) =>
        r.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object ? e : null;

    private static string? Str(JsonElement? r, string name) =>
        r is { } o && o.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) : null;

    private static decimal? Num(JsonElement? r, string name)
    {
        if (r is not { } o || !o.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
        var text = e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
        return ToNumeric(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>The export's TIMESTAMP text: <c>2026-10-01 00:00:00[.ffffff] UTC</c>.</summary>
    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text.Replace(" UTC", "", StringComparison.Ordinal),
            ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

/// <summary>
/// Extra export lines appended to the generated file, for what the generator does not write:
/// credits of more types (FREE_TIER, PROMOTION, DISCOUNT, FEE_UTILIZATION_OFFSET, the dollar-based
/// CUD), a spend-based commitment fee with a consumption model, two raw rows that BigQuery folds
/// into one aggregated row (same hour and kept labels, labels in another order, a label that is not
/// kept), a label value that the export escapes (<c>&amp;</c>), FLOAT amounts written as a double's
/// shortest text (more than 9 decimal places), a project whose environment and team are project labels,
/// a service named by a label key that only the configuration adds (<c>component</c>), and a row in a
/// multi-region location (no <c>location.region</c>).
/// </summary>
internal static class ExtraExportRows
{
    public static void Append(string path, DateOnly day)
    {
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.Default };
        using var file = new FileStream(path, FileMode.Append);
        var t = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Write(file, options, t.AddHours(5).AddMinutes(0), t.AddHours(8), "152E-C115-5142", "Cloud Run", "3E8C-9B4A-CPU", "CPU Allocation Time",
            [("team", "payments & risk"), ("app", "checkout"), ("env", "production"), ("cost-center", "cc-1")],
            cost: "0.30000000000000004", credits: [("FREE_TIER", "-0.1"), ("PROMOTION", "-0.05")]);
        Write(file, options, t.AddHours(5).AddMinutes(30), t.AddHours(9), "152E-C115-5142", "Cloud Run", "3E8C-9B4A-CPU", "CPU Allocation Time",
            [("env", "production"), ("app", "checkout"), ("team", "payments & risk"), ("cost-center", "cc-2")],
            cost: "1.2e-05", credits: [("FREE_TIER", "-0.000012"), ("DISCOUNT", "-0.0000000015")]);
        Write(file, options, t.AddHours(6), t.AddHours(10), "6F81-5844-456A", "Compute Engine", "5515-81A8-03A2",
            "Commitment - dollar based v1: GCE for 3 years", [("app", "checkout"), ("env", "production")],
            cost: "24.657534246575342", credits: [("FEE_UTILIZATION_OFFSET", "-24.657534246575342")], consumption: "D97B-0795-975B");
        Write(file, options, t.AddHours(6), t.AddHours(10), "6F81-5844-456A", "Compute Engine", "CF4E-A0C7-E3BF",
            "E2 Instance Core running in Belgium", [("app", "checkout"), ("env", "production"), ("team", "payments & risk")],
            cost: "7.123456789", credits: [("COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE", "-2.13703704"), ("SUSTAINED_USAGE_DISCOUNT", "-0.5")],
            consumption: "D97B-0795-975B");
        // Labelled on the project only: the attribution rules read project labels too.
        Write(file, options, t.AddHours(7), t.AddHours(11), "24E6-581D-38E5", "BigQuery", "3362-E469-6BEF", "Analysis",
            [("app", "warehouse")], cost: "3.75", credits: [("PROMOTION", "-1.25")],
            project: "acme-data-prod", projectLabels: [("env", "production"), ("team", "data"), ("cost-center", "data")]);
        // Attributed by a label key that only the configuration names (Attribution:ServiceLabels).
        Write(file, options, t.AddHours(8), t.AddHours(12), "6F81-5844-456A", "Compute Engine", "CF4E-A0C7-E3BF",
            "E2 Instance Core running in Belgium", [("component", "search"), ("env", "production")], cost: "2.5", credits: []);
        // A multi-region location: location.region is null, location.location says where.
        Write(file, options, t.AddHours(9), t.AddHours(13), "24E6-581D-38E5", "BigQuery", "3362-E469-6BEF", "Analysis",
            [("app", "warehouse"), ("env", "production")], cost: "1.125", credits: [], region: null, location: "US");
    }

    private static void Write(Stream file, JsonWriterOptions options, DateTime start, DateTime exported, string serviceId, string service,
        string skuId, string sku, (string, string)[] labels, string cost, (string Type, string Amount)[] credits, string? consumption = null,
        string project = "acme-shop-prod", (string, string)[]? projectLabels = null, string? region = "europe-west1", string location = "europe-west1")
    {
        using (var w = new Utf8JsonWriter(file, options))
        {
            w.WriteStartObject();
            w.WriteString("billing_account_id", "01A2B3-C4D5E6-F7A8B9");
            w.WriteStartObject("service"); w.WriteString("id", serviceId); w.WriteString("description", service); w.WriteEndObject();
            w.WriteStartObject("sku"); w.WriteString("id", skuId); w.WriteString("description", sku); w.WriteEndObject();
            w.WriteString("usage_start_time", Ts(start));
            w.WriteString("usage_end_time", Ts(start.AddHours(1)));
            w.WriteStartObject("project"); w.WriteString("id", project); w.WriteString("name", project);
            w.WriteStartArray("labels");
            foreach (var (k, v) in projectLabels ?? []) { w.WriteStartObject(); w.WriteString("key", k); w.WriteString("value", v); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("labels");
            foreach (var (k, v) in labels) { w.WriteStartObject(); w.WriteString("key", k); w.WriteString("value", v); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteStartObject("location"); w.WriteString("location", location); w.WriteString("region", region); w.WriteEndObject();
            w.WriteString("export_time", Ts(exported));
            w.WritePropertyName("cost"); w.WriteRawValue(cost);
            w.WriteString("currency", "USD");
            w.WritePropertyName("currency_conversion_rate"); w.WriteRawValue("1");
            w.WriteStartObject("usage");
            w.WritePropertyName("amount"); w.WriteRawValue("3600");
            w.WriteString("unit", "seconds");
            w.WritePropertyName("amount_in_pricing_units"); w.WriteRawValue("1");
            w.WriteString("pricing_unit", "hour");
            w.WriteEndObject();
            w.WriteStartArray("credits");
            foreach (var (type, amount) in credits)
            {
                w.WriteStartObject();
                w.WriteString("name", type.Replace('_', ' '));
                w.WritePropertyName("amount"); w.WriteRawValue(amount);
                w.WriteString("type", type);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("invoice"); w.WriteString("month", start.ToString("yyyyMM", CultureInfo.InvariantCulture)); w.WriteEndObject();
            w.WriteString("cost_type", "regular");
            w.WritePropertyName("cost_at_list"); w.WriteRawValue(cost);
            if (consumption is not null)
            {
                w.WriteStartObject("consumption_model"); w.WriteString("id", consumption); w.WriteString("description", "Compute Flexible CUD 3 Year"); w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        file.WriteByte((byte)'\n');
    }

    private static string Ts(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + " UTC";
}

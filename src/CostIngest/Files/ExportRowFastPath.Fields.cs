using System.Text.Json;
using Costs.CostModel.Billing;

namespace Costs.CostIngest.Files;

/// <summary>The fields of an export row that the fast path reads, each as <see cref="BigQueryJsonReader"/> reads it.</summary>
internal static partial class ExportRowFastPath
{
    private static readonly NameSet TopNames = new(
        "billing_account_id", "service", "sku", "usage_start_time", "usage_end_time", "project", "labels",
        "system_labels", "location", "resource", "export_time", "cost", "cost_at_list", "currency",
        "currency_conversion_rate", "usage", "credits", "invoice", "cost_type", "adjustment_info", "consumption_model");

    private static bool ReadTop(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref Row row) =>
        ReadObject(ref reader, ref row, json, TopNames, static (ref r, ref row, json, index) => index switch
        {
            0 => Text(ref r, out row.Account),
            1 => Child(ref r, ref row, json, IdNames, ReadService, out row.HasService),
            2 => Child(ref r, ref row, json, IdNames, ReadSku, out row.HasSku),
            3 => Timestamp(ref r, out row.Start),
            4 => Timestamp(ref r, out row.End),
            5 => Child(ref r, ref row, json, ProjectNames, ReadProject, out row.HasProject),
            6 => KeyValues(ref r, json, out row.LineLabels),
            7 => KeyValues(ref r, json, out row.SystemLabels),
            8 => Child(ref r, ref row, json, LocationNames, ReadLocation, out row.HasLocation),
            9 => Child(ref r, ref row, json, ResourceNames, ReadResource, out row.HasResource),
            10 => Timestamp(ref r, out row.ExportTime),
            11 => Number(ref r, money: true, out row.Cost),
            12 => Number(ref r, money: true, out row.CostAtList),
            13 => Text(ref r, out row.CurrencyText),
            14 => Number(ref r, money: false, out row.ConversionRate),
            15 => Child(ref r, ref row, json, UsageNames, ReadUsage, out row.HasUsage),
            16 => Credits(ref r, json, out row.Credits),
            17 => Child(ref r, ref row, json, InvoiceNames, ReadInvoice, out _),
            18 => Text(ref r, out row.CostType),
            19 => Child(ref r, ref row, json, AdjustmentNames, ReadAdjustment, out _),
            20 => (row.ConsumptionIsObject = r.TokenType == JsonTokenType.StartObject)
                ? ReadObject(ref r, ref row, json, IdNames, ReadConsumption)
                : Text(ref r, out row.ConsumptionModel),
            _ => false,
        });

    /// <summary>A nested record: read when an object, absent when null; any other kind is the document reader's.</summary>
    private static bool Child(ref Utf8JsonReader reader, ref Row row, ReadOnlySpan<byte> json, NameSet names,
        FieldReader<Row> read, out bool present) =>
        ObjectOrNull(ref reader, out present) && (!present || ReadObject(ref reader, ref row, json, names, read));

    private static readonly NameSet IdNames = new("id", "description");
    private static readonly NameSet ProjectNames = new("id", "name", "labels");
    private static readonly NameSet LocationNames = new("region", "location", "zone");
    private static readonly NameSet ResourceNames = new("name", "global_name");
    private static readonly NameSet UsageNames = new("amount", "unit", "amount_in_pricing_units", "pricing_unit");
    private static readonly NameSet InvoiceNames = new("month");
    private static readonly NameSet AdjustmentNames = new("description", "type");

    private static readonly FieldReader<Row> ReadService = static (ref r, ref row, _, i) =>
        i == 0 ? Text(ref r, out row.ServiceId) : Text(ref r, out row.ServiceDescription);

    private static readonly FieldReader<Row> ReadSku = static (ref r, ref row, _, i) =>
        i == 0 ? Text(ref r, out row.SkuId) : Text(ref r, out row.SkuDescription);

    private static readonly FieldReader<Row> ReadConsumption = static (ref r, ref row, _, i) =>
        i == 0 ? Text(ref r, out row.ConsumptionId) : Text(ref r, out row.ConsumptionDescription);

    private static readonly FieldReader<Row> ReadProject = static (ref r, ref row, json, i) => i switch
    {
        0 => Text(ref r, out row.ProjectId),
        1 => Text(ref r, out row.ProjectName),
        _ => KeyValues(ref r, json, out row.ProjectLabels),
    };

    private static readonly FieldReader<Row> ReadLocation = static (ref r, ref row, _, i) => i switch
    {
        0 => Text(ref r, out row.Region),
        1 => Text(ref r, out row.Location),
        _ => Text(ref r, out row.Zone),
    };

    private static readonly FieldReader<Row> ReadResource = static (ref r, ref row, _, i) =>
        i == 0 ? Text(ref r, out row.ResourceName) : Text(ref r, out row.ResourceGlobalName);

    private static readonly FieldReader<Row> ReadUsage = static (ref r, ref row, _, i) => i switch
    {
        0 => Number(ref r, money: false, out row.UsageAmount),
        1 => Text(ref r, out row.UsageUnit),
        2 => Number(ref r, money: false, out row.UsageInPricingUnits),
        _ => Text(ref r, out row.UsagePricingUnit),
    };

    private static readonly FieldReader<Row> ReadInvoice = static (ref r, ref row, _, _) => Text(ref r, out row.MonthText);

    private static readonly FieldReader<Row> ReadAdjustment = static (ref r, ref row, _, i) =>
        i == 0 ? Text(ref r, out row.AdjustmentDescription) : Text(ref r, out row.AdjustmentType);

    /// <summary>One credit as it is read: every field, then checked as a whole.</summary>
    private struct CreditFields
    {
        public decimal? Amount;
        public string? Type, Name, FullName, Id;
    }

    private static readonly NameSet CreditNames = new("amount", "type", "name", "full_name", "id");

    private static readonly FieldReader<CreditFields> ReadCredit = static (ref r, ref c, _, i) => i switch
    {
        0 => Number(ref r, money: true, out c.Amount),
        1 => Text(ref r, out c.Type),
        2 => Text(ref r, out c.Name),
        3 => Text(ref r, out c.FullName),
        _ => Text(ref r, out c.Id),
    };

    private static bool Credits(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out List<Credit>? credits)
    {
        credits = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        credits = [];
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return false;
            var c = new CreditFields();
            if (!ReadObject(ref reader, ref c, json, CreditNames, ReadCredit) || c.Amount is not { } amount) return false;
            // Exports from before credit types existed carry only a name (see BigQueryJsonReader).
            var type = string.IsNullOrWhiteSpace(c.Type) ? c.Name : c.Type;
            if (string.IsNullOrWhiteSpace(type)) return false;
            credits.Add(new Credit(CreditType.Parse(type), amount, c.Name, c.FullName, c.Id));
        }
        return true;
    }

    /// <summary>Label sets already read, by the bytes of their JSON array (the same bytes give the same set).</summary>
    private static readonly Utf8Cache<Labels> KnownLabels = new(16_384);

    private static readonly NameSet LabelNames = new("key", "value");

    private static readonly FieldReader<(string? Key, string? Value)> ReadLabel = static (ref r, ref kv, _, i) =>
        i == 0 ? Text(ref r, out kv.Key) : Text(ref r, out kv.Value);

    /// <summary>An array of <c>{key, value}</c> (or null); a label without a key is the document reader's to report.</summary>
    private static bool KeyValues(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out Labels? labels)
    {
        labels = Labels.Empty;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        var start = (int)reader.TokenStartIndex;
        var end = reader;
        end.Skip();
        var raw = json[start..(int)end.BytesConsumed];
        if (KnownLabels.TryGet(raw, out var known))
        {
            reader = end;
            labels = known;
            return true;
        }
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) return false;
            (string? Key, string? Value) kv = default;
            if (!ReadObject(ref reader, ref kv, json, LabelNames, ReadLabel) || string.IsNullOrEmpty(kv.Key)) return false;
            pairs.Add(KeyValuePair.Create(kv.Key, kv.Value ?? ""));
        }
        labels = Labels.From(pairs);
        if (pairs.Count > 0) KnownLabels.Add(raw, labels);
        return true;
    }
}

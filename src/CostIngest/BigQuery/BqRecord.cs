using System.Globalization;
using System.Text.Json;

namespace Costs.CostIngest.BigQuery;

/// <summary>
/// One row (or nested RECORD) of a BigQuery REST result, decoded by its schema. On the wire a row is
/// <c>{"f":[{"v":…},…]}</c> in schema order; every scalar is a JSON string (<c>{"v":"1.5"}</c>), a
/// RECORD is <c>{"v":{"f":[…]}}</c>, a REPEATED field is <c>{"v":[{"v":…},…]}</c> and null is
/// <c>{"v":null}</c>. Accessors check the field's type and mode and parse exactly (NUMERIC to decimal).
/// </summary>
public sealed class BqRecord
{
    private readonly IReadOnlyList<BqField> _fields;
    private readonly JsonElement _cells;
    private readonly string _where;

    public BqRecord(IReadOnlyList<BqField> fields, JsonElement row, string where)
    {
        _fields = fields;
        _where = where;
        if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("f", out var f) || f.ValueKind != JsonValueKind.Array)
            throw new BqDecodeException($"{where}: a row is not {{\"f\":[…]}}.");
        if (f.GetArrayLength() != fields.Count)
            throw new BqDecodeException($"{where}: a row has {f.GetArrayLength()} cells for {fields.Count} schema fields.");
        _cells = f;
    }

    public IReadOnlyList<BqField> Fields => _fields;

    public string? String(string name) => Scalar(name, "STRING");

    public string RequiredString(string name) =>
        String(name) ?? throw new BqDecodeException($"{_where}: column {name} is null.");

    public decimal? Decimal(string name)
    {
        var (field, text) = ScalarOf(name, "NUMERIC", "BIGNUMERIC", "INTEGER", "INT64", "FLOAT", "FLOAT64");
        return text is null ? null : ParseDecimal(field, text);
    }

    public long? Int64(string name)
    {
        var (field, text) = ScalarOf(name, "INTEGER", "INT64");
        if (text is null) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v : throw Bad(field, text, "is not an INT64");
    }

    /// <summary>A TIMESTAMP: epoch microseconds (formatOptions.useInt64Timestamp) or float epoch seconds.</summary>
    public DateTimeOffset? Timestamp(string name)
    {
        var (field, text) = ScalarOf(name, "TIMESTAMP");
        return text is null ? null : ParseTimestamp(field, text);
    }

    public DateOnly? Date(string name)
    {
        var (field, text) = ScalarOf(name, "DATE");
        if (text is null) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw Bad(field, text, "is not a DATE (yyyy-MM-dd)");
    }

    /// <summary>A non-repeated RECORD, or null.</summary>
    public BqRecord? Record(string name)
    {
        var (field, cell) = Cell(name);
        if (!field.IsRecord || field.IsRepeated) throw Wrong(field, "RECORD");
        return cell.ValueKind == JsonValueKind.Null ? null : new BqRecord(field.Fields, cell, $"{_where}.{name}");
    }

    /// <summary>A REPEATED RECORD: its elements (an empty list for <c>[]</c>).</summary>
    public IReadOnlyList<BqRecord> Records(string name)
    {
        var (field, cell) = Cell(name);
        if (!field.IsRecord || !field.IsRepeated) throw Wrong(field, "REPEATED RECORD");
        var list = new List<BqRecord>();
        if (cell.ValueKind == JsonValueKind.Null) return list;
        if (cell.ValueKind != JsonValueKind.Array) throw Bad(field, cell.GetRawText(), "is not an array");
        var i = 0;
        foreach (var e in cell.EnumerateArray())
            list.Add(new BqRecord(field.Fields, Value(field, e), $"{_where}.{name}[{i++}]"));
        return list;
    }

    /// <summary>A REPEATED DATE.</summary>
    public IReadOnlyList<DateOnly> Dates(string name) => Repeated(name, "DATE", (f, t) =>
        DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw Bad(f, t, "is not a DATE"));

    /// <summary>A REPEATED STRING.</summary>
    public IReadOnlyList<string> Strings(string name) => Repeated(name, "STRING", (_, t) => t);

    private List<T> Repeated<T>(string name, string type, Func<BqField, string, T> parse)
    {
        var (field, cell) = Cell(name);
        if (!field.IsRepeated || field.Type != type) throw Wrong(field, "REPEATED " + type);
        var list = new List<T>();
        if (cell.ValueKind == JsonValueKind.Null) return list;
        foreach (var e in cell.EnumerateArray())
        {
            var v = Value(field, e);
            if (v.ValueKind != JsonValueKind.String) throw Bad(field, v.GetRawText(), "holds a null or non-string element");
            list.Add(parse(field, v.GetString()!));
        }
        return list;
    }

    internal static decimal ParseDecimal(BqField field, string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw new BqDecodeException($"Error parsing column {field.Name} ({field.Name}={text}): not a decimal number.");

    internal static DateTimeOffset ParseTimestamp(BqField field, string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros))
            return DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * 10_000_000m));
        throw new BqDecodeException($"Error parsing column {field.Name} ({field.Name}={text}): not a TIMESTAMP.");
    }

    private string? Scalar(string name, params string[] types) => ScalarOf(name, types).Text;

    private (BqField Field, string? Text) ScalarOf(string name, params string[] types)
    {
        var (field, cell) = Cell(name);
        if (field.IsRepeated || field.IsRecord || !types.Contains(field.Type)) throw Wrong(field, string.Join("/", types));
        return cell.ValueKind switch
        {
            JsonValueKind.Null => (field, null),
            JsonValueKind.String => (field, cell.GetString()),
            _ => throw Bad(field, cell.GetRawText(), "is not a JSON string"),
        };
    }

    private (BqField Field, JsonElement Value) Cell(string name)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (!string.Equals(_fields[i].Name, name, StringComparison.Ordinal)) continue;
            return (_fields[i], Value(_fields[i], _cells[i]));
        }
        throw new BqDecodeException($"{_where}: the result has no column {name}.");
    }

    private JsonElement Value(BqField field, JsonElement cell)
    {
        if (cell.ValueKind != JsonValueKind.Object || !cell.TryGetProperty("v", out var v))
            throw Bad(field, cell.GetRawText(), "is not {\"v\":…}");
        return v;
    }

    private BqDecodeException Wrong(BqField field, string wanted) =>
        new($"{_where}: column {field.Name} is {field.Mode} {field.Type}, not {wanted}.");

    private BqDecodeException Bad(BqField field, string value, string what) =>
        new($"{_where}: error parsing column {field.Name} ({field.Name}={value}): {what}.");
}


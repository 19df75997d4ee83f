using System.Text.Json;

namespace Costs.CostIngest.BigQuery;

/// <summary>One field of a result schema (TableFieldSchema): name, type, mode and, for RECORD, its fields.</summary>
public sealed record BqField(string Name, string Type, string Mode, IReadOnlyList<BqField> Fields)
{
    public bool IsRepeated => Mode == "REPEATED";
    public bool IsRecord => Type is "RECORD" or "STRUCT";

    /// <summary>Parses <c>schema.fields</c> of a jobs.query / getQueryResults response.</summary>
    public static IReadOnlyList<BqField> ParseFields(JsonElement fields)
    {
        var list = new List<BqField>();
        foreach (var f in fields.EnumerateArray())
        {
            var name = f.GetProperty("name").GetString() ?? throw new FormatException("A schema field has no name.");
            var type = f.GetProperty("type").GetString() ?? "STRING";
            var mode = f.TryGetProperty("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "NULLABLE";
            var sub = f.TryGetProperty("fields", out var s) && s.ValueKind == JsonValueKind.Array ? ParseFields(s) : [];
            list.Add(new BqField(name, type, mode, sub));
        }
        return list;
    }
}

/// <summary>A result row's decoding failed: names the column and the value, as Dapper does.</summary>
public sealed class BqDecodeException(string message) : FormatException(message);

using System.Globalization;
using System.Text.Json.Nodes;

namespace Costs.CostIngest.BigQuery;

/// <summary>A named query parameter (QueryParameter): a scalar or an ARRAY of scalars.</summary>
public sealed record QueryParameter(string Name, string Type, string? Value, IReadOnlyList<string>? ArrayValues = null)
{
    public bool IsArray => ArrayValues is not null;

    public static QueryParameter String(string name, string value) => new(name, "STRING", value);

    public static QueryParameter Date(string name, DateOnly value) =>
        new(name, "DATE", value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static QueryParameter StringArray(string name, IEnumerable<string> values) =>
        new(name, "STRING", null, values.ToList());

    public static QueryParameter DateArray(string name, IEnumerable<DateOnly> values) =>
        new(name, "DATE", null, values.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList());

    /// <summary>The REST shape: <c>{"name","parameterType":{"type"[,"arrayType"]},"parameterValue":{"value"|"arrayValues"}}</c>.</summary>
    public JsonObject ToJson()
    {
        if (ArrayValues is { } values)
        {
            var array = new JsonArray();
            foreach (var v in values) array.Add(new JsonObject { ["value"] = v });
            return new JsonObject
            {
                ["name"] = Name,
                ["parameterType"] = new JsonObject { ["type"] = "ARRAY", ["arrayType"] = new JsonObject { ["type"] = Type } },
                ["parameterValue"] = new JsonObject { ["arrayValues"] = array },
            };
        }
        return new JsonObject
        {
            ["name"] = Name,
            ["parameterType"] = new JsonObject { ["type"] = Type },
            ["parameterValue"] = new JsonObject { ["value"] = Value },
        };
    }
}

/// <summary>A standard-SQL query with named parameters, to run in one location.</summary>
public sealed record BigQueryQuery(string Sql, IReadOnlyList<QueryParameter> Parameters);

/// <summary>The result of a query: its schema, then its rows, page by page.</summary>
public sealed record BigQueryResult(string JobId, IReadOnlyList<BqField> Schema, IAsyncEnumerable<BqRecord> Rows);

/// <summary>The seam to BigQuery: run a query and stream its rows. The loopback fake is the second implementation.</summary>
public interface IBigQueryClient
{
    /// <summary>Starts <paramref name="query"/> (jobs.query), waits for it, and streams every row of every page.</summary>
    IAsyncEnumerable<BqRecord> QueryAsync(BigQueryQuery query, CancellationToken ct);
}

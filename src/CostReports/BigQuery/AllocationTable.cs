using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Costs.CostModel.Allocation;

namespace Costs.CostReports.BigQuery;

/// <summary>
/// The BigQuery table that the analysis publishes (docs/bigquery-publish.md): one row per allocation row,
/// partitioned by <c>day</c>. Money is NUMERIC, written in the JSON lines as strings so that no digit goes
/// through a floating-point number; NUMERIC keeps 9 decimal places, and an amount with more is refused
/// rather than rounded. Pure.
/// </summary>
public static class AllocationTable
{
    /// <summary>The DATE column the table is partitioned by.</summary>
    public const string PartitionField = "day";

    /// <summary>The decimal places BigQuery NUMERIC keeps.</summary>
    public const int NumericScale = 9;

    private static readonly (string Name, string Type, string Mode, string Description)[] Columns =
    [
        ("day", "DATE", "REQUIRED", "Usage day (UTC); the partition"),
        ("currency", "STRING", "REQUIRED", "Billing currency (ISO 4217)"),
        ("invoice_month", "STRING", "REQUIRED", "Invoice month, YYYYMM"),
        ("kind", "STRING", "REQUIRED", "allocated, unallocated, idle or overhead"),
        ("service", "STRING", "NULLABLE", "Service; null when not attributed"),
        ("team", "STRING", "NULLABLE", "Team; null when not attributed"),
        ("environment", "STRING", "NULLABLE", "Environment; null when not attributed"),
        ("project", "STRING", "NULLABLE", "Google Cloud project id"),
        ("cloud_service", "STRING", "REQUIRED", "Google Cloud service (Compute Engine, BigQuery, ...)"),
        ("sku", "STRING", "REQUIRED", "SKU description"),
        ("region", "STRING", "NULLABLE", "Region"),
        ("cluster", "STRING", "NULLABLE", "GKE cluster"),
        ("namespace", "STRING", "NULLABLE", "Kubernetes namespace"),
        ("node_pool", "STRING", "NULLABLE", "GKE node pool"),
        ("node", "STRING", "NULLABLE", "GKE node, for a share of a node's cost"),
        ("workload", "STRING", "NULLABLE", "Kubernetes workload (Kind/name)"),
        ("rule", "STRING", "REQUIRED", "The attribution rules that matched"),
        ("missing", "STRING", "REQUIRED", "The labels looked for in vain (unallocated rows)"),
        ("cost", "NUMERIC", "REQUIRED", "Cost before credits"),
        ("credits", "NUMERIC", "REQUIRED", "Credits (negative)"),
        ("net", "NUMERIC", "REQUIRED", "cost + credits"),
    ];

    /// <summary>The table schema's fields, as jobs.insert takes them (<c>TableFieldSchema</c>).</summary>
    public static JsonArray SchemaFields() =>
        new([.. Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name, ["type"] = c.Type, ["mode"] = c.Mode, ["description"] = c.Description,
        })]);

    /// <summary>The column names in order, for documentation and tests.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = Columns.Select(c => c.Name).ToList();

    /// <summary>
    /// The rows as newline-delimited JSON (UTF-8). Throws <see cref="ArgumentException"/> naming the row for an
    /// amount that NUMERIC cannot hold exactly.
    /// </summary>
    public static byte[] JsonLines(IEnumerable<AllocationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var buffer = new MemoryStream();
        foreach (var row in rows)
        {
            using (var w = new Utf8JsonWriter(buffer))
            {
                var d = row.Dimensions;
                w.WriteStartObject();
                w.WriteString("day", row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("currency", row.Currency.Code);
                w.WriteString("invoice_month", row.InvoiceMonth.ToString());
                w.WriteString("kind", row.Kind.ToText());
                Text(w, "service", d.Service);
                Text(w, "team", d.Team);
                Text(w, "environment", d.Environment);
                Text(w, "project", d.Project);
                w.WriteString("cloud_service", d.CloudService);
                w.WriteString("sku", d.Sku);
                Text(w, "region", d.Region);
                Text(w, "cluster", d.Cluster);
                Text(w, "namespace", d.Namespace);
                Text(w, "node_pool", d.NodePool);
                Text(w, "node", d.Node);
                Text(w, "workload", d.Workload);
                w.WriteString("rule", row.Rule);
                w.WriteString("missing", row.Missing);
                w.WriteString("cost", Numeric(row.Cost, row, "cost"));
                w.WriteString("credits", Numeric(row.Credits, row, "credits"));
                w.WriteString("net", Numeric(row.Net, row, "net"));
                w.WriteEndObject();
            }
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }

    /// <summary>An amount as NUMERIC text: exact, at most <see cref="NumericScale"/> decimal places.</summary>
    public static string Numeric(decimal amount, AllocationRow row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (amount.Scale > NumericScale && decimal.Round(amount, NumericScale) != amount)
            throw new ArgumentException(
                $"{column} {amount.ToString(CultureInfo.InvariantCulture)} on {row.Day:yyyy-MM-dd} ({row.Dimensions.Service ?? row.Kind.ToText()}, {row.Dimensions.Sku}) has more than {NumericScale} decimal places, which BigQuery NUMERIC cannot hold exactly.");
        return (amount.Scale > NumericScale ? decimal.Round(amount, NumericScale) : amount).ToString(CultureInfo.InvariantCulture);
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}

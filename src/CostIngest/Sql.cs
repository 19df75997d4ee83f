using Costs.CostModel;

namespace Costs.CostIngest;

/// <summary>The BigQuery SQL of this project, one query a file in sql/bigquery/, embedded into this assembly.</summary>
internal static class Sql
{
    private static readonly EmbeddedSql Files = new(typeof(Sql).Assembly);

    /// <summary>Newest export_time and usage days per export partition. Placeholder: <c>{{table}}</c>.</summary>
    public static string BigQueryPartitionExportTimes => Get("bigquery/partition_export_times.sql");

    /// <summary>The aggregated billing lines. Placeholders: <c>{{table}}</c> and the column fragments.</summary>
    public static string BigQueryBillingLines => Get("bigquery/billing_lines.sql");

    private static string Get(string file) => Files.Get(file);
}

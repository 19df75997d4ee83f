using System.Collections.Concurrent;
using System.Reflection;

namespace Costs.CostIngest;

/// <summary>The BigQuery SQL of this project, one query a file in sql/bigquery/, embedded into this assembly.</summary>
internal static class Sql
{
    private static readonly Assembly Assembly = typeof(Sql).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Newest export_time and usage days per export partition. Placeholder: <c>{{table}}</c>.</summary>
    public static string BigQueryPartitionExportTimes => Get("bigquery/partition_export_times.sql");

    /// <summary>The aggregated billing lines. Placeholders: <c>{{table}}</c> and the column fragments.</summary>
    public static string BigQueryBillingLines => Get("bigquery/billing_lines.sql");

    private static string Get(string file) => Cache.GetOrAdd(file, f =>
    {
        var resource = Assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.Replace('\\', '/') == "sql/" + f)
            ?? throw new InvalidOperationException($"SQL file sql/{f} is not embedded.");
        using var stream = Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}

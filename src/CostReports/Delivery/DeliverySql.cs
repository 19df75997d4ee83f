using System.Collections.Concurrent;
using System.Reflection;

namespace Costs.CostReports.Delivery;

/// <summary>The ledger's SQL: sql/store/delivery_*.sql, embedded into this assembly (one statement a file).</summary>
internal static class DeliverySql
{
    private static readonly Assembly Assembly = typeof(DeliverySql).Assembly;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Select => Get("delivery_select.sql");
    public static string SelectAll => Get("delivery_select_all.sql");
    public static string MarkPending => Get("delivery_mark_pending.sql");
    public static string MarkDone => Get("delivery_mark_done.sql");

    private static string Get(string file) => Cache.GetOrAdd(file, f =>
    {
        using var stream = Assembly.GetManifestResourceStream("sql/" + f)
            ?? throw new InvalidOperationException($"SQL file sql/store/{f} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}

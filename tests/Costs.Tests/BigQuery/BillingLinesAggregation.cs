using System.Globalization;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Tests.Fakes;

namespace Costs.Tests.BigQuery;

/// <summary>
/// What sql/bigquery/billing_lines.sql returns for raw export rows, computed here in C# for the
/// loopback fake (which does not run SQL): rows truncated to the hour, grouped by billing account ×
/// hour × invoice month × currency × conversion rate × project × service × SKU × region × resource
/// (kept only on GKE node VMs of Compute Engine, detailed table) × kept labels of the row and of its
/// project (the configured keys, sorted by key) × cost type × consumption model × usage units, with cost, list cost, usage and
/// credits by type summed exactly in decimal, and the newest export_time. Each aggregated row sits in
/// the partition of its newest export_time (the fake holds one partition per row).
/// </summary>
internal static class BillingLinesAggregation
{
    private const string ComputeEngine = "6F81-5844-456A";

    public static IReadOnlyList<FakeExportRow> Aggregate(IEnumerable<ExportRow> rows, IReadOnlyCollection<string> labelKeys)
    {
        var keep = labelKeys.ToHashSet(StringComparer.Ordinal);
        return rows
            .Select(r => (Row: r, Hour: Hour(r.UsageStart), Kept: Keep(r.Labels, keep), KeptProject: Keep(r.ProjectLabels, keep),
                Node: r.ServiceId == ComputeEngine && r.Labels.Any(l => l.Key is "goog-gke-node" or "goog-k8s-cluster-name")))
            .GroupBy(x => string.Join("\u0001",
                x.Row.Account, x.Hour.UtcTicks, x.Row.InvoiceMonth, x.Row.Currency, x.Row.ConversionRate, x.Row.ProjectId, x.Row.ProjectName,
                x.Row.ServiceId, x.Row.ServiceDescription, x.Row.SkuId, x.Row.SkuDescription, x.Row.Region,
                x.Node ? x.Row.ResourceName : null, x.Node ? x.Row.ResourceGlobalName : null,
                string.Join("\u0002", x.Kept.Select(l => l.Key + "\u0003" + l.Value)),
                string.Join("\u0002", x.KeptProject.Select(l => l.Key + "\u0003" + l.Value)),
                x.Row.CostType, x.Row.ConsumptionModel, x.Row.UsageUnit, x.Row.UsagePricingUnit))
            .Select(g =>
            {
                var first = g.First();
                var r = first.Row;
                var exported = g.Max(x => x.Row.ExportTime);
                return new FakeExportRow
                {
                    PartitionDay = DateOnly.FromDateTime(exported.UtcDateTime),
                    UsageStart = first.Hour,
                    ExportTime = exported,
                    Account = r.Account,
                    InvoiceMonth = r.InvoiceMonth,
                    Currency = r.Currency,
                    ConversionRate = Text(r.ConversionRate),
                    ProjectId = r.ProjectId,
                    ProjectName = r.ProjectName,
                    ServiceId = r.ServiceId,
                    ServiceDescription = r.ServiceDescription,
                    SkuId = r.SkuId,
                    SkuDescription = r.SkuDescription,
                    Region = r.Region,
                    ResourceName = first.Node ? r.ResourceName : null,
                    ResourceGlobalName = first.Node ? r.ResourceGlobalName : null,
                    Labels = first.Kept,
                    ProjectLabels = first.KeptProject,
                    CostType = r.CostType,
                    ConsumptionModel = r.ConsumptionModel,
                    Cost = Text(g.Sum(x => x.Row.Cost))!,
                    CostAtList = Text(Sum(g.Select(x => x.Row.CostAtList))),
                    UsageAmount = Text(Sum(g.Select(x => x.Row.UsageAmount))),
                    UsageUnit = r.UsageUnit,
                    UsagePricingAmount = Text(Sum(g.Select(x => x.Row.UsagePricingAmount))),
                    UsagePricingUnit = r.UsagePricingUnit,
                    Credits = g.SelectMany(x => x.Row.Credits).GroupBy(c => c.Type, StringComparer.Ordinal)
                        .OrderBy(c => c.Key, StringComparer.Ordinal)
                        .Select(c => (c.Key, Text(c.Sum(x => x.Amount))!)).ToList(),
                };
            })
            .ToList();
    }

    /// <summary>The label keys the ingest sends as @label_keys when none are configured.</summary>
    public static IReadOnlyList<string> DefaultLabelKeys => BigQueryOptions.DefaultLabelKeys;

    private static List<(string Key, string Value)> Keep(IEnumerable<(string Key, string Value)> labels, HashSet<string> keep) =>
        labels.Where(l => keep.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal).ToList();

    private static DateTimeOffset Hour(DateTimeOffset t) => new(t.UtcDateTime.Date.AddHours(t.UtcDateTime.Hour), TimeSpan.Zero);

    /// <summary>SUM over NULLs is NULL; over some values, their sum.</summary>
    private static decimal? Sum(IEnumerable<decimal?> values)
    {
        var present = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : present.Sum();
    }

    /// <summary>A NUMERIC as BigQuery REST writes it: a JSON string without trailing zeros (<c>"0.3"</c>, <c>"12"</c>).</summary>
    private static string? Text(decimal? d)
    {
        if (d is not { } v) return null;
        var s = v.ToString("0.#########", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }
}

using System.Text.Json;
using Costs.CostModel.Allocation;

namespace Costs.CostReports.Focus;

/// <summary>
/// The tag keys under which an exported row carries its service, team and environment: keys that the
/// attribution rules read back, so that loading the export (`costs ingest file`) attributes each row as
/// it was. <see cref="Cluster"/> and <see cref="Namespace"/> are GKE's own cost-allocation keys.
/// </summary>
public sealed record FocusTagKeys(string Service, string Team, string Environment)
{
    public const string Cluster = "goog-k8s-cluster-name";
    public const string Namespace = "k8s-namespace";
    /// <summary>GKE's namespace for capacity nobody used: read back as idle.</summary>
    public const string IdleNamespace = "kube:unallocated";
    /// <summary>GKE's namespace for system workloads: read back as overhead.</summary>
    public const string OverheadNamespace = "kube:system-overhead";
}

/// <summary>What every row of one export shares: the billing account and the tag keys.</summary>
public sealed record FocusContext(string BillingAccountId, FocusTagKeys TagKeys);

/// <summary>
/// One allocation row as the cells of a FOCUS row, in the order of <see cref="FocusColumns.All"/>; null is a
/// null cell. Pure. BilledCost and EffectiveCost are the row's net (cost plus credits), so the rows of a
/// range add up to the bill's net; ContractedCost and ListCost are its cost before credits (the allocation
/// keeps no list price). The service, team and environment ride in Tags; how a share was split (a node's
/// cost among its pods, a shared cost among its receivers) in the FOCUS 1.3 allocation columns.
/// </summary>
public static class FocusRow
{
    public const string Provider = "Google Cloud";
    /// <summary>The AllocatedMethodId of a node VM's cost split among the pods that ran on it.</summary>
    public const string NodeSplitMethod = "costs:node-split";
    /// <summary>The AllocatedMethodId of a shared cost (a shared namespace, idle, overhead) charged to its receivers.</summary>
    public const string SharedMethod = "costs:shared";

    public static object?[] Cells(AllocationRow row, FocusContext context)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(context);
        var d = row.Dimensions;
        var dayStart = new DateTimeOffset(row.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var monthStart = new DateTimeOffset(row.InvoiceMonth.Year, row.InvoiceMonth.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var serviceName = d.CloudService.Length == 0 ? "(none)" : d.CloudService;
        var category = FocusServiceCategories.Of(serviceName);
        var (method, resourceId, allocatedTags) = Split(row);
        var cells = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["BilledCost"] = row.Net,
            ["BillingAccountId"] = context.BillingAccountId,
            ["BillingAccountType"] = "Billing Account",
            ["BillingCurrency"] = row.Currency.Code,
            ["BillingPeriodEnd"] = monthStart.AddMonths(1),
            ["BillingPeriodStart"] = monthStart,
            ["ChargeCategory"] = "Usage",
            ["ChargeDescription"] = d.Sku.Length == 0 ? null : d.Sku,
            ["ChargeFrequency"] = "Usage-Based",
            ["ChargePeriodEnd"] = dayStart.AddDays(1),
            ["ChargePeriodStart"] = dayStart,
            ["ContractedCost"] = row.Cost,
            ["EffectiveCost"] = row.Net,
            ["InvoiceIssuerName"] = Provider,
            ["ListCost"] = row.Cost,
            ["ProviderName"] = Provider,
            ["PublisherName"] = Provider,
            ["RegionId"] = d.Region,
            ["RegionName"] = d.Region,
            ["ResourceId"] = d.Node,
            ["ResourceName"] = d.Node,
            ["ResourceType"] = d.Node is null ? null : "GKE node",
            ["ServiceCategory"] = category.Category,
            ["ServiceName"] = serviceName,
            ["ServiceSubcategory"] = category.Subcategory,
            ["SubAccountId"] = d.Project,
            ["SubAccountName"] = d.Project,
            ["SubAccountType"] = d.Project is null ? null : "Project",
            ["Tags"] = Tags(row, context.TagKeys),
            ["AllocatedMethodId"] = method,
            ["AllocatedResourceId"] = resourceId,
            ["AllocatedTags"] = allocatedTags,
        };
        var result = new object?[FocusColumns.All.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = cells.GetValueOrDefault(FocusColumns.All[i].Name);
        return result;
    }

    /// <summary>
    /// The row's tags: service, team and environment under keys the attribution rules read, the cluster under
    /// GKE's key, and for idle and overhead GKE's namespace that is read back as that kind.
    /// </summary>
    private static string? Tags(AllocationRow row, FocusTagKeys keys)
    {
        var d = row.Dimensions;
        var tags = new List<KeyValuePair<string, string>>(5);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value)) tags.Add(KeyValuePair.Create(key, value));
        }
        if (row.Kind is CostKind.Allocated or CostKind.Unallocated) Add(keys.Service, d.Service);
        Add(keys.Team, d.Team);
        Add(keys.Environment, d.Environment);
        Add(FocusTagKeys.Cluster, d.Cluster);
        if (row.Kind == CostKind.Idle) Add(FocusTagKeys.Namespace, FocusTagKeys.IdleNamespace);
        if (row.Kind == CostKind.Overhead) Add(FocusTagKeys.Namespace, FocusTagKeys.OverheadNamespace);
        return tags.Count == 0 ? null : Json(tags);
    }

    /// <summary>
    /// The FOCUS 1.3 split-allocation columns. A share of a node VM's cost (rule <c>node-split</c>) is a split:
    /// the pods' portions name their workload as the AllocatedResourceId, while idle capacity, the node's system
    /// reservation and hours with no sample are the unallocated portion (no resource id). A shared cost charged
    /// to a service or team is a split to that receiver. Any other row is not a split: all three are null.
    /// </summary>
    private static (string? Method, string? ResourceId, string? Tags) Split(AllocationRow row)
    {
        var d = row.Dimensions;
        if (row.Shared)
        {
            var receiver = d.Service is not null ? "service/" + d.Service : d.Team is not null ? "team/" + d.Team : null;
            return (SharedMethod, receiver,
                receiver is null ? null : Json([KeyValuePair.Create("costs/shared", row.Rule[AllocationRow.SharedRulePrefix.Length..])]));
        }
        if (!row.Rule.StartsWith(CostAnalyzer.Allocation.ClusterShares.SplitRule, StringComparison.Ordinal)) return (null, null, null);
        if (d.Workload is null || row.Kind is CostKind.Idle or CostKind.Overhead) return (NodeSplitMethod, null, null);
        var tags = new List<KeyValuePair<string, string>>(3) { KeyValuePair.Create("costs/workload", d.Workload) };
        if (d.Namespace is not null) tags.Add(KeyValuePair.Create("costs/namespace", d.Namespace));
        if (d.Node is not null) tags.Add(KeyValuePair.Create("costs/node", d.Node));
        return (NodeSplitMethod, $"{d.Cluster}/{d.Namespace}/{d.Workload}", Json(tags));
    }

    private static string Json(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (k, v) in pairs) w.WriteString(k, v);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

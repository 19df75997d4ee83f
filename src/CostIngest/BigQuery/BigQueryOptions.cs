using Costs.CostResilience;

namespace Costs.CostIngest.BigQuery;

/// <summary>How lines are grouped in time inside BigQuery.</summary>
public enum BillingGranularity
{
    Hour,
    Day,
}

/// <summary>Configuration section <c>BigQuery</c>: where the billing export is and how it is read.</summary>
public sealed class BigQueryOptions
{
    public const string Section = "BigQuery";

    /// <summary>The export table, <c>project.dataset.gcp_billing_export[_resource]_v1_XXXXXX_XXXXXX_XXXXXX</c>.</summary>
    public string Table { get; set; } = "";

    /// <summary>The project that runs (and pays for) the query jobs; default: the table's project.</summary>
    public string? BillingProject { get; set; }

    /// <summary>
    /// The dataset's location, e.g. <c>US</c>, <c>EU</c> or <c>europe-west1</c>. Unset: read from the export
    /// table's dataset (datasets.get) once per run, never assumed.
    /// </summary>
    public string? Location { get; set; }

    public Uri BaseUri { get; set; } = new("https://bigquery.googleapis.com/bigquery/v2/");

    public BillingGranularity Granularity { get; set; } = BillingGranularity.Hour;

    /// <summary>How many recent export partitions each run checks for new or restated rows.</summary>
    public int CheckPartitionDays { get; set; } = 10;

    /// <summary>On the first run, load from the first day of the month this many months back.</summary>
    public int BackfillMonths { get; set; } = 3;

    /// <summary>
    /// Label keys kept on each line (the keys the attribution rules read). A key ending in <c>*</c>
    /// keeps every key with that prefix (<c>k8s-label/*</c>); use it with care, it multiplies rows.
    /// </summary>
    public List<string>? LabelKeys { get; set; }

    /// <summary>The attribution label keys used when <see cref="LabelKeys"/> is not configured.</summary>
    public static IReadOnlyList<string> DefaultLabelKeys { get; } =
    [
        "app.kubernetes.io/name", "app", "service", "team", "owner", "environment", "env",
        "k8s-namespace", "k8s-label/app.kubernetes.io/name", "k8s-label/app", "k8s-label/service",
        "k8s-label/team", "k8s-label/owner", "k8s-label/environment", "k8s-label/env",
        "goog-k8s-cluster-name", "goog-k8s-node-pool-name",
    ];

    /// <summary>The configured keys, or the defaults (a configured list replaces them, it does not add).</summary>
    public IReadOnlyList<string> EffectiveLabelKeys => LabelKeys is { Count: > 0 } keys ? keys : DefaultLabelKeys;

    /// <summary>False for tables that predate the <c>consumption_model</c> column.</summary>
    public bool HasConsumptionModel { get; set; } = true;

    /// <summary>How long BigQuery may hold each jobs.query / getQueryResults call open (timeoutMs).</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a whole query may run before the run gives up.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>HTTP timeout of one call.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Rows per result page (maxResults).</summary>
    public int PageSize { get; set; } = 10000;

    public RetryOptions Retry { get; set; } = new();

    public ExportTable ParsedTable => ExportTable.Parse(Table);

    public string JobProject => string.IsNullOrWhiteSpace(BillingProject) ? ParsedTable.Project : BillingProject!;

    /// <summary>Every problem with these options, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Table))
            errors.Add($"{Section}:Table is missing: set it to project.dataset.gcp_billing_export_v1_XXXXXX_XXXXXX_XXXXXX.");
        else if (!ExportTable.TryParse(Table, out _, out var why))
            errors.Add($"{Section}:Table '{Table}' {why}");
        if (!string.IsNullOrWhiteSpace(BillingProject) && !ExportTable.ProjectPattern.IsMatch(BillingProject))
            errors.Add($"{Section}:BillingProject '{BillingProject}' is not a project id.");
        if (Location is not null && (string.IsNullOrWhiteSpace(Location) || Location.Length > 64 || !Location.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            errors.Add($"{Section}:Location '{Location}' is not a BigQuery location (US, EU, europe-west1, …).");
        if (!BaseUri.IsAbsoluteUri || !BaseUri.AbsoluteUri.EndsWith('/'))
            errors.Add($"{Section}:BaseUri must be absolute and end with '/' (was {BaseUri}).");
        if (CheckPartitionDays is < 1 or > 60)
            errors.Add($"{Section}:CheckPartitionDays must be between 1 and 60 (was {CheckPartitionDays}).");
        if (BackfillMonths is < 0 or > 36)
            errors.Add($"{Section}:BackfillMonths must be between 0 and 36 (was {BackfillMonths}).");
        if (EffectiveLabelKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 63 * 2))
            errors.Add($"{Section}:LabelKeys holds a blank or over-long key.");
        if (PollTimeout <= TimeSpan.Zero || PollTimeout > TimeSpan.FromMinutes(5))
            errors.Add($"{Section}:PollTimeout must be between 0 and 5 minutes.");
        if (QueryTimeout <= TimeSpan.Zero) errors.Add($"{Section}:QueryTimeout must be positive.");
        if (HttpTimeout <= TimeSpan.Zero) errors.Add($"{Section}:HttpTimeout must be positive.");
        if (PageSize is < 1 or > 100000) errors.Add($"{Section}:PageSize must be between 1 and 100000.");
        errors.AddRange(Retry.Validate(Section));
        return errors;
    }

    /// <summary>Exact keys, and the prefixes of keys given as <c>prefix*</c>.</summary>
    public (IReadOnlyList<string> Keys, IReadOnlyList<string> Prefixes) SplitLabelKeys() =>
        (EffectiveLabelKeys.Where(k => !k.EndsWith('*')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
         EffectiveLabelKeys.Where(k => k.EndsWith('*')).Select(k => k[..^1]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
}

using System.Text.RegularExpressions;
using Costs.CostIngest.BigQuery;
using Costs.CostResilience;

namespace Costs.CostApplication.Settings;

/// <summary>Configuration section <c>Publish</c>: where the analysis is published besides the store.</summary>
public sealed class PublishOptions
{
    public const string Section = "Publish";

    /// <summary>A BigQuery table that receives the allocation rows, each analyzed day replacing its partition.</summary>
    public BigQueryPublishOptions BigQuery { get; set; } = new();

    public IReadOnlyList<string> Validate() => BigQuery.IsConfigured ? BigQuery.Validate($"{Section}:BigQuery") : [];
}

/// <summary>
/// Section <c>Publish:BigQuery</c>: the table the allocation rows are loaded into (created on the first load,
/// partitioned by day), and how the load jobs are run. Unset Project, Dataset and Table: nothing is published.
/// </summary>
public sealed partial class BigQueryPublishOptions
{
    /// <summary>The project that holds the dataset and runs the load jobs.</summary>
    public string? Project { get; set; }

    /// <summary>The dataset (it must exist; the service account needs BigQuery Data Editor on it).</summary>
    public string? Dataset { get; set; }

    /// <summary>The table; created on the first load.</summary>
    public string? Table { get; set; }

    /// <summary>The dataset's location (US, EU, europe-west1, …); unset, BigQuery finds it from the dataset.</summary>
    public string? Location { get; set; }

    /// <summary>The API root; the upload and the job paths are under it.</summary>
    public Uri BaseUri { get; set; } = new("https://bigquery.googleapis.com/");

    /// <summary>How long to wait between two looks at a running load job.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest one load job may run before the publish gives up (the day stays pending).</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>HTTP timeout of one call.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(100);

    public RetryOptions Retry { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Project) || !string.IsNullOrWhiteSpace(Dataset) || !string.IsNullOrWhiteSpace(Table);

    /// <summary>Letters, digits, '_' and '-' (no '$': the partition decorator is added per day).</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,1024}$")]
    private static partial Regex TableRegex();

    public IReadOnlyList<string> Validate(string path)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Project)) errors.Add($"{path}:Project is missing: the project that holds the dataset.");
        else if (!ExportTable.IsProjectId(Project)) errors.Add($"{path}:Project '{Project}' is not a project id.");
        if (string.IsNullOrWhiteSpace(Dataset)) errors.Add($"{path}:Dataset is missing.");
        else if (!ExportTable.IsDatasetId(Dataset)) errors.Add($"{path}:Dataset '{Dataset}' may hold only letters, digits and '_'.");
        if (string.IsNullOrWhiteSpace(Table)) errors.Add($"{path}:Table is missing.");
        else if (!TableRegex().IsMatch(Table)) errors.Add($"{path}:Table '{Table}' may hold only letters, digits, '_' and '-' (no '$': the day's partition is added per load).");
        if (Location is not null && (Location.Length is 0 or > 64 || !Location.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            errors.Add($"{path}:Location '{Location}' is not a BigQuery location (US, EU, europe-west1, …).");
        if (!BaseUri.IsAbsoluteUri || !BaseUri.AbsoluteUri.EndsWith('/'))
            errors.Add($"{path}:BaseUri must be absolute and end with '/' (was {BaseUri}).");
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(5)) errors.Add($"{path}:PollInterval must be between 0 and 5 minutes.");
        if (JobTimeout <= TimeSpan.Zero) errors.Add($"{path}:JobTimeout must be positive.");
        if (HttpTimeout <= TimeSpan.Zero) errors.Add($"{path}:HttpTimeout must be positive.");
        errors.AddRange(Retry.Validate(path));
        return errors;
    }
}

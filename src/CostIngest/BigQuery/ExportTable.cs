using System.Text.RegularExpressions;

namespace Costs.CostIngest.BigQuery;

/// <summary>
/// The name of a Cloud Billing export table, checked against a strict pattern before it is placed in
/// SQL (a table name cannot be a query parameter). Standard: <c>gcp_billing_export_v1_…</c>;
/// detailed (resource-level): <c>gcp_billing_export_resource_v1_…</c>.
/// </summary>
public sealed partial record ExportTable(string Project, string Dataset, string Name)
{
    // Project ids: 6-30 chars, lower-case letters, digits, hyphens; optionally "domain.com:" prefixed.
    [GeneratedRegex("^(?:[a-z][a-z0-9.-]{0,60}[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    internal static partial Regex ProjectRegex();

    [GeneratedRegex("^[A-Za-z0-9_]{1,1024}$")]
    private static partial Regex DatasetRegex();

    [GeneratedRegex("^gcp_billing_export_(?:resource_)?v1_[0-9A-F]{6}_[0-9A-F]{6}_[0-9A-F]{6}$")]
    private static partial Regex TableRegex();

    internal static Regex ProjectPattern => ProjectRegex();

    /// <summary>True for a Google Cloud project id (optionally domain-scoped), as a table's first part.</summary>
    public static bool IsProjectId(string text) => ProjectRegex().IsMatch(text);

    /// <summary>True for a BigQuery dataset id: letters, digits and '_'.</summary>
    public static bool IsDatasetId(string text) => DatasetRegex().IsMatch(text);

    public bool IsDetailed => Name.StartsWith("gcp_billing_export_resource_v1_", StringComparison.Ordinal);

    /// <summary>The account id that the table name carries (<c>XXXXXX-XXXXXX-XXXXXX</c>).</summary>
    public string BillingAccountId => Name[^20..].Replace('_', '-');

    /// <summary>The name as placed in SQL, between backticks.</summary>
    public string SqlName => $"{Project}.{Dataset}.{Name}";

    public override string ToString() => SqlName;

    public static bool TryParse(string text, out ExportTable? table, out string why)
    {
        table = null;
        var parts = text.Trim().Split('.');
        // A domain-scoped project ("example.com:proj") holds a dot of its own.
        if (parts.Length == 4 && parts[1].Contains(':', StringComparison.Ordinal))
            parts = [parts[0] + "." + parts[1], parts[2], parts[3]];
        if (parts.Length != 3)
        {
            why = "is not project.dataset.table.";
            return false;
        }
        if (!ProjectRegex().IsMatch(parts[0])) { why = $"has a project part '{parts[0]}' that is not a project id."; return false; }
        if (!DatasetRegex().IsMatch(parts[1])) { why = $"has a dataset part '{parts[1]}' with characters other than letters, digits and '_'."; return false; }
        if (!TableRegex().IsMatch(parts[2]))
        {
            why = $"has a table part '{parts[2]}' that is not a billing export table (gcp_billing_export_v1_XXXXXX_XXXXXX_XXXXXX or gcp_billing_export_resource_v1_…).";
            return false;
        }
        table = new ExportTable(parts[0], parts[1], parts[2]);
        why = "";
        return true;
    }

    public static ExportTable Parse(string text) =>
        TryParse(text, out var t, out var why) ? t! : throw new FormatException($"Billing export table '{text}' {why}");
}

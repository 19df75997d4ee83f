namespace Costs.CostApplication.Settings;

/// <summary>Configuration section <c>Report</c>: the workbook's title and where scheduled reports are written.</summary>
public sealed class ReportOptions
{
    public const string Section = "Report";

    /// <summary>The title on the workbook's first sheet and in the e-mail.</summary>
    public string Title { get; set; } = "Costs report";

    /// <summary>Where `run` and `serve` write workbooks. Empty: a <c>reports</c> folder beside the store.</summary>
    public string? OutputDirectory { get; set; }

    public IReadOnlyList<string> Validate() =>
        string.IsNullOrWhiteSpace(Title) ? [$"{Section}:Title: must not be empty."] : [];
}

using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>What an alert is about. Each kind has its own detector and its own key prefix.</summary>
public enum AlertKind
{
    Budget,
    BudgetForecast,
    Anomaly,
    UnallocatedShare,
    NewUnlabelled,
    CommitmentUtilisation,
    RejectedRows,
}

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>
/// One alert, ready to be worded for a channel. <see cref="Key"/> is stable: the same finding for the
/// same scope and period always has the same key, so that delivery can be de-duplicated on it.
/// The texts are plain (not escaped); each channel escapes them for its own format.
/// </summary>
public sealed record Alert
{
    public required string Key { get; init; }
    public required AlertKind Kind { get; init; }
    public required AlertSeverity Severity { get; init; }
    public required string Title { get; init; }
    /// <summary>What happened, in one sentence.</summary>
    public required string What { get; init; }
    /// <summary>How much, formatted in the billing currency.</summary>
    public required string HowMuch { get; init; }
    /// <summary>What it was compared with.</summary>
    public required string ComparedWith { get; init; }
    /// <summary>What to do about it.</summary>
    public required string Action { get; init; }
    public required Currency Currency { get; init; }
    /// <summary>The team the alert concerns, when it concerns one: used for routing.</summary>
    public string? Team { get; init; }
    /// <summary>The environment the alert concerns, when it concerns one: used for routing.</summary>
    public string? Environment { get; init; }
}

public static class AlertTexts
{
    public static string ToText(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    public static string ToText(this AlertKind kind) => kind switch
    {
        AlertKind.Budget => "budget",
        AlertKind.BudgetForecast => "budget-forecast",
        AlertKind.Anomaly => "anomaly",
        AlertKind.UnallocatedShare => "unallocated-share",
        AlertKind.NewUnlabelled => "new-unlabelled",
        AlertKind.CommitmentUtilisation => "commitment-utilisation",
        AlertKind.RejectedRows => "rejected-rows",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown alert kind."),
    };
}

/// <summary>The alerts found, and what the detectors could not judge (returned as values, never logged).</summary>
public sealed record AlertResult(IReadOnlyList<Alert> Alerts, IReadOnlyList<string> Warnings);

using System.Globalization;

namespace Costs.CostAnalyzer.Alerts;

/// <summary>
/// Options of the alert stage (configuration section <c>Alerts</c>). Percentages are written as
/// percent (90 means 90%). Money is in the billing currency. <see cref="Validate"/> names each
/// error by its configuration path.
/// </summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    public List<BudgetOptions> Budgets { get; set; } = [];
    public AnomalyOptions Anomaly { get; set; } = new();
    /// <summary>Alert when unallocated spend is more than this percent of month-to-date spend.</summary>
    public decimal UnallocatedShareThreshold { get; set; } = 10m;
    /// <summary>Unallocated spend of a project or SKU first seen within this many days is "new".</summary>
    public int NewUnlabelledDays { get; set; } = 3;
    /// <summary>New unlabelled spend below this amount (over those days) is not reported.</summary>
    public decimal NewUnlabelledMinimum { get; set; } = 1m;
    /// <summary>Alert when commitment utilisation is below this percent.</summary>
    public decimal CommitmentUtilisationThreshold { get; set; } = 80m;
    /// <summary>
    /// The discount a commitment gives against on-demand prices, as a fraction (0.37 for 37%): the fee
    /// buys on-demand value of fee / (1 − rate). See docs/alerts.md for why this is needed.
    /// </summary>
    public decimal CommitmentDiscountRate { get; set; } = 0.37m;
    public List<RouteOptions> Routes { get; set; } = [];
    public List<ChannelOptions> Channels { get; set; } = [];

    /// <summary>Every problem, each prefixed with its configuration path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var p = SectionName;
        for (var i = 0; i < Budgets.Count; i++) Budgets[i].Validate($"{p}:Budgets:{i}", errors);
        var scopes = Budgets.GroupBy(b => (b.Scope.ToLowerInvariant(), b.Name)).Where(g => g.Count() > 1);
        foreach (var g in scopes) errors.Add($"{p}:Budgets: budget for {g.Key.Item1} '{g.Key.Name}' is given {g.Count()} times.");
        Anomaly.Validate($"{p}:Anomaly", errors);
        if (UnallocatedShareThreshold is <= 0m or > 100m)
            errors.Add($"{p}:UnallocatedShareThreshold: must be a percent above 0 and at most 100 (is {Num(UnallocatedShareThreshold)}).");
        if (NewUnlabelledDays is < 1 or > 31)
            errors.Add($"{p}:NewUnlabelledDays: must be 1 to 31 (is {NewUnlabelledDays}).");
        if (NewUnlabelledMinimum < 0m)
            errors.Add($"{p}:NewUnlabelledMinimum: must not be negative (is {Num(NewUnlabelledMinimum)}).");
        if (CommitmentUtilisationThreshold is <= 0m or > 100m)
            errors.Add($"{p}:CommitmentUtilisationThreshold: must be a percent above 0 and at most 100 (is {Num(CommitmentUtilisationThreshold)}).");
        if (CommitmentDiscountRate is < 0m or >= 1m)
            errors.Add($"{p}:CommitmentDiscountRate: must be a fraction from 0 up to (not including) 1 (is {Num(CommitmentDiscountRate)}).");

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Channels.Count; i++)
        {
            Channels[i].Validate($"{p}:Channels:{i}", errors);
            if (!string.IsNullOrWhiteSpace(Channels[i].Name) && !names.Add(Channels[i].Name))
                errors.Add($"{p}:Channels:{i}:Name: channel '{Channels[i].Name}' is defined twice.");
        }
        for (var i = 0; i < Routes.Count; i++)
        {
            var r = Routes[i];
            if (string.IsNullOrWhiteSpace(r.Channel))
                errors.Add($"{p}:Routes:{i}:Channel: is required.");
            else if (!names.Contains(r.Channel))
                errors.Add($"{p}:Routes:{i}:Channel: no channel is named '{r.Channel}'.");
        }
        return errors;
    }

    internal static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a budget covers.</summary>
public enum BudgetScope
{
    Service,
    Team,
    Environment,
    Project,
}

/// <summary>A monthly budget for one service, team, environment or project.</summary>
public sealed class BudgetOptions
{
    /// <summary>service, team, environment or project.</summary>
    public string Scope { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The budget for a calendar month, in the billing currency.</summary>
    public decimal Monthly { get; set; }
    /// <summary>Percent of <see cref="Monthly"/> at which to alert, on actual and on forecast spend.</summary>
    public List<decimal> Thresholds { get; set; } = [];

    public static bool TryParseScope(string? text, out BudgetScope scope)
    {
        scope = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "service": scope = BudgetScope.Service; return true;
            case "team": scope = BudgetScope.Team; return true;
            case "environment": scope = BudgetScope.Environment; return true;
            case "project": scope = BudgetScope.Project; return true;
            default: return false;
        }
    }

    public BudgetScope ParsedScope => TryParseScope(Scope, out var s) ? s
        : throw new InvalidOperationException($"Unknown budget scope '{Scope}'.");

    /// <summary>The thresholds in effect: the configured ones, or 50, 90 and 100 when none are given.</summary>
    public IReadOnlyList<decimal> EffectiveThresholds =>
        Thresholds.Count == 0 ? [50m, 90m, 100m] : Thresholds.Distinct().Order().ToList();

    internal void Validate(string path, List<string> errors)
    {
        if (!TryParseScope(Scope, out _))
            errors.Add($"{path}:Scope: must be service, team, environment or project (is '{Scope}').");
        if (string.IsNullOrWhiteSpace(Name))
            errors.Add($"{path}:Name: is required.");
        if (Monthly <= 0m)
            errors.Add($"{path}:Monthly: must be a positive amount (is {AlertOptions.Num(Monthly)}).");
        for (var i = 0; i < Thresholds.Count; i++)
            if (Thresholds[i] is <= 0m or > 1000m)
                errors.Add($"{path}:Thresholds:{i}: must be a percent above 0 and at most 1000 (is {AlertOptions.Num(Thresholds[i])}).");
    }
}

/// <summary>
/// Spend anomalies: a day's net spend of a service in an environment against the same weekday of the
/// previous <see cref="LookbackWeeks"/> weeks (median, and the median absolute deviation).
/// </summary>
public sealed class AnomalyOptions
{
    /// <summary>A change smaller than this (in the billing currency) is never an anomaly.</summary>
    public decimal MinAbsoluteChange { get; set; } = 50m;
    /// <summary>How many scaled MADs away from the median a day must be.</summary>
    public decimal Sensitivity { get; set; } = 3m;
    public int LookbackWeeks { get; set; } = 4;
    /// <summary>How many days, ending at the day of the run, are checked (each alerts once).</summary>
    public int RecentDays { get; set; } = 3;

    internal void Validate(string path, List<string> errors)
    {
        if (MinAbsoluteChange < 0m)
            errors.Add($"{path}:MinAbsoluteChange: must not be negative (is {AlertOptions.Num(MinAbsoluteChange)}).");
        if (Sensitivity <= 0m)
            errors.Add($"{path}:Sensitivity: must be positive (is {AlertOptions.Num(Sensitivity)}).");
        if (LookbackWeeks is < 2 or > 26)
            errors.Add($"{path}:LookbackWeeks: must be 2 to 26 (is {LookbackWeeks}).");
        if (RecentDays is < 1 or > 31)
            errors.Add($"{path}:RecentDays: must be 1 to 31 (is {RecentDays}).");
    }
}

/// <summary>Sends alerts of a team and/or environment to a channel. An empty field matches anything.</summary>
public sealed class RouteOptions
{
    public string? Team { get; set; }
    public string? Environment { get; set; }
    public string Channel { get; set; } = "";
}

/// <summary>A chat channel. The webhook URL is a secret: only where to read it is configured.</summary>
public sealed class ChannelOptions
{
    public string Name { get; set; } = "";
    /// <summary>slack, google-chat, teams or webhook.</summary>
    public string Kind { get; set; } = "";
    /// <summary>
    /// Where the webhook URL is: the name of an environment variable (also tried as NAME_FILE, a file
    /// that holds it), or the path of a mounted file (anything with a '/').
    /// </summary>
    public string UrlSecret { get; set; } = "";

    public static readonly IReadOnlyList<string> Kinds = ["slack", "google-chat", "teams", "webhook"];

    internal void Validate(string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Name)) errors.Add($"{path}:Name: is required.");
        if (!Kinds.Contains(Kind))
            errors.Add($"{path}:Kind: must be one of {string.Join(", ", Kinds)} (is '{Kind}').");
        if (string.IsNullOrWhiteSpace(UrlSecret))
            errors.Add($"{path}:UrlSecret: is required (an environment variable name or a mounted file path).");
    }
}

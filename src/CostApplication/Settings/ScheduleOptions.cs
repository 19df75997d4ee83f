using Costs.CostReports.Email;

namespace Costs.CostApplication.Settings;

/// <summary>
/// Cron schedules (configuration section <c>Schedules</c>), in Quartz syntax: seconds, minutes, hours,
/// day of month, month, day of week, optional year; e.g. "0 0 6 ? * MON-FRI".
/// </summary>
public sealed class ScheduleOptions
{
    public const string SectionName = "Schedules";

    public string? Collect { get; set; }
    public string? Ingest { get; set; }
    public string? Analyze { get; set; }
    public string? Alert { get; set; }
    public List<ReportSchedule> Reports { get; set; } = [];

    public IReadOnlyList<string> Validate(EmailOptions? email)
    {
        var errors = new List<string>();
        Cron($"{SectionName}:Collect", Collect, errors);
        Cron($"{SectionName}:Ingest", Ingest, errors);
        Cron($"{SectionName}:Analyze", Analyze, errors);
        Cron($"{SectionName}:Alert", Alert, errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Reports.Count; i++)
        {
            var r = Reports[i];
            var p = $"{SectionName}:Reports:{i}";
            if (string.IsNullOrWhiteSpace(r.Name)) errors.Add($"{p}:Name: is required.");
            else if (!names.Add(r.Name)) errors.Add($"{p}:Name: '{r.Name}' is used twice.");
            if (string.IsNullOrWhiteSpace(r.Cron)) errors.Add($"{p}:Cron: is required.");
            else Cron($"{p}:Cron", r.Cron, errors);
            if (!string.IsNullOrEmpty(r.Team) && email is { IsConfigured: true } && !email.Teams.ContainsKey(r.Team))
                errors.Add($"{p}:Team: no addresses for team '{r.Team}' under {EmailOptions.SectionName}:Teams.");
        }
        return errors;
    }

    private static void Cron(string path, string? expression, List<string> errors)
    {
        if (expression is null) return;
        try
        {
            Quartz.CronExpression.Parse(expression);
        }
        catch (FormatException ex)
        {
            errors.Add($"{path}: '{expression}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 6 ? * MON-FRI\"): {ex.Message}");
        }
    }
}

public sealed class ReportSchedule
{
    public string Name { get; set; } = "";
    public string Cron { get; set; } = "";
    /// <summary>The team whose slice this report is; empty for the full (platform) report.</summary>
    public string? Team { get; set; }
}

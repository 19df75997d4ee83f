using Costs.CostApplication.Stages;

namespace Costs.Scheduling;

/// <summary>One scheduled job: its name, the stage it runs, its Quartz cron, and for a report the schedule.</summary>
internal sealed record ScheduledJob(string Name, Stage Stage, string Cron, string? ReportName = null, string? Team = null);

/// <summary>A stage that `serve` does not schedule, and why.</summary>
internal sealed record NotScheduled(Stage Stage, string Reason);

/// <summary>
/// Which jobs `serve` schedules, from the Schedules section with defaults: collect every 5 minutes
/// (only when Kubernetes clusters are configured), ingest hourly (only when BigQuery is configured),
/// analyze daily at 05:30 UTC, alert daily at 06:00 UTC, and each Schedules:Reports entry on its cron
/// (none configured: the full report daily at 06:30 UTC). Crons are Quartz syntax, in UTC.
/// </summary>
internal sealed record SchedulePlan(IReadOnlyList<ScheduledJob> Jobs, IReadOnlyList<NotScheduled> NotScheduled)
{
    public const string DefaultCollect = "0 */5 * * * ?";
    public const string DefaultIngest = "0 7 * * * ?";
    public const string DefaultAnalyze = "0 30 5 * * ?";
    public const string DefaultAlert = "0 0 6 * * ?";
    public const string DefaultReport = "0 30 6 * * ?";

    public static SchedulePlan From(CostApplication.Settings.Settings settings)
    {
        var schedules = settings.Schedules;
        var jobs = new List<ScheduledJob>();
        var not = new List<NotScheduled>();
        if (settings.Kubernetes.Clusters.Count > 0)
            jobs.Add(new ScheduledJob(Stage.Collect.ToText(), Stage.Collect, schedules.Collect ?? DefaultCollect));
        else not.Add(new NotScheduled(Stage.Collect, "no Kubernetes:Clusters configured"));
        if (!string.IsNullOrWhiteSpace(settings.BigQuery.Table))
            jobs.Add(new ScheduledJob(Stage.Ingest.ToText(), Stage.Ingest, schedules.Ingest ?? DefaultIngest));
        else not.Add(new NotScheduled(Stage.Ingest, "no BigQuery:Table configured"));
        jobs.Add(new ScheduledJob(Stage.Analyze.ToText(), Stage.Analyze, schedules.Analyze ?? DefaultAnalyze));
        jobs.Add(new ScheduledJob(Stage.Alert.ToText(), Stage.Alert, schedules.Alert ?? DefaultAlert));
        if (schedules.Reports.Count == 0)
            jobs.Add(new ScheduledJob("report-full", Stage.Report, DefaultReport, "full"));
        foreach (var r in schedules.Reports)
            jobs.Add(new ScheduledJob($"report-{r.Name}", Stage.Report, r.Cron, r.Name, string.IsNullOrEmpty(r.Team) ? null : r.Team));
        return new SchedulePlan(jobs, not);
    }
}

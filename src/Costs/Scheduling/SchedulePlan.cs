using Costs.Cli;
using Costs.Cli.Verbs;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Kubernetes;
using Costs.Pipeline;

namespace Costs.Scheduling;

/// <summary>One scheduled job: its name, the stage it runs, its Quartz cron, and for a report the schedule.</summary>
internal sealed record ScheduledJob(string Name, string Stage, string Cron, string? ReportName = null, string? Team = null);

/// <summary>
/// Which jobs `serve` schedules, from the Schedules section with defaults: collect every 5 minutes
/// (only when Kubernetes clusters are configured), ingest hourly (only when BigQuery is configured),
/// analyze daily at 05:30 UTC, alert daily at 06:00 UTC, and each Schedules:Reports entry on its cron
/// (none configured: the full report daily at 06:30 UTC). Crons are Quartz syntax, in UTC.
/// </summary>
internal sealed record SchedulePlan(IReadOnlyList<ScheduledJob> Jobs, IReadOnlyList<string> NotScheduled)
{
    public const string DefaultCollect = "0 */5 * * * ?";
    public const string DefaultIngest = "0 7 * * * ?";
    public const string DefaultAnalyze = "0 30 5 * * ?";
    public const string DefaultAlert = "0 0 6 * * ?";
    public const string DefaultReport = "0 30 6 * * ?";

    public static SchedulePlan From(CliContext ctx)
    {
        var schedules = ctx.Options<ScheduleOptions>(ScheduleOptions.SectionName);
        var errors = schedules.Validate(null);
        if (errors.Count > 0) throw new CliException(ExitCodes.Usage, "The configuration is invalid:\n  " + string.Join("\n  ", errors));
        var jobs = new List<ScheduledJob>();
        var not = new List<string>();
        if (ctx.Options<KubernetesOptions>(KubernetesOptions.Section).Clusters.Count > 0)
            jobs.Add(new ScheduledJob(RunPipeline.Collect, RunPipeline.Collect, schedules.Collect ?? DefaultCollect));
        else not.Add($"{RunPipeline.Collect}: no Kubernetes:Clusters configured");
        if (!string.IsNullOrWhiteSpace(ctx.Options<BigQueryOptions>(BigQueryOptions.Section).Table))
            jobs.Add(new ScheduledJob(RunPipeline.Ingest, RunPipeline.Ingest, schedules.Ingest ?? DefaultIngest));
        else not.Add($"{RunPipeline.Ingest}: no BigQuery:Table configured");
        jobs.Add(new ScheduledJob(RunPipeline.Analyze, RunPipeline.Analyze, schedules.Analyze ?? DefaultAnalyze));
        jobs.Add(new ScheduledJob(RunPipeline.Alert, RunPipeline.Alert, schedules.Alert ?? DefaultAlert));
        if (schedules.Reports.Count == 0)
            jobs.Add(new ScheduledJob("report-full", RunPipeline.Report, DefaultReport, "full"));
        foreach (var r in schedules.Reports)
            jobs.Add(new ScheduledJob($"report-{r.Name}", RunPipeline.Report, r.Cron, r.Name, string.IsNullOrEmpty(r.Team) ? null : r.Team));
        return new SchedulePlan(jobs, not);
    }
}

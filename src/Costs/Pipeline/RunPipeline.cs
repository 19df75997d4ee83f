using System.Globalization;
using Costs.Cli;
using Costs.Cli.Verbs;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Kubernetes;
using Costs.CostReports.Email;
using Costs.Logging;
using Microsoft.Extensions.Logging;

namespace Costs.Pipeline;

public enum StageStatus
{
    Done,
    Skipped,
    Failed,
}

/// <summary>How one stage of a run ended. <see cref="ExitCode"/> is the stage's own (0 unless it failed).</summary>
public sealed record StageOutcome(string Stage, StageStatus Status, string Detail, int ExitCode = ExitCodes.Ok);

/// <summary>A report schedule's slot that is due: the schedule, and the cron fire time it stands for.</summary>
internal sealed record DueReport(string Name, string? Team, DateTimeOffset Slot)
{
    /// <summary>The ledger slot: the schedule's name and the fire time, e.g. <c>daily@2026-11-21T06:30Z</c>.</summary>
    public string SlotKey => $"{Name}@{Slot.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)}Z";
}

/// <summary>
/// Every stage once, in order: collect → ingest → analyze → alert → reports. `costs run` calls
/// <see cref="RunAllAsync"/>; each `costs serve` job calls <see cref="RunStageAsync"/> for its stage. A stage
/// that is not configured is skipped and says so; a failing stage is reported and the later stages
/// still run, except that alert and reports are skipped when the analysis failed (they would judge
/// and mail a bill that is not analyzed).
/// </summary>
internal static class RunPipeline
{
    public const string Collect = "collect";
    public const string Ingest = "ingest";
    public const string Analyze = "analyze";
    public const string Alert = "alert";
    public const string Report = "report";

    public static async Task<IReadOnlyList<StageOutcome>> RunAllAsync(CliContext ctx, ILogger log, CancellationToken ct)
    {
        var outcomes = new List<StageOutcome>
        {
            await RunStageAsync(ctx, Collect, log, null, ct),
            await RunStageAsync(ctx, Ingest, log, null, ct),
        };
        var analyze = await RunStageAsync(ctx, Analyze, log, null, ct);
        outcomes.Add(analyze);
        if (analyze.Status == StageStatus.Failed)
        {
            outcomes.Add(Logged(log, Skipped(Alert, "the analysis failed")));
            outcomes.Add(Logged(log, Skipped(Report, "the analysis failed")));
            return outcomes;
        }
        outcomes.Add(await RunStageAsync(ctx, Alert, log, null, ct));
        outcomes.Add(await RunStageAsync(ctx, Report, log, null, ct));
        return outcomes;
    }

    /// <summary>One stage, logged; <paramref name="due"/> limits the report stage to those slots (serve).</summary>
    public static async Task<StageOutcome> RunStageAsync(CliContext ctx, string stage, ILogger log, IReadOnlyList<DueReport>? due,
        CancellationToken ct)
    {
        Log.StageStarted(log, stage);
        var outcome = await GuardAsync(stage, () => stage switch
        {
            Collect => CollectAsync(ctx, ct),
            Ingest => IngestAsync(ctx, ct),
            Analyze => AnalyzeAsync(ctx, ct),
            Alert => AlertAsync(ctx, ct),
            Report => ReportsAsync(ctx, due, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
        }, ct);
        ctx.Out.Flush();
        ctx.Error.Flush();
        return Logged(log, outcome);
    }

    /// <summary>The exit code of a whole run: 0, else External when any stage failed outside, else the first failure's.</summary>
    public static int ExitCode(IReadOnlyList<StageOutcome> outcomes)
    {
        var failed = outcomes.Where(o => o.Status == StageStatus.Failed).ToList();
        if (failed.Count == 0) return ExitCodes.Ok;
        return failed.Any(f => f.ExitCode == ExitCodes.External) ? ExitCodes.External : failed[0].ExitCode;
    }

    public static async Task<StageOutcome> CollectAsync(CliContext ctx, CancellationToken ct)
    {
        var options = ctx.Options<KubernetesOptions>(KubernetesOptions.Section);
        if (options.Clusters.Count == 0) return Skipped(Collect, "no Kubernetes:Clusters configured");
        var code = await CollectVerb.RunAsync(ctx, [], ct);
        return code == ExitCodes.Ok
            ? Done(Collect, $"sampled {options.Clusters.Count} cluster(s)")
            : new StageOutcome(Collect, StageStatus.Failed, "one or more clusters could not be collected (see above); the others were", code);
    }

    public static async Task<StageOutcome> IngestAsync(CliContext ctx, CancellationToken ct)
    {
        var options = ctx.Options<BigQueryOptions>(BigQueryOptions.Section);
        if (string.IsNullOrWhiteSpace(options.Table))
            return Skipped(Ingest, "no BigQuery:Table configured (load export files with `costs ingest file`)");
        var errors = options.Validate();
        if (errors.Count > 0) throw new CliException(ExitCodes.Usage, string.Join(" ", errors));
        var result = await IngestBigQueryVerb.RunAsync(ctx, options, null, ct);
        return Done(Ingest, $"BigQuery: {result.ReplacedDays.Count} usage day(s) replaced, {result.Lines} lines");
    }

    public static async Task<StageOutcome> AnalyzeAsync(CliContext ctx, CancellationToken ct)
    {
        var store = await ctx.StoreAsync(ct);
        var days = await store.UnanalyzedDaysAsync(ct);
        if (days.Count == 0) return Done(Analyze, "every loaded day is analyzed already");
        var summary = await AnalyzePipeline.RunDaysAsync(ctx, days, ct);
        return Done(Analyze, $"{summary.Days} day(s), {summary.Lines} billing lines: {summary.Rows} allocation rows, reconciled to the bill");
    }

    public static async Task<StageOutcome> AlertAsync(CliContext ctx, CancellationToken ct)
    {
        var code = await AlertVerb.RunAsync(ctx, dryRun: false, asOf: null, ct);
        return code == ExitCodes.Ok ? Done(Alert, "alerts judged and delivered once each") : new StageOutcome(Alert, StageStatus.Failed, "see above", code);
    }

    /// <summary>
    /// The reports that are due. With <paramref name="due"/> (serve: the slot its trigger fired for),
    /// exactly those. Otherwise (run): each configured Schedules:Reports entry whose latest cron slot
    /// up to now has not been e-mailed yet per the ledger; when no report is scheduled, the full
    /// report, mailed (when e-mail is configured) once per report day. Without e-mail the workbooks
    /// are written each time and nothing is sent.
    /// </summary>
    public static async Task<StageOutcome> ReportsAsync(CliContext ctx, IReadOnlyList<DueReport>? due, CancellationToken ct)
    {
        var email = ctx.Options<EmailOptions>(EmailOptions.SectionName);
        var schedules = ctx.Options<ScheduleOptions>(ScheduleOptions.SectionName);
        var dir = OutputDirectory(ctx);
        var lines = new List<string>();
        var store = await ctx.StoreAsync(ct);
        if ((await store.ReadBilledDaysAsync(CostModel.Time.DateRange.Everything, ct)).Count == 0)
            return Skipped(Report, "the store holds no analyzed billing data yet");
        if (due is null && schedules.Reports.Count == 0)
        {
            var full = await ReportMailPipeline.WriteAndSendAsync(ctx, null, email.IsConfigured, null, null, null, dir, ct);
            return Done(Report, Describe(full));
        }

        var list = due ?? DueNow(schedules, ctx.Clock.GetUtcNow());
        var failures = new List<string>();
        var failCode = ExitCodes.Ok;
        foreach (var r in list)
        {
            if (email.IsConfigured && due is null && await ReportMailPipeline.AlreadySentAsync(ctx, r.Team, r.SlotKey, ct))
            {
                lines.Add($"{r.Name}: slot {r.SlotKey} already sent");
                continue;
            }
            try
            {
                var done = await ReportMailPipeline.WriteAndSendAsync(ctx, r.Team, email.IsConfigured, r.SlotKey, null, null, dir, ct);
                lines.Add($"{r.Name}: {Describe(done)}");
            }
            catch (CliException ex)
            {
                // One report failing (SMTP down, a team without rows) does not stop the others.
                failures.Add($"{r.Name}: {ex.Message}");
                if (failCode == ExitCodes.Ok || ex.ExitCode == ExitCodes.External) failCode = ex.ExitCode;
            }
        }
        if (failures.Count > 0)
            return new StageOutcome(Report, StageStatus.Failed, string.Join("; ", failures.Concat(lines)), failCode);
        return Done(Report, lines.Count == 0 ? "no report slot is due" : string.Join("; ", lines));
    }

    /// <summary>
    /// For each report schedule, its latest cron slot at or before <paramref name="now"/> within the
    /// last 40 days (a monthly report's slot is found; an older one is not due any more). The search
    /// widens from a minute to 40 days, so a cron that fires every second costs no more than a daily one.
    /// </summary>
    internal static IReadOnlyList<DueReport> DueNow(ScheduleOptions schedules, DateTimeOffset now)
    {
        var due = new List<DueReport>();
        foreach (var r in schedules.Reports)
        {
            var cron = Quartz.CronExpression.Parse(r.Cron).WithTimeZone(TimeZoneInfo.Utc);
            if (LatestSlot(cron, now) is { } slot) due.Add(new DueReport(r.Name, string.IsNullOrEmpty(r.Team) ? null : r.Team, slot));
        }
        return due;
    }

    internal static DateTimeOffset? LatestSlot(Quartz.CronExpression cron, DateTimeOffset now)
    {
        foreach (var lookback in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(40) })
        {
            DateTimeOffset? latest = null;
            var t = cron.GetNextValidTimeAfter(now - lookback - TimeSpan.FromSeconds(1));
            for (var i = 0; t is { } at && at <= now && i < 100_000; i++)
            {
                latest = at;
                t = cron.GetNextValidTimeAfter(at);
            }
            if (latest is not null) return latest;
        }
        return null;
    }

    /// <summary>Report:OutputDirectory, else a "reports" folder beside the store (the store's volume is writable in the cluster).</summary>
    internal static string OutputDirectory(CliContext ctx) =>
        ctx.Configuration["Report:OutputDirectory"] is { Length: > 0 } configured
            ? ctx.Environment.FullPath(configured)
            : Path.Combine(Path.GetDirectoryName(ctx.StorePath) ?? ctx.Environment.WorkingDirectory, "reports");

    private static string Describe(ReportDelivered d) =>
        $"wrote {d.Outcome.WorkbookPath} ({d.Scope})" + (d.Mail is { } m ? $", e-mail {m.Key}: {m.State}" : "");

    private static async Task<StageOutcome> GuardAsync(string stage, Func<Task<StageOutcome>> body, CancellationToken ct)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (CliException ex)
        {
            return new StageOutcome(stage, StageStatus.Failed, ex.Message, ex.ExitCode);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException
                                       or HttpRequestException or EmailDeliveryException)
        {
            var code = ex is HttpRequestException or EmailDeliveryException ? ExitCodes.External : ExitCodes.Failure;
            return new StageOutcome(stage, StageStatus.Failed, $"{ex.GetType().Name}: {ex.Message}", code);
        }
        catch (Exception ex)
        {
            // Unattended: a bug in one stage is reported as that stage's failure, and the others still run.
            return new StageOutcome(stage, StageStatus.Failed, $"unexpected error ({ex.GetType().Name}): {ex.Message}", ExitCodes.Failure);
        }
    }

    private static StageOutcome Done(string stage, string detail) => new(stage, StageStatus.Done, detail);

    private static StageOutcome Skipped(string stage, string reason) => new(stage, StageStatus.Skipped, reason);

    private static StageOutcome Logged(ILogger log, StageOutcome o)
    {
        switch (o.Status)
        {
            case StageStatus.Done: Log.StageDone(log, o.Stage, o.Detail); break;
            case StageStatus.Skipped: Log.StageSkipped(log, o.Stage, o.Detail); break;
            case StageStatus.Failed: Log.StageFailed(log, o.Stage, o.ExitCode, o.Detail); break;
            default: throw new ArgumentOutOfRangeException(nameof(o), o.Status, "Unknown stage status.");
        }
        return o;
    }
}

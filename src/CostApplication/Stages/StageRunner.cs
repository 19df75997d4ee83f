using Costs.CostApplication.Reports;
using Costs.CostModel.Time;
using Costs.CostReports.Delivery;
using Costs.CostReports.Email;
using Microsoft.Extensions.Logging;

namespace Costs.CostApplication.Stages;

/// <summary>
/// Every stage once, in order: collect → ingest → analyze → publish → alert → reports. `costs run` calls
/// <see cref="RunAllAsync"/>; each `costs serve` job calls <see cref="RunStageAsync"/> for its stage. Each
/// stage is the same use case its verb calls. A stage that is not configured is skipped and says so; a
/// failing stage is reported and the later stages still run, except that alert and reports are skipped
/// when the analysis failed (they would judge and mail a bill that is not analyzed). A failed publish is its
/// own outcome: the analysis stays committed, and the next run publishes the days still pending.
/// </summary>
public sealed class StageRunner(CostsApp app, ILogger log)
{
    public async Task<IReadOnlyList<StageOutcome>> RunAllAsync(CancellationToken ct)
    {
        var outcomes = new List<StageOutcome>
        {
            await RunStageAsync(Stage.Collect, null, ct),
            await RunStageAsync(Stage.Ingest, null, ct),
        };
        var analyze = await RunStageAsync(Stage.Analyze, null, ct);
        outcomes.Add(analyze);
        if (analyze.Status == StageStatus.Failed)
        {
            outcomes.Add(Logged(StageOutcome.Skipped(Stage.Publish, "the analysis failed")));
            outcomes.Add(Logged(StageOutcome.Skipped(Stage.Alert, "the analysis failed")));
            outcomes.Add(Logged(StageOutcome.Skipped(Stage.Report, "the analysis failed")));
            return outcomes;
        }
        outcomes.Add(await RunStageAsync(Stage.Publish, null, ct));
        outcomes.Add(await RunStageAsync(Stage.Alert, null, ct));
        outcomes.Add(await RunStageAsync(Stage.Report, null, ct));
        return outcomes;
    }

    /// <summary>One stage, logged; <paramref name="due"/> limits the report stage to those slots (serve).</summary>
    public async Task<StageOutcome> RunStageAsync(Stage stage, IReadOnlyList<DueReport>? due, CancellationToken ct)
    {
        StageLog.Started(log, stage.ToText());
        var outcome = await GuardAsync(stage, () => stage switch
        {
            Stage.Collect => CollectAsync(ct),
            Stage.Ingest => IngestAsync(ct),
            Stage.Analyze => AnalyzeAsync(ct),
            Stage.Publish => PublishAsync(ct),
            Stage.Alert => AlertAsync(ct),
            Stage.Report => ReportsAsync(due, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
        }, ct);
        return Logged(outcome);
    }

    private async Task<StageOutcome> CollectAsync(CancellationToken ct)
    {
        if (app.Settings.Kubernetes.Clusters.Count == 0 && !app.Settings.Kubernetes.Discover.IsConfigured)
            return StageOutcome.Skipped(Stage.Collect, "no Kubernetes:Clusters or Kubernetes:Discover configured");
        var result = await (await app.CollectAsync(ct)).RunAsync([], ct);
        var lines = result.Notes.Concat(result.Collected.Select(c => c.Describe())).Concat(result.Collected.SelectMany(c => c.Notes.Select(n => $"  {n}")))
            .Concat(result.Failures).ToList();
        return result.FailureSummary is { } failed
            ? StageOutcome.Failed(Stage.Collect, result.Misconfigured ? FailureKind.Configuration : FailureKind.External, failed, lines)
            : StageOutcome.Done(Stage.Collect, $"sampled {result.Collected.Count} cluster(s)", lines);
    }

    private async Task<StageOutcome> IngestAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(app.Settings.BigQuery.Table))
            return StageOutcome.Skipped(Stage.Ingest, "no BigQuery:Table configured (load export files with `costs ingest file`)");
        // The days a pull replaces are analyzed by the analyze stage, which takes every day not analyzed yet.
        var result = await (await app.IngestBigQueryAsync(analyze: false, ct)).RunAsync(null, ct);
        return StageOutcome.Done(Stage.Ingest, $"BigQuery: {result.Pull.ReplacedDays.Count} usage day(s) replaced, {result.Pull.Lines} lines",
            [result.Describe()]);
    }

    private async Task<StageOutcome> AnalyzeAsync(CancellationToken ct)
    {
        // Publishing is the next stage, with an outcome of its own.
        var summary = await (await app.AnalyzeAsync(publish: false, ct)).RunPendingAsync(ct);
        return summary.Days == 0
            ? StageOutcome.Done(Stage.Analyze, "every loaded day is analyzed already")
            : StageOutcome.Done(Stage.Analyze, $"{summary.Days} day(s), {summary.Lines} billing lines: {summary.Rows} allocation rows, reconciled to the bill");
    }

    private async Task<StageOutcome> PublishAsync(CancellationToken ct)
    {
        if (await app.PublishAsync(ct) is not { } publish)
            return StageOutcome.Skipped(Stage.Publish, "no Publish:BigQuery configured");
        var result = await publish.RunPendingAsync(ct);
        return result.FailureKind is { } kind
            ? StageOutcome.Failed(Stage.Publish, kind, result.Describe())
            : StageOutcome.Done(Stage.Publish, result.Describe());
    }

    private async Task<StageOutcome> AlertAsync(CancellationToken ct)
    {
        var alerts = await app.AlertsAsync(ct);
        if (await alerts.DetectAsync(null, ct) is not { } detected)
            return StageOutcome.Done(Stage.Alert, "no analyzed days in the store: nothing to judge");
        var delivered = await alerts.DeliverAsync(detected, dryRun: false, ct);
        var lines = detected.Result.Warnings.Select(w => $"warning: {w}")
            .Concat(delivered.Reports.Select(r => $"{r.Key} -> {r.Channel}: {r.State.ToText()} ({r.Detail})")).ToList();
        return delivered.FailureSummary is { } failed
            ? StageOutcome.Failed(Stage.Alert, FailureKind.External, failed, lines)
            : StageOutcome.Done(Stage.Alert, $"{detected.Result.Alerts.Count} alert(s) as of {detected.AsOf:yyyy-MM-dd} judged and delivered once each", lines);
    }

    /// <summary>
    /// The reports that are due. With <paramref name="due"/> (serve: the slot its trigger fired for),
    /// exactly those. Otherwise (run): each configured Schedules:Reports entry whose latest cron slot up
    /// to now has not been e-mailed yet per the ledger; when no report is scheduled, the full report,
    /// mailed (when e-mail is configured) once per report day. Without e-mail the workbooks are written
    /// each time and nothing is sent.
    /// </summary>
    private async Task<StageOutcome> ReportsAsync(IReadOnlyList<DueReport>? due, CancellationToken ct)
    {
        var send = app.Settings.Email.IsConfigured;
        var schedules = app.Settings.Schedules;
        var dir = app.Settings.ReportDirectory;
        var store = await app.StoreAsync(ct);
        if ((await store.ReadBilledDaysAsync(DateRange.Everything, ct)).Count == 0)
            return StageOutcome.Skipped(Stage.Report, "the store holds no analyzed billing data yet");
        var report = await app.ReportAsync(ct);
        if (due is null && schedules.Reports.Count == 0)
        {
            var full = await report.RunAsync(new ReportRequest(null, send, null, null, null, dir), ct);
            return StageOutcome.Done(Stage.Report, full.Describe());
        }

        var lines = new List<string>();
        var failures = new List<string>();
        FailureKind? failKind = null;
        foreach (var r in due ?? DueReports.Now(schedules, app.Clock.GetUtcNow()))
        {
            if (send && due is null && await report.AlreadySentAsync(r.Team, r.SlotKey, ct))
            {
                lines.Add($"{r.Name}: slot {r.SlotKey} already sent");
                continue;
            }
            try
            {
                var done = await report.RunAsync(new ReportRequest(r.Team, send, r.SlotKey, null, null, dir), ct);
                lines.Add($"{r.Name}: {done.Describe()}");
            }
            catch (StageException ex)
            {
                // One report failing (SMTP down, a team without rows) does not stop the others.
                failures.Add($"{r.Name}: {ex.Message}");
                if (failKind is null || ex.Kind == FailureKind.External) failKind = ex.Kind;
            }
        }
        if (failKind is { } kind)
            return StageOutcome.Failed(Stage.Report, kind, string.Join("; ", failures.Concat(lines)));
        return StageOutcome.Done(Stage.Report, lines.Count == 0 ? "no report slot is due" : string.Join("; ", lines));
    }

    private static async Task<StageOutcome> GuardAsync(Stage stage, Func<Task<StageOutcome>> body, CancellationToken ct)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (StageException ex)
        {
            return StageOutcome.Failed(stage, ex.Kind, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException
                                       or HttpRequestException or EmailDeliveryException or SecretException)
        {
            var kind = ex is HttpRequestException or EmailDeliveryException ? FailureKind.External : FailureKind.Failure;
            return StageOutcome.Failed(stage, kind, $"{ex.GetType().Name}: {ex.Message}");
        }
        catch (Exception ex)
        {
            // Unattended: a bug in one stage is reported as that stage's failure, and the others still run.
            return StageOutcome.Failed(stage, FailureKind.Failure, $"unexpected error ({ex.GetType().Name}): {ex.Message}");
        }
    }

    private StageOutcome Logged(StageOutcome o)
    {
        foreach (var line in o.Lines) StageLog.Line(log, o.Stage.ToText(), line);
        switch (o.Status)
        {
            case StageStatus.Done: StageLog.Done(log, o.Stage.ToText(), o.Detail); break;
            case StageStatus.Skipped: StageLog.Skipped(log, o.Stage.ToText(), o.Detail); break;
            case StageStatus.Failed: StageLog.Failed(log, o.Stage.ToText(), o.Failure?.ToString() ?? "", o.Detail); break;
            default: throw new ArgumentOutOfRangeException(nameof(o), o.Status, "Unknown stage status.");
        }
        return o;
    }
}

/// <summary>The run's log messages, source-generated. No message carries a secret.</summary>
internal static partial class StageLog
{
    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Stage {Stage} started")]
    public static partial void Started(ILogger logger, string stage);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Stage {Stage} done: {Detail}")]
    public static partial void Done(ILogger logger, string stage, string detail);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Stage {Stage} skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string stage, string reason);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Stage {Stage} failed ({Kind}): {Reason}")]
    public static partial void Failed(ILogger logger, string stage, string kind, string reason);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "{Stage}: {Line}")]
    public static partial void Line(ILogger logger, string stage, string line);
}

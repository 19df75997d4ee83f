using Costs.Cli;
using Costs.Logging;
using Costs.CostApplication.Settings;
using Costs.CostApplication.Stages;
using Costs.CostWeb;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Costs.Scheduling;

/// <summary>Where `serve` jobs get their configuration and store from: a fresh context per job.</summary>
internal sealed record ServeSettings(CliEnvironment Environment, string? ConfigPath, string? StoreOverride)
{
    public CliContext CreateContext() => CliContext.Create(Environment, ConfigPath, StoreOverride);
}

/// <summary>
/// The `serve` host: one ASP.NET Core application that runs Kestrel (the pages, /metrics and the probes of
/// <see cref="CostWebApp"/>, section Http) and Quartz (AddQuartz + AddQuartzHostedService) side by side: one
/// cron trigger per <see cref="ScheduledJob"/>, a thread pool of one so that no two jobs ever run at once,
/// and the run lock per job so that a `costs run` beside it does not overlap either.
/// </summary>
internal static class ServeHost
{
    public const string StageKey = "stage";
    public const string ReportKey = "report";
    public const string TeamKey = "team";

    public static async Task<int> RunAsync(ServeSettings settings, SchedulePlan plan, HttpOptions http, CostsLogging logging, CancellationToken ct)
    {
        var log = logging.Factory.CreateLogger("Costs.Serve");
        // The empty builder reads no appsettings.json and no ASPNETCORE_ variables: `costs` configuration only.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new NonDisposingProvider(logging.Provider));
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSingleton(settings);
        builder.Services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(1);
            foreach (var job in plan.Jobs)
            {
                q.AddJob<StageJob>(j =>
                {
                    j.WithIdentity(job.Name).UsingJobData(StageKey, job.Stage.ToText()).DisallowConcurrentExecution(true);
                    if (job.ReportName is { } report) j.UsingJobData(ReportKey, report);
                    if (job.Team is { } team) j.UsingJobData(TeamKey, team);
                });
                q.AddTrigger(t => t.ForJob(job.Name).WithIdentity(job.Name + "-trigger")
                    .WithCronSchedule(job.Cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            }
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.AddCostWeb(http, () => settings.CreateContext().App);

        foreach (var job in plan.Jobs) Log.Scheduled(log, job.Name, job.Cron);
        foreach (var not in plan.NotScheduled) Log.NotScheduled(log, not.Stage.ToText(), not.Reason);
        await using var host = builder.Build();
        host.UseCostWeb();
        await host.StartAsync(ct);
        foreach (var address in host.Addresses()) Log.Listening(log, address);
        Log.Serving(log, plan.Jobs.Count);
        await host.WaitForShutdownAsync(ct);
        Log.Stopped(log);
        return ExitCodes.Ok;
    }

    /// <summary>The host disposes its providers; the shared one belongs to the verb.</summary>
    private sealed class NonDisposingProvider(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// One scheduled stage. It takes the run lock (skipping the firing when a `costs run` holds it), opens
/// its own context on the shared store, runs the same pipeline method as `costs run`, and logs the
/// outcome once. A failure never stops the scheduler: the next firing tries again.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class StageJob(ServeSettings settings, ILoggerFactory loggers, IHostApplicationLifetime lifetime) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken jobToken)
    {
        // Shutdown (SIGTERM) cancels the stage in progress, not only the jobs still to come.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(jobToken, lifetime.ApplicationStopping);
        var cancellationToken = linked.Token;
        var log = loggers.CreateLogger("Costs.Serve");
        var data = context.MergedJobDataMap;
        var stage = StageNames.Parse(data[ServeHost.StageKey] as string ?? throw new InvalidOperationException($"Job {context.JobDetail.Key.Name} has no stage."));
        var name = context.JobDetail.Key.Name;
        try
        {
            await using var ctx = settings.CreateContext();
            using var runLock = RunLock.TryAcquire(ctx.StorePath);
            if (runLock is null)
            {
                Log.Busy(log, RunLock.PathFor(ctx.StorePath), $"job {name} skips this firing");
                return;
            }
            IReadOnlyList<DueReport>? due = null;
            if (stage == Stage.Report)
            {
                var report = data.TryGetValue(ServeHost.ReportKey, out var r) && r is string rs ? rs : name;
                var team = data.TryGetValue(ServeHost.TeamKey, out var t) ? t as string : null;
                due = [new DueReport(report, team, context.ScheduledFireTimeUtc ?? context.FireTimeUtc)];
            }
            var runner = new StageRunner(ctx.App, log);
            await runner.RunStageAsync(stage, due, cancellationToken);
            // The analysis's days go to BigQuery (when configured) right after it, as in `run`.
            if (stage == Stage.Analyze) await runner.RunStageAsync(Stage.Publish, null, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.Stopping(log, $"job {name} cancelled by shutdown");
        }
        catch (Exception ex) when (ex is CliException or StageException)
        {
            Log.JobFailed(log, name, ex.Message);
        }
    }
}

using System.CommandLine;
using Costs.Logging;
using Costs.CostApplication.Stages;
using Costs.Scheduling;
using Microsoft.Extensions.Logging;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs run`: every stage once (collect, ingest, analyze, alert, due reports), for a Kubernetes CronJob.
/// Holds the run lock beside the store (a second run exits <see cref="ExitCodes.Busy"/>), stops cleanly
/// on SIGTERM, logs JSON lines when its output is not a terminal, and exits non-zero when a stage failed.
/// </summary>
internal static class RunVerb
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("run",
            "Run every stage once: collect (if clusters are configured), ingest (if BigQuery is configured), analyze new days, " +
            "alert, and the reports that are due. For a Kubernetes CronJob; one run at a time per store.");
        command.SetAction(async (parse, ct) =>
        {
            using var logging = CostsLogging.Create(env);
            var log = logging.Factory.CreateLogger("Costs.Run");
            using var signal = new ShutdownSignal(ct);
            await using var context = CliContext.Create(logging.StageEnvironment(env),
                parse.GetValue(CostsCli.ConfigOption), parse.GetValue(CostsCli.StoreOption));
            using var runLock = RunLock.TryAcquire(context.StorePath);
            if (runLock is null)
            {
                Log.Busy(log, RunLock.PathFor(context.StorePath), "this run does nothing");
                throw new CliException(ExitCodes.Busy,
                    $"Another costs run (or a serve job) is working on this store: it holds the lock {RunLock.PathFor(context.StorePath)}. Nothing was done.");
            }
            try
            {
                var outcomes = await new StageRunner(context.App, log).RunAllAsync(signal.Token);
                var code = ExitCodes.Of(outcomes);
                Log.RunFinished(log, outcomes.Count(o => o.Status == StageStatus.Done), outcomes.Count(o => o.Status == StageStatus.Skipped),
                    outcomes.Count(o => o.Status == StageStatus.Failed), code);
                return code;
            }
            catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
            {
                Log.Stopping(log, signal.Received is { } s ? $"{s} received; the stage in progress was cancelled" : "cancelled");
                return 130;
            }
        });
        return command;
    }
}

using System.CommandLine;
using Costs.Logging;
using Costs.Scheduling;
using Microsoft.Extensions.Logging;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs serve`: a long-running Quartz scheduler (for a Deployment) that runs each stage on its cron
/// from the Schedules section, one job at a time, until SIGTERM or Ctrl+C.
/// </summary>
internal static class ServeVerb
{
    public static Command Create(CliEnvironment env)
    {
        var command = new Command("serve",
            "Run the stages on their schedules (config section Schedules; Quartz cron): collect every 5 minutes, ingest hourly, " +
            "analyze and alert daily, reports on their cron; and answer HTTP (config section Http; default 127.0.0.1:8080): " +
            "a page per service at /, Prometheus metrics at /metrics, probes at /healthz and /readyz. Runs until SIGTERM or Ctrl+C.");
        command.SetAction(async (parse, ct) =>
        {
            using var logging = CostsLogging.Create(env);
            using var signal = new ShutdownSignal(ct);
            var settings = new ServeSettings(logging.StageEnvironment(env), parse.GetValue(CostsCli.ConfigOption), parse.GetValue(CostsCli.StoreOption));
            await using (var context = settings.CreateContext())
            {
                var plan = SchedulePlan.From(context.Settings);
                var http = context.Settings.Http;
                // A token file that is configured must be readable now, not at the first request.
                context.Settings.ReadHttpToken();
                return await ServeHost.RunAsync(settings, plan, http, logging, signal.Token);
            }
        });
        return command;
    }
}

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
            "analyze and alert daily, reports on their cron. Runs until SIGTERM or Ctrl+C.");
        command.SetAction(async (parse, ct) =>
        {
            using var logging = CostsLogging.Create(env);
            using var signal = new ShutdownSignal(ct);
            var settings = new ServeSettings(logging.StageEnvironment(env), parse.GetValue(CostsCli.ConfigOption), parse.GetValue(CostsCli.StoreOption));
            await using (var context = settings.CreateContext())
            {
                var plan = SchedulePlan.From(context.Settings);
                return await ServeHost.RunAsync(settings, plan, logging, signal.Token);
            }
        });
        return command;
    }
}

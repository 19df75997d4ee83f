using System.CommandLine;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs alert [--dry-run] [--as-of DAY]`: detects alerts in the analyzed allocations, routes them to
/// channels, delivers each (alert, channel) once through the ledger, and prints what happened.
/// Exit code <see cref="ExitCodes.External"/> when any delivery failed.
/// </summary>
internal static class AlertVerb
{
    private static readonly Option<bool> DryRunOption = new("--dry-run")
    {
        Description = "Print the alerts and the payloads that would be posted; send nothing, record nothing.",
    };

    private static readonly Option<DateOnly?> AsOfOption =
        DayOption.Create("--as-of", "The day to judge (yyyy-MM-dd). Default: the last analyzed day in the store.");

    public static Command Create(CliEnvironment env)
    {
        var command = new Command("alert", "Detect budget, anomaly, unallocated and commitment alerts and post them to chat, once each.");
        command.Options.Add(DryRunOption);
        command.Options.Add(AsOfOption);
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async ctx =>
        {
            var alerts = await ctx.App.AlertsAsync(parse.GetValue(DryRunOption), ct);
            if (await alerts.DetectAsync(parse.GetValue(AsOfOption), ct) is not { } detected)
            {
                await ctx.Out.WriteLineAsync("No analyzed days in the store: nothing to judge. Run `costs ingest` first.");
                return ExitCodes.Ok;
            }
            var delivered = await alerts.DeliverAsync(detected, parse.GetValue(DryRunOption), ct);
            await AlertsOutput.PrintAsync(ctx, delivered);
            if (delivered.FailureSummary is { } failed) throw new CliException(ExitCodes.External, failed);
            return ExitCodes.Ok;
        }));
        return command;
    }
}

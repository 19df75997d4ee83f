using System.CommandLine;
using Costs.CostApplication.Sample;
using Costs.CostIngest.Sample;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs generate-samples` (hidden, for benchmarks): a big organisation's cluster samples, saved straight into
/// the store as `costs collect` would have saved them. The fleet is the one `costs generate --clusters --nodes` bills.
/// </summary>
internal static class GenerateSamplesVerb
{
    public static Command Create(CliEnvironment env)
    {
        var clusters = new Option<int>("--clusters") { Description = "GKE clusters of the fleet.", DefaultValueFactory = _ => 14 };
        var nodes = new Option<int>("--nodes") { Description = "Node VMs of the fleet.", DefaultValueFactory = _ => 600 };
        var pods = new Option<int>("--pods") { Description = "Pods, dealt over the nodes.", DefaultValueFactory = _ => 10_000 };
        var services = new Option<int>("--services") { Description = "Services the pods belong to (named as `costs generate` names them).", DefaultValueFactory = _ => 1600 };
        var days = new Option<int>("--days") { Description = "How many days of samples, ending yesterday (or --end).", DefaultValueFactory = _ => 30 };
        var interval = new Option<int>("--interval") { Description = "Minutes between two samples of a cluster (it must divide a day).", DefaultValueFactory = _ => 5 };
        var end = DayOption.Create("--end", "The day after the last sampled day (yyyy-MM-dd). Default: today.");
        var command = new Command("generate-samples",
            "Save a big organisation's cluster samples into the store (--store), for benchmarks: every cluster, every --interval minutes.")
        {
            clusters, nodes, pods, services, days, interval, end,
        };
        command.Hidden = true;
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var fleet = GenerateVerb.Fleet(parse.GetValue(clusters), parse.GetValue(nodes));
            if (fleet.Clusters.Count == 0) throw new CliException(ExitCodes.Usage, "--clusters must be at least 1.");
            var (p, s, n, minutes) = (parse.GetValue(pods), parse.GetValue(services), parse.GetValue(days), parse.GetValue(interval));
            if (p < 1) throw new CliException(ExitCodes.Usage, $"--pods must be at least 1, not {p}.");
            if (s < 1) throw new CliException(ExitCodes.Usage, $"--services must be at least 1, not {s}.");
            if (n < 1) throw new CliException(ExitCodes.Usage, $"--days must be at least 1, not {n}.");
            if (minutes < 1 || 1440 % minutes != 0) throw new CliException(ExitCodes.Usage, $"--interval must be a number of minutes that divides a day (5, 10, 60), not {minutes}.");
            var endExclusive = parse.GetValue(end) ?? DateOnly.FromDateTime(env.Clock.GetUtcNow().UtcDateTime);
            var options = new FleetSampleOptions(fleet, p, endExclusive.AddDays(-n), endExclusive, TimeSpan.FromMinutes(minutes), s);
            var (samples, podSamples) = await SampleData.SaveFleetSamplesAsync(await context.StoreAsync(ct), options, ct);
            await context.Out.WriteLineAsync($"Saved {samples:N0} samples of {fleet.Clusters.Count} clusters ({podSamples:N0} pod observations) " +
                $"for {options.Start:yyyy-MM-dd} to {endExclusive.AddDays(-1):yyyy-MM-dd} into {context.StorePath}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

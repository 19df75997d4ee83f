using System.CommandLine;
using System.Globalization;
using Costs.CostIngest.Sample;
using Costs.CostApplication.Sample;

namespace Costs.Cli.Verbs;

/// <summary>`costs generate`: the demo's billing export generator, for tests and benchmarks, up to a big organisation's scale.</summary>
internal static class GenerateVerb
{
    public static Command Create(CliEnvironment env)
    {
        var days = new Option<int>("--days") { Description = "How many days of hourly rows, ending yesterday (or --end).", DefaultValueFactory = _ => 214 };
        var rows = RowsOption();
        var services = new Option<int>("--services") { Description = "How many services (the first 14 are the sample organisation's).", DefaultValueFactory = _ => 14 };
        var clusters = new Option<int>("--clusters")
        {
            Description = "GKE clusters of a big organisation's fleet, spread over europe-west1, us-central1 and asia-southeast1, " +
                "whose node VMs are billed hourly too (beside the demo's two clusters). Default: 0, no fleet.",
        };
        var nodes = new Option<int>("--nodes") { Description = "Node VMs of the fleet, dealt over its clusters (with --clusters).", DefaultValueFactory = _ => 600 };
        var end = DayOption.Create("--end", "The day after the last generated day (yyyy-MM-dd). Default: today.");
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Output file (.jsonl; .gz is not compressed by this verb).", Required = true };
        var command = new Command("generate", "Write a sample Cloud Billing export (newline-delimited JSON, detailed export shape). " +
            "For a big organisation: --services 1600 --clusters 14 --rows 1M.")
        {
            days, rows, services, clusters, nodes, end, seed, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var s = parse.GetValue(services);
            if (s < 1) throw new CliException(ExitCodes.Usage, "--services must be at least 1.");
            var fleet = Fleet(parse.GetValue(clusters), parse.GetValue(nodes));
            var endExclusive = parse.GetValue(end) ?? DateOnly.FromDateTime(env.Clock.GetUtcNow().UtcDateTime);
            var options = new SampleOptions(endExclusive.AddDays(-1), endExclusive, s, parse.GetValue(seed)) { Fleet = fleet };
            var n = parse.GetValue(days);
            if (parse.GetValue(rows) is { } wanted)
            {
                if (parse.GetResult(days) is { Implicit: false }) throw new CliException(ExitCodes.Usage, "Give --days or --rows, not both.");
                n = (int)Math.Ceiling(wanted / (double)SampleBillingGenerator.RowsPerDay(options));
            }
            if (n < 1) throw new CliException(ExitCodes.Usage, "--days must be at least 1.");
            options = options with { Start = endExclusive.AddDays(-n), SpikeDay = endExclusive.AddDays(-1) };
            var path = env.FullPath(parse.GetValue(output)!);
            var existed = File.Exists(path);
            var written = await SampleData.WriteExportAsync(path, options, ct);
            await env.Out.WriteLineAsync($"Wrote {written:N0} rows for {options.Start:yyyy-MM-dd} to {endExclusive.AddDays(-1):yyyy-MM-dd} to {path}" +
                (existed ? " (it replaced the file that was there)." : ""));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The fleet of <c>--clusters</c> and <c>--nodes</c>, or a usage error naming the option.</summary>
    internal static SampleFleet Fleet(int clusters, int nodes)
    {
        if (clusters < 0) throw new CliException(ExitCodes.Usage, $"--clusters must be 0 or more, not {clusters}.");
        if (clusters > 0 && nodes < clusters)
            throw new CliException(ExitCodes.Usage, $"--nodes must be at least --clusters ({clusters}): every cluster has a node; it was {nodes}.");
        return SampleFleet.Create(clusters, nodes);
    }

    /// <summary><c>--rows</c>: a row count such as 250000, 250k, 1M or 4M; the days are as many as reach it.</summary>
    private static Option<long?> RowsOption() => new("--rows")
    {
        Description = "Generate as many whole days as reach this many rows (250000, 250k, 1M, 4M), instead of --days.",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (ParseCount(text) is { } count) return count;
            result.AddError($"--rows: '{text}' is not a row count (a whole number, or one with k or M: 250k, 1M).");
            return null;
        },
    };

    internal static long? ParseCount(string text)
    {
        var multiplier = text.EndsWith('k') || text.EndsWith('K') ? 1_000L : text.EndsWith('M') ? 1_000_000L : 1L;
        var digits = multiplier == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= long.MaxValue / multiplier
            ? n * multiplier
            : null;
    }
}

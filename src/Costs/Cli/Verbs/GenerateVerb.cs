using System.CommandLine;
using Costs.CostIngest.Sample;
using Costs.CostApplication.Sample;

namespace Costs.Cli.Verbs;

/// <summary>`costs generate`: the demo's billing export generator, for tests and benchmarks.</summary>
internal static class GenerateVerb
{
    public static Command Create(CliEnvironment env)
    {
        var days = new Option<int>("--days") { Description = "How many days of hourly rows, ending yesterday (or --end).", DefaultValueFactory = _ => 214 };
        var services = new Option<int>("--services") { Description = "How many services (the first 14 are the sample organisation's).", DefaultValueFactory = _ => 14 };
        var end = DayOption.Create("--end", "The day after the last generated day (yyyy-MM-dd). Default: today.");
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file.", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Output file (.jsonl; .gz is not compressed by this verb).", Required = true };
        var command = new Command("generate", "Write a sample Cloud Billing export (newline-delimited JSON, detailed export shape).")
        {
            days, services, end, seed, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(days);
            var s = parse.GetValue(services);
            if (n < 1) throw new CliException(ExitCodes.Usage, "--days must be at least 1.");
            if (s < 1) throw new CliException(ExitCodes.Usage, "--services must be at least 1.");
            var endExclusive = parse.GetValue(end) ?? DateOnly.FromDateTime(env.Clock.GetUtcNow().UtcDateTime);
            var options = new SampleOptions(endExclusive.AddDays(-n), endExclusive, s, parse.GetValue(seed));
            var path = env.FullPath(parse.GetValue(output)!);
            var existed = File.Exists(path);
            var rows = await SampleData.WriteExportAsync(path, options, ct);
            await env.Out.WriteLineAsync($"Wrote {rows:N0} rows for {options.Start:yyyy-MM-dd} to {endExclusive.AddDays(-1):yyyy-MM-dd} to {path}" +
                (existed ? " (it replaced the file that was there)." : ""));
            return ExitCodes.Ok;
        });
        return command;
    }
}

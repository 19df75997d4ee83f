using System.CommandLine;
using Costs.CostIngest.Files;

namespace Costs.Cli.Verbs;

/// <summary>`costs ingest file PATH...`: billing export files (BigQuery JSON lines, FOCUS CSV, either gzipped).</summary>
internal static class IngestFileVerb
{
    public static Command Create(CliEnvironment env)
    {
        var paths = new Argument<string[]>("path") { Arity = ArgumentArity.OneOrMore, Description = "Billing files: .jsonl/.json/.csv, optionally .gz." };
        var format = new Option<string?>("--format") { Description = "bq-json or focus-csv. Default: detected from the content." };
        format.AcceptOnlyFromAmong("bq-json", "focus-csv");
        var maxBad = new Option<long>("--max-bad-rows") { Description = "How many unreadable rows to keep aside before failing the whole load.", DefaultValueFactory = _ => 0 };
        var noAnalyze = new Option<bool>("--no-analyze") { Description = "Load only; do not analyze the replaced days." };
        var command = new Command("file", "Load billing export files. Each (billing account, usage day) in them replaces what the store held, in one transaction.")
        {
            paths, format, maxBad, noAnalyze,
        };
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var files = parse.GetValue(paths)!.Select(env.FullPath).ToList();
            var fmt = parse.GetValue(format) is { } text ? BillingFileFormats.Parse(text) : (BillingFileFormat?)null;
            return await RunAsync(context, files, fmt, parse.GetValue(maxBad), !parse.GetValue(noAnalyze), ct);
        }, discardNewStoreOnFailure: true));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> files, BillingFileFormat? format,
        long maxBadRows, bool analyze, CancellationToken ct)
    {
        var progress = context.Environment.IsTerminal
            ? new Progress<FileIngestProgress>(p => context.Error.Write($"\r  {Path.GetFileName(p.File)}: {p.Rows:N0} rows, {p.Rejects:N0} rejected "))
            : null;
        var ingest = await context.App.IngestFilesAsync(analyze, ct);
        var done = await ingest.RunAsync(files, format, maxBadRows, progress, ct);
        var result = done.Load;
        if (progress is not null) await context.Error.WriteLineAsync();
        foreach (var skipped in result.Skipped) await context.Error.WriteLineAsync("costs: warning: " + skipped);

        foreach (var reject in result.Rejects.Take(20)) await context.Error.WriteLineAsync("  " + OutputText.Terminal(reject.ToString()));
        if (result.RejectCount > 20) await context.Error.WriteLineAsync($"  … and {result.RejectCount - 20:N0} more.");
        foreach (var type in result.UnknownCreditTypes)
            await context.Error.WriteLineAsync($"costs: warning: unknown credit type '{OutputText.Terminal(type)}' kept as such; please report it.");

        if (!result.Committed)
        {
            throw new CliException(ExitCodes.BadInput,
                $"{result.RejectCount:N0} bad row(s), more than --max-bad-rows {maxBadRows:N0}. Nothing was loaded.");
        }
        await context.Out.WriteLineAsync(
            $"Loaded {result.Lines:N0} billing lines for {result.Days.Count:N0} day(s)" +
            (result.Days.Count > 0 ? $" ({result.Days.Min():yyyy-MM-dd} to {result.Days.Max():yyyy-MM-dd})" : "") +
            (result.RejectCount > 0 ? $"; {result.RejectCount:N0} bad row(s) kept aside in the store's reject table." : "."));
        if (done.Analysis is { } summary) await context.Out.WriteLineAsync(summary.Describe());
        return ExitCodes.OfPublish(done.Analysis);
    }
}

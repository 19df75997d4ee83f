using System.CommandLine;
using Costs.Cli.Verbs;

namespace Costs.Cli;

/// <summary>The `costs` command line: global options, every verb, and the mapping of failures to exit codes.</summary>
public static class CostsCli
{
    public static readonly Option<string?> ConfigOption = new("--config")
    {
        Description = "Configuration file (JSON). Default: $COSTS_CONFIG, else ./costs.json if present.",
        Recursive = true,
    };

    public static readonly Option<string?> StoreOption = new("--store")
    {
        Description = "SQLite store file. Default: Store:Path from the configuration, else ./costs.db.",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken ct = default)
    {
        var root = new RootCommand(
            "Costs: matches every cent of a Google Cloud bill to a service, a team and an environment.\n" +
            "Pipeline: ingest (billing) and collect (clusters) -> analyze (allocation) -> query, report, alert.\n" +
            "Try it: costs demo. Exit codes: 0 ok, 1 failure, 2 usage or configuration, 3 bad input, 4 external\n" +
            "system, 5 would not add up to the bill, 6 another run holds the lock.");
        root.Options.Add(ConfigOption);
        root.Options.Add(StoreOption);
        foreach (var verb in Verbs(env)) root.Subcommands.Add(verb);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            foreach (var error in parse.Errors) await env.Error.WriteLineAsync($"costs: {error.Message}");
            await env.Error.WriteLineAsync("Run `costs --help` (or `costs VERB --help`) for usage.");
            return ExitCodes.Usage;
        }
        var config = new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, ct);
        }
        catch (CliException ex)
        {
            await SayAsync(env, ex.Message);
            return ex.ExitCode;
        }
        catch (CostApplication.Stages.StageException ex)
        {
            await SayAsync(env, ex.Message);
            return ExitCodes.Of(ex.Kind);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await env.Error.WriteLineAsync("costs: cancelled");
            return 130;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await SayAsync(env, ex.Message);
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            // A bug: say so plainly, with the trace for the report.
            await env.Error.WriteLineAsync($"costs: unexpected error ({ex.GetType().Name}): {ex.Message}");
            await env.Error.WriteLineAsync(ex.StackTrace);
            return ExitCodes.Failure;
        }
    }

    /// <summary>A failure's message on standard error, with any control character from the data shown as an escape.</summary>
    private static Task SayAsync(CliEnvironment env, string message) =>
        env.Error.WriteLineAsync("costs: " + string.Join('\n', message.Split('\n').Select(OutputText.Terminal)));

    /// <summary>The verbs, in the order a new user meets them: sources, analysis, results, running, trying it out.</summary>
    private static IEnumerable<Command> Verbs(CliEnvironment env)
    {
        yield return IngestVerb.Create(env);
        yield return CollectVerb.Create(env);
        yield return PricesVerb.Create(env);
        yield return AnalyzeVerb.Create(env);
        yield return QueryVerb.Create(env);
        yield return ExportVerb.Create(env);
        yield return RecommendVerb.Create(env);
        yield return ReportVerb.Create(env);
        yield return AlertVerb.Create(env);
        yield return RunVerb.Create(env);
        yield return ServeVerb.Create(env);
        yield return ConfigCheckVerb.Create(env);
        yield return DemoVerb.Create(env);
        yield return GenerateVerb.Create(env);
        yield return GenerateSamplesVerb.Create(env);
    }

    /// <summary>Runs a verb's body with its context, and disposes the context (and the store) after.</summary>
    /// <param name="discardNewStoreOnFailure">
    /// For a command that changes nothing when it fails (a load, which fails by throwing): a store it made itself is deleted then, so
    /// a failed first load leaves no empty store behind. Not for `run`, whose early stages may have kept data.
    /// </param>
    public static async Task<int> WithContextAsync(ParseResult parse, CliEnvironment env,
        Func<CliContext, Task<int>> body, bool discardNewStoreOnFailure = false)
    {
        await using var context = CliContext.Create(env, parse.GetValue(ConfigOption), parse.GetValue(StoreOption));
        var succeeded = false;
        try
        {
            var exit = await body(context);
            // A body that returns has kept what it loaded, even with a failing exit code (a publish that
            // failed after the load and its analysis were committed).
            succeeded = true;
            return exit;
        }
        finally
        {
            if (!succeeded && discardNewStoreOnFailure) await context.App.DiscardNewStoreAsync();
        }
    }
}

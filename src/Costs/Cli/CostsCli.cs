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
            "Pipeline: ingest (billing) -> analyze (allocation) -> report (workbook) / query.");
        root.Options.Add(ConfigOption);
        root.Options.Add(StoreOption);
        foreach (var verb in Verbs(env)) root.Subcommands.Add(verb);

        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = env.Out, Error = env.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(config, ct);
        }
        catch (CliException ex)
        {
            await env.Error.WriteLineAsync($"costs: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await env.Error.WriteLineAsync("costs: cancelled");
            return 130;
        }
    }

    private static IEnumerable<Command> Verbs(CliEnvironment env)
    {
        yield return IngestVerb.Create(env);
        yield return CollectVerb.Create(env);
    }

    /// <summary>Runs a verb's body with its context, and disposes the context (and the store) after.</summary>
    public static async Task<int> WithContextAsync(ParseResult parse, CliEnvironment env,
        Func<CliContext, Task<int>> body)
    {
        await using var context = CliContext.Create(env, parse.GetValue(ConfigOption), parse.GetValue(StoreOption));
        return await body(context);
    }
}

using System.CommandLine;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs collect [--context NAME]...`: one sample of every configured cluster (or of the named ones),
/// saved compactly in the store. A cluster that fails is reported and the others are still collected;
/// the exit code is Usage when a cluster is configured wrong, else External when any failed.
/// </summary>
internal static class CollectVerb
{
    public static Command Create(CliEnvironment env)
    {
        var contexts = new Option<string[]>("--context")
        {
            Description = "Only this cluster (its Name or its kubeconfig Context); repeatable. " +
                          "A context that no configured cluster names is sampled as a cluster of that name.",
            AllowMultipleArgumentsPerToken = false,
        };
        var collect = new Command("collect", "Sample nodes, pods and usage of the configured Kubernetes clusters into the store.");
        collect.Options.Add(contexts);
        collect.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var result = await (await context.App.CollectAsync(ct)).RunAsync(parse.GetValue(contexts) ?? [], ct);
            foreach (var note in result.Notes) await context.Out.WriteLineAsync(note);
            foreach (var c in result.Collected)
            {
                await context.Out.WriteLineAsync(c.Describe());
                foreach (var note in c.Notes) await context.Out.WriteLineAsync($"  {note}");
            }
            foreach (var failure in result.Failures) await context.Error.WriteLineAsync($"costs: {failure}");
            if (result.FailureSummary is not { } failed) return ExitCodes.Ok;
            await context.Error.WriteLineAsync($"costs: {failed}");
            return result.Misconfigured ? ExitCodes.Usage : ExitCodes.External;
        }));
        return collect;
    }
}

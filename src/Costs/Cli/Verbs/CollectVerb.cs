using System.CommandLine;
using Costs.CostIngest.Kubernetes;
using Costs.CostModel.Store;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs collect [--context NAME]...`: one sample of every configured cluster (or of the named ones),
/// saved compactly in the store. A cluster that fails is reported and the others are still collected;
/// the exit code is Usage when one is configured wrong, else External when any failed.
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
        collect.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env,
            context => RunAsync(context, parse.GetValue(contexts) ?? [], ct)));
        return collect;
    }

    internal static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> only, CancellationToken ct)
    {
        var options = context.Options<KubernetesOptions>(KubernetesOptions.Section);
        var errors = options.Validate();
        if (errors.Count > 0) throw new CliException(ExitCodes.Usage, string.Join(Environment.NewLine, errors));
        var clusters = Select(options.Clusters, only);
        if (clusters.Count == 0)
            throw new CliException(ExitCodes.Usage, "No cluster to collect: add Kubernetes:Clusters to the configuration, or pass --context NAME.");

        var connector = new ClusterConnector(options, context.Environment.Variable, context.Environment.WorkingDirectory, context.Clock);
        var outcomes = await ClusterCollector.CollectAllAsync(clusters, connector.Connect, context.Clock, ct);
        var store = await context.StoreAsync(ct);
        foreach (var o in outcomes)
        {
            if (o.Sample is not { } sample)
            {
                await context.Error.WriteLineAsync($"costs: {o.Error}");
                continue;
            }
            var (newNodes, newPods) = await store.SaveClusterSampleAsync(sample, ct);
            await context.Out.WriteLineAsync(
                $"{o.Cluster}: {sample.Nodes.Count} nodes ({newNodes} new or changed), {sample.Pods.Count} pods ({newPods} new or changed), " +
                (sample.MetricsAvailable ? $"usage of {sample.PodUsage.Count} pods" : "no usage"));
            foreach (var note in o.Notes) await context.Out.WriteLineAsync($"  {note}");
        }
        if (ClusterCollector.Summary(outcomes) is not { } summary) return ExitCodes.Ok;
        await context.Error.WriteLineAsync($"costs: {summary}");
        return outcomes.Any(o => o.Misconfigured) ? ExitCodes.Usage : ExitCodes.External;
    }

    private static List<ClusterOptions> Select(List<ClusterOptions> configured, IReadOnlyList<string> only)
    {
        if (only.Count == 0) return configured;
        return only.Select(name => configured.FirstOrDefault(c => c.Name == name || c.Context == name)
                ?? new ClusterOptions { Name = name, Context = name })
            .DistinctBy(c => c.Name).ToList();
    }
}

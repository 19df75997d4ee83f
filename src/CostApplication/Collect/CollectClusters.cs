using Costs.CostApplication.Stages;
using Costs.CostIngest.Google;
using Costs.CostIngest.Kubernetes;
using Costs.CostModel.Store;

namespace Costs.CostApplication.Collect;

/// <summary>One cluster's sample as saved: its counts, and what the collector noticed.</summary>
public sealed record ClusterCollected(string Cluster, int Nodes, int NewNodes, int Pods, int NewPods, int? PodsWithUsage,
    IReadOnlyList<string> Notes)
{
    public string Describe() =>
        $"{Cluster}: {Nodes} nodes ({NewNodes} new or changed), {Pods} pods ({NewPods} new or changed), " +
        (PodsWithUsage is { } u ? $"usage of {u} pods" : "no usage");
}

/// <summary>What a collection came to: the clusters sampled, each one's outcome, and the sentence on those that failed.</summary>
public sealed record CollectResult(IReadOnlyList<ClusterCollected> Collected, IReadOnlyList<ClusterOutcome> Outcomes)
{
    /// <summary>What discovery noticed: clusters left out (not RUNNING, a configured name), zones that did not answer.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>One line for each cluster that failed.</summary>
    public IReadOnlyList<string> Failures => Outcomes.Where(o => !o.Succeeded).Select(o => o.Error ?? $"{o.Cluster}: failed").ToList();

    /// <summary>The sentence for a collection with failures; null when every cluster was sampled.</summary>
    public string? FailureSummary => ClusterCollector.Summary(Outcomes);

    /// <summary>Some cluster failed because how to reach it is configured wrong (not an outage).</summary>
    public bool Misconfigured => Outcomes.Any(o => o.Misconfigured);
}

/// <summary>
/// The collect use case: one sample of every configured cluster (or of the named ones), saved compactly
/// in the store, and of every GKE cluster Kubernetes:Discover finds (reached with <paramref name="googleTokens"/>).
/// A cluster that fails is reported and the others are still collected.
/// </summary>
public sealed class CollectClusters(CostStore store, KubernetesOptions options, AppEnvironment environment,
    IAccessTokenSource? googleTokens = null)
{
    /// <param name="only">Cluster names or kubeconfig contexts; empty: every configured cluster. A context no cluster names is sampled as a cluster of that name.</param>
    public async Task<CollectResult> RunAsync(IReadOnlyList<string> only, CancellationToken ct)
    {
        var plan = googleTokens is not null
            ? await FleetDiscovery.PlanAsync(options, googleTokens, environment.Clock, ct)
            : FleetDiscovery.Merge(options.Clusters, new([], []));
        var clusters = Select(plan.Clusters, only);
        if (clusters.Count == 0)
            throw new StageException(FailureKind.Configuration,
                "No cluster to collect: add Kubernetes:Clusters or Kubernetes:Discover to the configuration, or pass --context NAME.");

        var connector = new ClusterConnector(options, environment.Variable, environment.WorkingDirectory, environment.Clock);
        var outcomes = await ClusterCollector.CollectAllAsync(clusters,
            c => googleTokens is not null && plan.Discovered.TryGetValue(c.Name, out var d) && c.Context is null && !c.InCluster
                ? connector.Connect(d, googleTokens) : connector.Connect(c),
            environment.Clock, ct);
        // Every cluster's sample in one transaction, with the store's prepared statements.
        var sampled = outcomes.Where(o => o.Sample is not null).ToList();
        IReadOnlyList<(int NewNodes, int NewPods)> counts;
        try
        {
            counts = await store.SaveClusterSamplesAsync(sampled.Select(o => o.Sample!), ct);
        }
        catch (SampleOrderException ex)
        {
            throw new StageException(FailureKind.BadInput, ex.Message + " Nothing was saved.", ex);
        }
        var collected = sampled.Select((o, i) => new ClusterCollected(o.Cluster, o.Sample!.Nodes.Count, counts[i].NewNodes,
            o.Sample.Pods.Count, counts[i].NewPods, o.Sample.MetricsAvailable ? o.Sample.PodUsage.Count : null, o.Notes)).ToList();
        return new CollectResult(collected, outcomes) { Notes = plan.Notes };
    }

    private static List<ClusterOptions> Select(IReadOnlyList<ClusterOptions> configured, IReadOnlyList<string> only)
    {
        if (only.Count == 0) return configured.ToList();
        return only.Select(name => configured.FirstOrDefault(c => c.Name == name || c.Context == name)
                ?? new ClusterOptions { Name = name, Context = name })
            .DistinctBy(c => c.Name).ToList();
    }
}

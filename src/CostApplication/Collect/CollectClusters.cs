using Costs.CostApplication.Stages;
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

/// <summary>What a collection came to: the clusters sampled, and one line for each that failed.</summary>
public sealed record CollectResult(IReadOnlyList<ClusterCollected> Collected, IReadOnlyList<string> Failures)
{
    public int Tried => Collected.Count + Failures.Count;

    /// <summary>The sentence for a collection with failures; null when every cluster was sampled.</summary>
    public string? FailureSummary => Failures.Count == 0 ? null
        : Tried == 1 ? "The cluster could not be collected."
        : Failures.Count == Tried ? $"None of the {Tried} clusters could be collected."
        : $"{Failures.Count} of {Tried} clusters failed; the others were collected.";
}

/// <summary>
/// The collect use case: one sample of every configured cluster (or of the named ones), saved compactly
/// in the store. A cluster that fails is reported and the others are still collected.
/// </summary>
public sealed class CollectClusters(CostStore store, KubernetesOptions options, AppEnvironment environment, IProcessRunner runner)
{
    /// <param name="only">Cluster names or kubeconfig contexts; empty: every configured cluster. A context no cluster names is sampled as a cluster of that name.</param>
    public async Task<CollectResult> RunAsync(IReadOnlyList<string> only, CancellationToken ct)
    {
        var clusters = Select(options.Clusters, only);
        if (clusters.Count == 0)
            throw new StageException(FailureKind.Configuration,
                "No cluster to collect: add Kubernetes:Clusters to the configuration, or pass --context NAME.");

        var kubeconfig = new Lazy<KubeConfig>(() => KubeConfig.Load(KubeconfigPath()));
        var targets = clusters.Select(c => (c, (Func<IKubernetesApi>)(() =>
        {
            var connection = c.InCluster
                ? InCluster.Connect(c.Name, environment.Variable, environment.Clock)
                : kubeconfig.Value.Connect(c.Context, runner, environment.Clock);
            return new KubeApiClient(new KubeConnection
            {
                Name = c.Name, Context = connection.Context, Server = connection.Server, CertificateAuthority = connection.CertificateAuthority,
                InsecureSkipTlsVerify = connection.InsecureSkipTlsVerify, TlsServerName = connection.TlsServerName,
                ClientCertificate = connection.ClientCertificate, Token = connection.Token,
            }, options.PageSize, options.RequestTimeout);
        }))).ToList();

        var outcomes = await ClusterCollector.CollectAllAsync(targets, environment.Clock, ct);
        var collected = new List<ClusterCollected>();
        var failures = new List<string>();
        foreach (var o in outcomes)
        {
            if (o.Sample is not { } sample)
            {
                failures.Add(o.Error ?? $"{o.Cluster}: failed");
                continue;
            }
            var (newNodes, newPods) = await store.SaveClusterSampleAsync(sample, ct);
            collected.Add(new ClusterCollected(o.Cluster, sample.Nodes.Count, newNodes, sample.Pods.Count, newPods,
                sample.MetricsAvailable ? sample.PodUsage.Count : null, o.Notes));
        }
        return new CollectResult(collected, failures);
    }

    private static List<ClusterOptions> Select(List<ClusterOptions> configured, IReadOnlyList<string> only)
    {
        if (only.Count == 0) return configured;
        return only.Select(name => configured.FirstOrDefault(c => c.Name == name || c.Context == name)
                ?? new ClusterOptions { Name = name, Context = name })
            .DistinctBy(c => c.Name).ToList();
    }

    private string KubeconfigPath()
    {
        if (!string.IsNullOrEmpty(options.Kubeconfig)) return environment.FullPath(options.Kubeconfig);
        if (environment.Variable("KUBECONFIG") is { Length: > 0 } fromEnv)
            return environment.FullPath(fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)[0]);
        var home = environment.Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".kube", "config");
    }
}

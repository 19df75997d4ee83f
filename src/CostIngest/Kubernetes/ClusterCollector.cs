using Costs.CostModel.Clusters;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// The outcome of sampling one cluster: a sample and notes, or the one-line reason it failed.
/// <paramref name="Misconfigured"/>: it failed because how to reach it is configured wrong (not an outage).
/// </summary>
public sealed record ClusterOutcome(string Cluster, ClusterSample? Sample, IReadOnlyList<string> Notes, string? Error, bool Misconfigured = false)
{
    public bool Succeeded => Error is null;
}

/// <summary>Takes one sample of a cluster through its API (load), then builds the sample (pure).</summary>
public static class ClusterCollector
{
    public static async Task<(ClusterSample Sample, IReadOnlyList<string> Notes)> CollectAsync(IKubernetesApi api,
        string cluster, string? environment, TimeProvider clock, CancellationToken ct)
    {
        var takenAt = clock.GetUtcNow();
        var nodes = await api.ListNodesAsync(ct);
        var pods = await api.ListPodsAsync(ct);
        var replicaSets = await api.ListReplicaSetsAsync(ct);
        var jobs = await api.ListJobsAsync(ct);
        var namespaces = await api.ListNamespacesAsync(ct);
        var podMetrics = await api.ListPodMetricsAsync(ct);
        var nodeMetrics = podMetrics is null ? null : await api.ListNodeMetricsAsync(ct);
        var notes = new List<string>();
        if (podMetrics is null)
            notes.Add($"Cluster '{cluster}': metrics.k8s.io is not served (no metrics-server?): weights use requests only.");
        var sample = SampleBuilder.Build(cluster, environment, takenAt, nodes, pods, replicaSets, jobs, podMetrics, nodeMetrics) with
        {
            Namespaces = SampleBuilder.Namespaces(namespaces),
        };
        return (sample, notes);
    }

    /// <summary>
    /// Samples every cluster in turn, each through the client <paramref name="connect"/> gives (a
    /// <see cref="ClusterConnector"/>'s Connect). One that cannot be reached, refuses, or is configured wrong does
    /// not stop the others: its outcome carries the reason. Cancellation is not a failure of a cluster and propagates.
    /// </summary>
    public static async Task<IReadOnlyList<ClusterOutcome>> CollectAllAsync(IEnumerable<ClusterOptions> clusters,
        Func<ClusterOptions, IKubernetesApi> connect, TimeProvider clock, CancellationToken ct)
    {
        var outcomes = new List<ClusterOutcome>();
        foreach (var options in clusters)
        {
            try
            {
                var api = connect(options);
                try
                {
                    var (sample, notes) = await CollectAsync(api, options.Name, options.Environment, clock, ct);
                    outcomes.Add(new ClusterOutcome(options.Name, sample, notes, null));
                }
                finally
                {
                    (api as IDisposable)?.Dispose();
                }
            }
            catch (KubernetesException ex)
            {
                outcomes.Add(new ClusterOutcome(options.Name, null, [], ex.Message));
            }
            catch (KubernetesConfigurationException ex)
            {
                outcomes.Add(new ClusterOutcome(options.Name, null, [], ex.Message, Misconfigured: true));
            }
        }
        return outcomes;
    }

    /// <summary>One sentence on what was not collected, in words that fit the count; null when every cluster was.</summary>
    public static string? Summary(IReadOnlyList<ClusterOutcome> outcomes)
    {
        var failed = outcomes.Where(o => !o.Succeeded).Select(o => o.Cluster).ToList();
        return (failed.Count, outcomes.Count) switch
        {
            (0, _) => null,
            (1, 1) => $"Cluster '{failed[0]}' was not collected.",
            var (f, n) when f == n => $"None of the {n} clusters was collected.",
            (1, var n) => $"1 of {n} clusters was not collected ('{failed[0]}'); the others were.",
            var (f, n) => $"{f} of {n} clusters were not collected ({string.Join(", ", failed.Select(c => $"'{c}'"))}); the others were.",
        };
    }
}

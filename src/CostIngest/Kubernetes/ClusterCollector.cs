using Costs.CostModel.Clusters;

namespace Costs.CostIngest.Kubernetes;

/// <summary>The outcome of sampling one cluster: a sample and notes, or the one-line reason it failed.</summary>
public sealed record ClusterOutcome(string Cluster, ClusterSample? Sample, IReadOnlyList<string> Notes, string? Error)
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
        var podMetrics = await api.ListPodMetricsAsync(ct);
        var nodeMetrics = podMetrics is null ? null : await api.ListNodeMetricsAsync(ct);
        var notes = new List<string>();
        if (podMetrics is null)
            notes.Add($"Cluster '{cluster}': metrics.k8s.io is not served (no metrics-server?): weights use requests only.");
        var sample = SampleBuilder.Build(cluster, environment, takenAt, nodes, pods, replicaSets, jobs, podMetrics, nodeMetrics);
        return (sample, notes);
    }

    /// <summary>
    /// Samples every cluster in turn. One that cannot be reached, or refuses, does not stop the others:
    /// its outcome carries the reason. Cancellation is not a failure of a cluster and propagates.
    /// </summary>
    public static async Task<IReadOnlyList<ClusterOutcome>> CollectAllAsync(IEnumerable<(ClusterOptions Cluster, Func<IKubernetesApi> Connect)> clusters,
        TimeProvider clock, CancellationToken ct)
    {
        var outcomes = new List<ClusterOutcome>();
        foreach (var (options, connect) in clusters)
        {
            try
            {
                var api = connect();
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
        }
        return outcomes;
    }
}

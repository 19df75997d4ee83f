using k8s.Models;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// The reads that collect makes of one cluster: the seam to the Kubernetes API. The objects are
/// KubernetesClient's models; each list is complete (every page).
/// </summary>
public interface IKubernetesApi
{
    string Name { get; }
    Task<IReadOnlyList<V1Node>> ListNodesAsync(CancellationToken ct);
    Task<IReadOnlyList<V1Pod>> ListPodsAsync(CancellationToken ct);
    Task<IReadOnlyList<V1ReplicaSet>> ListReplicaSetsAsync(CancellationToken ct);
    Task<IReadOnlyList<V1Job>> ListJobsAsync(CancellationToken ct);
    /// <summary>The Namespace objects, for the owners their labels name.</summary>
    Task<IReadOnlyList<V1Namespace>> ListNamespacesAsync(CancellationToken ct);
    /// <summary>Null when the cluster does not serve metrics.k8s.io (404: no metrics-server).</summary>
    Task<IReadOnlyList<PodMetrics>?> ListPodMetricsAsync(CancellationToken ct);
    /// <summary>Null when the cluster does not serve metrics.k8s.io (404: no metrics-server).</summary>
    Task<IReadOnlyList<NodeMetrics>?> ListNodeMetricsAsync(CancellationToken ct);
}

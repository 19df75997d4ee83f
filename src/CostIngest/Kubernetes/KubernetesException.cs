namespace Costs.CostIngest.Kubernetes;

/// <summary>A Kubernetes API or credential failure, with one clear line that names the cluster and what failed.</summary>
public sealed class KubernetesException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// A cluster failed: unreachable, refused the credentials or the request, or its credential plugin failed.
/// One clear line that names the cluster and what failed. Retrying later may help.
/// </summary>
public sealed class KubernetesException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}

/// <summary>
/// How to reach a cluster is configured wrong: no kubeconfig file, a file that is not a kubeconfig, an
/// unknown context, cluster or user, a server that is not a URL, an unreadable certificate. Retrying does
/// not help; someone must fix the configuration (the CLI exits 2, not 4).
/// </summary>
public sealed class KubernetesConfigurationException(string message, Exception? inner = null) : Exception(message, inner);

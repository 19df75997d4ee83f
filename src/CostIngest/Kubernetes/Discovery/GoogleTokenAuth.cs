using System.Net.Http.Headers;
using Costs.CostIngest.Google;
using k8s.Authentication;

namespace Costs.CostIngest.Kubernetes.Discovery;

/// <summary>
/// A GKE cluster's bearer token: a Google access token (scope cloud-platform), as gke-gcloud-auth-plugin gives
/// kubectl. Asked for on every request; the token source caches it and refreshes it before it expires. A
/// token that cannot be had is a <see cref="KubernetesException"/> naming the cluster.
/// </summary>
public sealed class GoogleTokenAuth(string cluster, IAccessTokenSource tokens) : ITokenProvider
{
    public async Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(cancellationToken));
        }
        catch (GoogleApiException ex)
        {
            throw new KubernetesException($"Cluster '{cluster}': no Google access token: {ex.Message}", inner: ex);
        }
    }
}

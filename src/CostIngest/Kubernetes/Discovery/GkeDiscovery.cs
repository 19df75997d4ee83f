using Costs.CostIngest.Google;

namespace Costs.CostIngest.Kubernetes.Discovery;

/// <summary>What discovery found: the clusters to collect, and a note for each cluster or zone left out.</summary>
public sealed record Discovered(IReadOnlyList<DiscoveredCluster> Clusters, IReadOnlyList<string> Notes);

/// <summary>
/// Lists the GKE clusters of the configured projects, every location at once:
/// <c>GET {BaseUri}v1/projects/{project}/locations/-/clusters</c>, with a Google access token, retried by the shared
/// pipeline. The principal needs <c>container.clusters.list</c> (roles/container.clusterViewer).
/// </summary>
public static class GkeDiscovery
{
    public static async Task<Discovered> DiscoverAsync(GoogleHttp http, DiscoverOptions options, CancellationToken ct)
    {
        var clusters = new List<DiscoveredCluster>();
        var notes = new List<string>();
        foreach (var project in options.Projects)
        {
            var uri = new Uri(options.BaseUri, $"v1/projects/{Uri.EscapeDataString(project)}/locations/-/clusters");
            using var answer = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), ct);
            var (found, skipped) = GkeClusterList.Read(answer.RootElement, project, options);
            clusters.AddRange(found);
            notes.AddRange(skipped);
        }
        return new Discovered(clusters, notes);
    }

    /// <summary>How a GKE API failure reads: one line that says what to fix.</summary>
    public static string Describe(GoogleErrorInfo error) => error.Error switch
    {
        GoogleApiError.Unauthenticated => $"GKE API: the Google credentials were refused ({error.Message}).",
        GoogleApiError.PermissionDenied =>
            $"GKE API: permission denied listing clusters: grant roles/container.clusterViewer on the project ({error.Message}).",
        GoogleApiError.NotFound => $"GKE API: project not found, or the GKE API is not enabled in it ({error.Message}).",
        GoogleApiError.Unavailable => $"GKE API is unavailable after retries: {error.Message}",
        _ => $"GKE API: {error.Status} {error.StatusText} {error.Message}".TrimEnd(),
    };
}

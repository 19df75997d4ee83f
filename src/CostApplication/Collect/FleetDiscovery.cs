using Costs.CostApplication.Stages;
using Costs.CostIngest.Google;
using Costs.CostIngest.Kubernetes;
using Costs.CostIngest.Kubernetes.Discovery;

namespace Costs.CostApplication.Collect;

/// <summary>The clusters a collection samples: the configured ones and the discovered ones, and how to reach each.</summary>
internal sealed record FleetPlan(IReadOnlyList<ClusterOptions> Clusters, IReadOnlyDictionary<string, DiscoveredCluster> Discovered,
    IReadOnlyList<string> Notes);

/// <summary>
/// Adds the GKE clusters that Kubernetes:Discover finds to the configured ones. A configured cluster of the same
/// name wins (with a note), since its configuration was written on purpose. A GKE API failure fails the stage
/// (Configuration when the role is missing or the project is unknown, else External): without the list, no
/// cluster of that project can be collected.
/// </summary>
internal static class FleetDiscovery
{
    public static async Task<FleetPlan> PlanAsync(KubernetesOptions options, IAccessTokenSource tokens, TimeProvider clock, CancellationToken ct)
    {
        if (!options.Discover.IsConfigured) return new FleetPlan(options.Clusters, new Dictionary<string, DiscoveredCluster>(), []);
        Discovered found;
        using var http = new HttpClient { Timeout = options.Discover.HttpTimeout };
        try
        {
            found = await GkeDiscovery.DiscoverAsync(new GoogleHttp(http, tokens, options.Discover.Retry, clock, GkeDiscovery.Describe),
                options.Discover, ct);
        }
        catch (GoogleApiException ex)
        {
            throw new StageException(ex.Error is GoogleApiError.PermissionDenied or GoogleApiError.NotFound
                ? FailureKind.Configuration : FailureKind.External, ex.Message, ex);
        }
        catch (KubernetesException ex)
        {
            throw new StageException(FailureKind.External, ex.Message, ex);
        }
        return Merge(options.Clusters, found);
    }

    public static FleetPlan Merge(IReadOnlyList<ClusterOptions> configured, Discovered found)
    {
        var clusters = configured.ToList();
        var discovered = new Dictionary<string, DiscoveredCluster>(StringComparer.Ordinal);
        var notes = found.Notes.ToList();
        foreach (var cluster in found.Clusters)
        {
            if (configured.Any(c => c.Name == cluster.Name))
            {
                notes.Add($"GKE cluster '{cluster.Name}' ({cluster.Project}/{cluster.Location}) is also configured in Kubernetes:Clusters: the configured one is collected.");
                continue;
            }
            if (!discovered.TryAdd(cluster.Name, cluster))
            {
                var first = discovered[cluster.Name];
                notes.Add($"GKE cluster name '{cluster.Name}' is used in {first.Project}/{first.Location} and {cluster.Project}/{cluster.Location}: " +
                    "only the first is collected (configure the other under another Name).");
                continue;
            }
            clusters.Add(new ClusterOptions { Name = cluster.Name });
        }
        return new FleetPlan(clusters, discovered, notes);
    }
}

using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Costs.CostIngest.Kubernetes.Discovery;

/// <summary>
/// A GKE cluster found by discovery: its GKE name (the billing export's <c>goog-k8s-cluster-name</c>), where it
/// lives, the server to call (its endpoint, or its Connect gateway URL) and its cluster CA (PEM).
/// </summary>
public sealed record DiscoveredCluster(string Name, string Project, string Location, Uri Server, string? CaPem,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// Reads a <c>projects.locations.clusters.list</c> answer (<c>{"clusters":[{name, location, status, endpoint,
/// masterAuth.clusterCaCertificate (base64 PEM), resourceLabels, fleet.membership}], "missingZones":[…]}</c>)
/// into the clusters to collect, with a note for each one skipped: pure, no I/O.
/// </summary>
public static partial class GkeClusterList
{
    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectId();

    public static bool IsProjectId(string? project) => project is not null && ProjectId().IsMatch(project);

    /// <summary>The clusters of <paramref name="project"/> in <paramref name="list"/> that pass the filters, and a note per cluster or zone left out.</summary>
    public static (IReadOnlyList<DiscoveredCluster> Clusters, IReadOnlyList<string> Notes) Read(JsonElement list, string project,
        DiscoverOptions options)
    {
        var clusters = new List<DiscoveredCluster>();
        var notes = new List<string>();
        var names = options.Names is { } glob ? Glob(glob) : null;
        if (list.TryGetProperty("missingZones", out var missing) && missing.ValueKind == JsonValueKind.Array && missing.GetArrayLength() > 0)
            notes.Add($"GKE project '{project}': zones {string.Join(", ", missing.EnumerateArray().Select(z => z.ToString()))} did not answer; their clusters are not collected.");
        if (!list.TryGetProperty("clusters", out var items)) return (clusters, notes); // a project without clusters has no "clusters"
        if (items.ValueKind != JsonValueKind.Array) throw Bad(project, "'clusters' is not a list");
        foreach (var item in items.EnumerateArray())
        {
            var name = Text(item, "name") ?? throw Bad(project, "a cluster has no name");
            var location = Text(item, "location") ?? "";
            var labels = Labels(item);
            if (names is not null && !names.IsMatch(name)) continue;
            if (options.Labels.Any(l => !labels.TryGetValue(l.Key, out var v) || v != l.Value)) continue;
            if (Text(item, "status") is var status && status != "RUNNING")
            {
                notes.Add($"GKE cluster '{name}' ({project}/{location}) is {status ?? "of unknown status"}, not RUNNING: not collected.");
                continue;
            }
            var server = options.ConnectGateway ? Gateway(item, options.ConnectGatewayBaseUri) : Endpoint(item);
            if (server is null)
            {
                notes.Add(options.ConnectGateway
                    ? $"GKE cluster '{name}' ({project}/{location}) is not registered to a fleet: it cannot be reached through the Connect gateway."
                    : $"GKE cluster '{name}' ({project}/{location}) has no endpoint: not collected.");
                continue;
            }
            clusters.Add(new DiscoveredCluster(name, project, location, server, CaPem(item, project, name), labels));
        }
        return (clusters, notes);
    }

    /// <summary><c>https://{endpoint}</c>: the control plane's address (private or public, as GKE reports it).</summary>
    private static Uri? Endpoint(JsonElement cluster) =>
        Text(cluster, "endpoint") is { Length: > 0 } endpoint && Uri.TryCreate($"https://{endpoint}/", UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>
    /// <c>{gateway}v1/projects/NUMBER/locations/LOCATION/gkeMemberships/NAME</c>, from the cluster's fleet membership
    /// <c>//gkehub.googleapis.com/projects/NUMBER/locations/LOCATION/memberships/NAME</c>.
    /// </summary>
    internal static Uri? Gateway(JsonElement cluster, Uri gatewayBase)
    {
        if (!cluster.TryGetProperty("fleet", out var fleet) || Text(fleet, "membership") is not { Length: > 0 } membership) return null;
        var path = membership.StartsWith("//", StringComparison.Ordinal) ? membership[(membership.IndexOf('/', 2) + 1)..] : membership;
        var parts = path.Split('/');
        if (parts is not ["projects", { Length: > 0 } number, "locations", { Length: > 0 } location, "memberships", { Length: > 0 } name]) return null;
        return new Uri(gatewayBase, $"v1/projects/{number}/locations/{location}/gkeMemberships/{name}/");
    }

    private static string? CaPem(JsonElement cluster, string project, string name)
    {
        if (!cluster.TryGetProperty("masterAuth", out var auth) || Text(auth, "clusterCaCertificate") is not { Length: > 0 } base64) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw Bad(project, $"cluster '{name}' has a masterAuth.clusterCaCertificate that is not base64");
        }
    }

    private static Dictionary<string, string> Labels(JsonElement cluster)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (cluster.TryGetProperty("resourceLabels", out var l) && l.ValueKind == JsonValueKind.Object)
            foreach (var p in l.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String) labels[p.Name] = p.Value.GetString()!;
        return labels;
    }

    private static string? Text(JsonElement e, string property) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A glob with <c>*</c> (any run) and <c>?</c> (one character), anchored.</summary>
    internal static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static KubernetesException Bad(string project, string what) =>
        new($"GKE API: the cluster list of project '{project}' does not have the documented shape: {what}.");
}

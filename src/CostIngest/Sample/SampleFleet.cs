using System.Security.Cryptography;
using System.Text;

namespace Costs.CostIngest.Sample;

/// <summary>A GKE cluster of the sample fleet: its name, region, project and node VMs.</summary>
public sealed record FleetCluster(string Name, string Environment, string Region, string Project, IReadOnlyList<FleetNode> Nodes);

/// <summary>A node VM of the sample fleet, by the instance name that the export's resource.name carries.</summary>
public sealed record FleetNode(string Name, string Cluster, string Project, string Pool, string MachineType, int Vcpus, int MemoryGiB,
    string Zone, string Region);

/// <summary>
/// The GKE fleet of a big organisation, for benchmarks at scale: <c>clusters</c> clusters spread round-robin
/// over three regions (europe-west1, us-central1, asia-southeast1), every third one a staging cluster, and
/// <c>nodes</c> node VMs dealt over them (n2-standard-8 general pools, every fifth node an n2-highmem-4).
/// Names follow GKE's (<c>gke-{cluster}-{pool}-{8 hex}-{4 chars}</c>), so the billing export's
/// resource.name and the cluster samples' instance names meet. Deterministic: the same counts give the same fleet.
/// </summary>
public sealed record SampleFleet(IReadOnlyList<FleetCluster> Clusters)
{
    /// <summary>The regions, with the name the Compute Engine SKU descriptions use for each.</summary>
    public static readonly IReadOnlyList<(string Region, string SkuName)> Regions =
        [("europe-west1", "Belgium"), ("us-central1", "Americas"), ("asia-southeast1", "Singapore")];

    /// <summary>No fleet: the demo organisation's two clusters only.</summary>
    public static readonly SampleFleet None = new([]);

    /// <summary>Every node VM of every cluster.</summary>
    public IEnumerable<FleetNode> Nodes => Clusters.SelectMany(c => c.Nodes);

    /// <summary>A fleet of <paramref name="clusters"/> clusters and <paramref name="nodes"/> nodes (at least one per cluster).</summary>
    public static SampleFleet Create(int clusters, int nodes)
    {
        if (clusters < 0) throw new ArgumentOutOfRangeException(nameof(clusters), clusters, "The number of clusters cannot be negative.");
        if (clusters == 0) return None;
        if (nodes < clusters) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, $"A fleet of {clusters} clusters needs at least {clusters} nodes.");
        var list = new List<FleetCluster>(clusters);
        for (var c = 0; c < clusters; c++)
        {
            var (region, _) = Regions[c % Regions.Count];
            var environment = c % 3 == 2 ? "staging" : "production";
            var name = $"{(environment == "staging" ? "stg" : "prod")}-{Short(region)}-{c + 1:D2}";
            var project = $"acme-gke-{name}";
            var count = nodes / clusters + (c < nodes % clusters ? 1 : 0);
            var clusterNodes = new List<FleetNode>(count);
            for (var n = 0; n < count; n++)
            {
                var highmem = n % 5 == 4;
                var pool = highmem ? "highmem-pool" : "default-pool";
                var zone = region + "-" + "bcd"[n % 3];
                var node = $"gke-{name}-{pool}-{Hex(name + pool)[..8]}-{Hex(name + n)[..4]}";
                clusterNodes.Add(highmem
                    ? new FleetNode(node, name, project, pool, "n2-highmem-4", 4, 32, zone, region)
                    : new FleetNode(node, name, project, pool, "n2-standard-8", 8, 32, zone, region));
            }
            list.Add(new FleetCluster(name, environment, region, project, clusterNodes));
        }
        return new SampleFleet(list);
    }

    /// <summary>The SKU descriptions' name of a fleet region (Belgium, Americas, Singapore).</summary>
    public static string SkuName(string region) => Regions.First(r => r.Region == region).SkuName;

    private static string Short(string region) => region switch
    {
        "europe-west1" => "euw1",
        "us-central1" => "usc1",
        _ => "ase1",
    };

    internal static string Hex(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToLowerInvariant();
}

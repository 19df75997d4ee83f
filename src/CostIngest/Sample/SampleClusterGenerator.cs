using System.Security.Cryptography;
using System.Text;
using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using static Costs.CostIngest.Sample.SampleOrganisation;

namespace Costs.CostIngest.Sample;

/// <summary>
/// Samples of the sample organisation's production cluster, as `costs collect` would store them: its
/// six nodes (the VMs the billing export bills), the workloads on them with their requests, and usage
/// that follows the same daily traffic as the bill. One sample an hour (collect takes one every few
/// minutes; an hour's samples are averaged, so one is enough for the demo). Deterministic.
/// </summary>
public static class SampleClusterGenerator
{
    private sealed record Workload(string Service, string Namespace, string Kind, int Replicas, decimal Cpu, decimal MemoryGiB,
        decimal CpuUse, decimal MemoryUse, bool HighMem = false, string LabelKey = "app.kubernetes.io/name", bool TeamLabel = true);

    // Requests and how much of them each workload really uses: fraud-check asks for far more than it uses.
    private static readonly Workload[] Workloads =
    [
        new("checkout", "shop", "Deployment", 3, 1m, 2m, 0.55m, 0.70m),
        new("payments-api", "payments", "Deployment", 3, 1m, 2m, 0.45m, 0.65m),
        new("fraud-check", "payments", "Deployment", 2, 2m, 4m, 0.08m, 0.30m),
        new("storefront-web", "shop", "Deployment", 4, 1m, 1m, 0.60m, 0.75m, LabelKey: "app"),
        new("catalog", "shop", "Deployment", 2, 0.5m, 1m, 0.40m, 0.60m),
        new("search", "shop", "StatefulSet", 3, 2m, 8m, 0.50m, 0.85m, HighMem: true),
        new("cart", "shop", "Deployment", 2, 0.5m, 1m, 0.35m, 0.55m, TeamLabel: false),
        new("recommendations", "growth", "Deployment", 2, 1m, 4m, 0.30m, 0.50m),
        new("email-campaigns", "growth", "CronJob", 1, 0.5m, 0.5m, 0.20m, 0.40m),
        new("event-ingest", "data", "Deployment", 2, 1m, 2m, 0.65m, 0.70m),
        new("prometheus", "monitoring", "StatefulSet", 1, 2m, 16m, 0.55m, 0.80m, HighMem: true),
    ];

    public static IEnumerable<ClusterSample> Samples(DateOnly from, DateOnly endExclusive, int seed = 7)
    {
        var random = new Random(seed);
        var nodes = ProdNodes.Select(Node).ToList();
        var pods = Pods().ToList();
        var nodeOf = pods.ToDictionary(p => p.Pod.Uid, p => p.Pod.NodeName);
        for (var day = from; day < endExclusive; day = day.AddDays(1))
        {
            for (var hour = 0; hour < 24; hour++)
            {
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 30)), TimeSpan.Zero);
                var traffic = Traffic(at);
                var usage = pods.Select(p =>
                {
                    var (cpuUse, memUse) = p.Use;
                    var noise = 1m + random.Next(-80, 81) / 1000m;
                    return new ResourceUsage(p.Pod.Uid, Math.Round(p.Pod.CpuRequest * cpuUse * traffic * noise, 3),
                        Math.Round(p.Pod.MemoryRequest * memUse * noise / 1048576m, 0) * 1048576m);
                }).ToList();
                yield return new ClusterSample
                {
                    Cluster = ProdCluster,
                    Environment = "production",
                    TakenAt = at,
                    MetricsAvailable = true,
                    Nodes = nodes,
                    Pods = pods.Select(p => p.Pod).ToList(),
                    PodUsage = usage,
                    NodeUsage = nodes.Select(n => new ResourceUsage(n.Name,
                        usage.Where(u => nodeOf[u.Key] == n.Name).Sum(u => u.Cpu),
                        usage.Where(u => nodeOf[u.Key] == n.Name).Sum(u => u.Memory))).ToList(),
                };
            }
        }
    }

    private static NodeObservation Node(SampleOrganisation.SampleNode n) =>
        Node(n.Name, ProdProject, n.MachineType, n.Pool, n.Zone, n.Vcpus, n.MemoryGiB);

    /// <summary>A GKE node VM as a sample sees it, with the allocatable GKE leaves after its kubelet and system reservations.</summary>
    internal static NodeObservation Node(string name, string project, string machineType, string pool, string zone, int vcpus, int memoryGiB) => new()
    {
        Name = name,
        InstanceName = name,
        ProviderProject = project,
        MachineType = machineType,
        NodePool = pool,
        Zone = zone,
        CpuCapacity = vcpus,
        MemoryCapacity = memoryGiB * 1073741824m,
        // GKE reserves a little of each node for the kubelet and the system.
        CpuAllocatable = vcpus - 0.07m - 0.01m * vcpus,
        MemoryAllocatable = (memoryGiB - 2.5m) * 1073741824m,
        Labels = Labels.Of(("cloud.google.com/gke-nodepool", pool), ("node.kubernetes.io/instance-type", machineType),
            ("topology.kubernetes.io/zone", zone)),
    };

    private static IEnumerable<(PodObservation Pod, (decimal Cpu, decimal Memory) Use)> Pods()
    {
        var general = ProdNodes.Where(n => n.Pool == "default-pool").Select(n => n.Name).ToArray();
        var highmem = ProdNodes.Where(n => n.Pool == "highmem-pool").Select(n => n.Name).ToArray();
        int g = 0, h = 0;
        foreach (var w in Workloads)
        {
            for (var i = 0; i < w.Replicas; i++)
            {
                var name = w.Kind == "StatefulSet" ? $"{w.Service}-{i}" : $"{w.Service}-{Hash(w.Service)[..10]}-{Hash(w.Service + i)[..5]}";
                var team = Services.FirstOrDefault(s => s.Name == w.Service)?.Team ?? "platform";
                var labels = new List<(string, string)> { (w.LabelKey, w.Service) };
                if (w.TeamLabel) labels.Add(("team", team));
                yield return (new PodObservation
                {
                    Uid = Uid(name),
                    Namespace = w.Namespace,
                    Name = name,
                    NodeName = w.HighMem ? highmem[h++ % highmem.Length] : general[g++ % general.Length],
                    Phase = "Running",
                    Workload = $"{w.Kind}/{w.Service}",
                    Labels = Labels.Of(labels.ToArray()),
                    CpuRequest = w.Cpu,
                    MemoryRequest = w.MemoryGiB * 1073741824m,
                }, (w.CpuUse, w.MemoryUse));
            }
        }
        // System workloads: a log shipper on every node and the cluster DNS.
        foreach (var node in ProdNodes)
        {
            var name = $"fluentbit-gke-{Hash(node.Name)[..5]}";
            yield return (new PodObservation
            {
                Uid = Uid(name), Namespace = "kube-system", Name = name, NodeName = node.Name, Phase = "Running",
                Workload = "DaemonSet/fluentbit-gke", Labels = Labels.Of(("k8s-app", "fluentbit-gke")),
                CpuRequest = 0.1m, MemoryRequest = 200m * 1048576m,
            }, (0.6m, 0.5m));
        }
        for (var i = 0; i < 2; i++)
        {
            var name = $"kube-dns-5b8f6c7d9-{Hash("dns" + i)[..5]}";
            yield return (new PodObservation
            {
                Uid = Uid(name), Namespace = "kube-system", Name = name, NodeName = general[i], Phase = "Running",
                Workload = "Deployment/kube-dns", Labels = Labels.Of(("k8s-app", "kube-dns")),
                CpuRequest = 0.26m, MemoryRequest = 110m * 1048576m,
            }, (0.3m, 0.4m));
        }
        // Somebody's debugging pod: no labels, no owner. Its share is unallocated.
        yield return (new PodObservation
        {
            Uid = Uid("debug-shell"), Namespace = "default", Name = "debug-shell", NodeName = general[0], Phase = "Running",
            CpuRequest = 0.25m, MemoryRequest = 256m * 1048576m,
        }, (0.05m, 0.2m));
    }

    /// <summary>The clusters' load over the day and the week (a quarter less at weekends).</summary>
    internal static decimal Traffic(DateTimeOffset t)
    {
        decimal[] byHour = [0.50m, 0.45m, 0.42m, 0.40m, 0.42m, 0.48m, 0.60m, 0.75m, 0.90m, 1.00m, 1.05m, 1.10m,
            1.12m, 1.12m, 1.15m, 1.20m, 1.25m, 1.30m, 1.32m, 1.28m, 1.15m, 0.95m, 0.78m, 0.62m];
        return byHour[t.Hour] * (t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.75m : 1m);
    }

    private static string Hash(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToLowerInvariant();

    private static string Uid(string name)
    {
        var h = Hash("uid:" + name);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
    }
}

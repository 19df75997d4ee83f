using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using k8s.Models;

namespace Costs.CostIngest.Kubernetes;

/// <summary>
/// Turns what the API listed into one <see cref="ClusterSample"/>: no I/O. Node facts come from the
/// well-known labels (instance type, GKE node pool, zone, spot/preemptible) and <c>spec.providerID</c>;
/// a pod's request is what the scheduler reserves, max(Σ containers, max init container) + overhead;
/// a pod's workload is its controller, through its ReplicaSet to a Deployment and its Job to a CronJob.
/// </summary>
public static class SampleBuilder
{
    public static ClusterSample Build(string cluster, string? environment, DateTimeOffset takenAt,
        IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods, IReadOnlyList<V1ReplicaSet> replicaSets,
        IReadOnlyList<V1Job> jobs, IReadOnlyList<PodMetrics>? podMetrics, IReadOnlyList<NodeMetrics>? nodeMetrics)
    {
        var rsOwners = Owners(replicaSets.Select(r => r.Metadata));
        var jobOwners = Owners(jobs.Select(j => j.Metadata));
        var nodeList = nodes.Select(n => Node(cluster, n)).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var podList = pods.Where(p => p.Metadata?.Uid is not null)
            .Select(p => Pod(cluster, p, rsOwners, jobOwners)).OrderBy(p => p.Uid, StringComparer.Ordinal).ToList();

        var uids = podList.ToDictionary(p => (p.Namespace, p.Name), p => p.Uid);
        var podUsage = new List<ResourceUsage>();
        foreach (var m in podMetrics ?? [])
        {
            if (m.Metadata?.Name is not { } name || !uids.TryGetValue((m.Metadata.NamespaceProperty ?? "", name), out var uid)) continue;
            decimal cpu = 0m, memory = 0m;
            foreach (var c in m.Containers ?? [])
            {
                cpu += Get(c.Usage, "cpu", $"{cluster} pod metrics {m.Metadata.NamespaceProperty}/{name}");
                memory += Get(c.Usage, "memory", $"{cluster} pod metrics {m.Metadata.NamespaceProperty}/{name}");
            }
            podUsage.Add(new ResourceUsage(uid, cpu, memory));
        }
        var nodeUsage = (nodeMetrics ?? []).Where(m => m.Metadata?.Name is not null)
            .Select(m => new ResourceUsage(m.Metadata!.Name!, Get(m.Usage, "cpu", $"{cluster} node metrics {m.Metadata.Name}"),
                Get(m.Usage, "memory", $"{cluster} node metrics {m.Metadata.Name}")))
            .ToList();

        return new ClusterSample
        {
            Cluster = cluster, Environment = environment, TakenAt = takenAt,
            MetricsAvailable = podMetrics is not null,
            Nodes = nodeList, Pods = podList, PodUsage = podUsage, NodeUsage = nodeUsage,
        };
    }

    public static NodeObservation Node(string cluster, V1Node node)
    {
        var name = node.Metadata?.Name ?? throw new KubernetesException($"Cluster '{cluster}': a node has no name.");
        var labels = Clean(node.Metadata.Labels);
        var (project, instance) = ParseProviderId(node.Spec?.ProviderID);
        var where = $"{cluster} node {name}";
        return new NodeObservation
        {
            Name = name,
            InstanceName = instance ?? (node.Spec?.ProviderID is null ? name : null),
            ProviderProject = project,
            MachineType = Label(labels, "node.kubernetes.io/instance-type") ?? Label(labels, "beta.kubernetes.io/instance-type"),
            NodePool = Label(labels, "cloud.google.com/gke-nodepool"),
            Zone = Label(labels, "topology.kubernetes.io/zone") ?? Label(labels, "failure-domain.beta.kubernetes.io/zone"),
            Spot = Label(labels, "cloud.google.com/gke-spot") == "true" || Label(labels, "cloud.google.com/gke-preemptible") == "true",
            CpuCapacity = Get(node.Status?.Capacity, "cpu", where),
            MemoryCapacity = Get(node.Status?.Capacity, "memory", where),
            CpuAllocatable = Get(node.Status?.Allocatable ?? node.Status?.Capacity, "cpu", where),
            MemoryAllocatable = Get(node.Status?.Allocatable ?? node.Status?.Capacity, "memory", where),
            Labels = Labels.From(labels),
        };
    }

    /// <summary>Each named namespace with its labels, by name.</summary>
    public static IReadOnlyList<NamespaceObservation> Namespaces(IReadOnlyList<V1Namespace> namespaces) =>
        namespaces.Where(n => n.Metadata?.Name is { Length: > 0 })
            .Select(n => new NamespaceObservation(n.Metadata.Name, Labels.From(Clean(n.Metadata.Labels))))
            .OrderBy(n => n.Name, StringComparer.Ordinal).ToList();

    /// <summary><c>gce://my-project/europe-west1-b/gke-prod-pool-1-abcd</c> → (my-project, gke-prod-pool-1-abcd).</summary>
    public static (string? Project, string? Instance) ParseProviderId(string? providerId)
    {
        const string prefix = "gce://";
        if (providerId is null || !providerId.StartsWith(prefix, StringComparison.Ordinal)) return (null, null);
        var parts = providerId[prefix.Length..].Split('/');
        return parts.Length == 3 && parts.All(p => p.Length > 0) ? (parts[0], parts[2]) : (null, null);
    }

    public static PodObservation Pod(string cluster, V1Pod pod, IReadOnlyDictionary<(string, string), string> replicaSetOwners,
        IReadOnlyDictionary<(string, string), string> jobOwners)
    {
        var meta = pod.Metadata!;
        var ns = meta.NamespaceProperty ?? "default";
        var name = meta.Name ?? meta.Uid!;
        var where = $"{cluster} pod {ns}/{name}";
        var (cpu, memory) = Requests(pod.Spec, where);
        return new PodObservation
        {
            Uid = meta.Uid!,
            Namespace = ns,
            Name = name,
            NodeName = string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName,
            Phase = pod.Status?.Phase ?? "Unknown",
            Workload = Workload(ns, meta.OwnerReferences, replicaSetOwners, jobOwners),
            Labels = Labels.From(Clean(meta.Labels)),
            CpuRequest = cpu,
            MemoryRequest = memory,
        };
    }

    /// <summary>What the scheduler reserves for a pod: max(Σ app and sidecar containers, largest init container) + overhead.</summary>
    public static (decimal Cpu, decimal Memory) Requests(V1PodSpec? spec, string where)
    {
        decimal cpu = 0m, memory = 0m, initCpu = 0m, initMemory = 0m;
        foreach (var c in spec?.Containers ?? [])
        {
            cpu += Get(c.Resources?.Requests, "cpu", where);
            memory += Get(c.Resources?.Requests, "memory", where);
        }
        foreach (var c in spec?.InitContainers ?? [])
        {
            var ic = Get(c.Resources?.Requests, "cpu", where);
            var im = Get(c.Resources?.Requests, "memory", where);
            if (c.RestartPolicy == "Always")
            {
                // A sidecar (restartable init container) runs beside the app containers.
                cpu += ic;
                memory += im;
            }
            else
            {
                initCpu = Math.Max(initCpu, ic);
                initMemory = Math.Max(initMemory, im);
            }
        }
        return (Math.Max(cpu, initCpu) + Get(spec?.Overhead, "cpu", where),
            Math.Max(memory, initMemory) + Get(spec?.Overhead, "memory", where));
    }

    private static string? Workload(string ns, IList<V1OwnerReference>? owners, IReadOnlyDictionary<(string, string), string> replicaSetOwners,
        IReadOnlyDictionary<(string, string), string> jobOwners)
    {
        var owner = Controller(owners);
        if (owner?.Kind is null || owner.Name is null) return null;
        return owner.Kind switch
        {
            "ReplicaSet" when replicaSetOwners.TryGetValue((ns, owner.Name), out var deployment) => deployment,
            "Job" when jobOwners.TryGetValue((ns, owner.Name), out var cronJob) => cronJob,
            _ => $"{owner.Kind}/{owner.Name}",
        };
    }

    /// <summary>(namespace, name) of each ReplicaSet or Job that has a controller → "Kind/name" of that controller.</summary>
    private static Dictionary<(string, string), string> Owners(IEnumerable<V1ObjectMeta?> objects)
    {
        var map = new Dictionary<(string, string), string>();
        foreach (var meta in objects)
        {
            if (meta?.Name is not { } name || Controller(meta.OwnerReferences) is not { Kind: { } kind, Name: { } owner }) continue;
            map[(meta.NamespaceProperty ?? "default", name)] = $"{kind}/{owner}";
        }
        return map;
    }

    private static V1OwnerReference? Controller(IList<V1OwnerReference>? owners) =>
        owners is null or { Count: 0 } ? null : owners.FirstOrDefault(o => o.Controller == true) ?? owners[0];

    private static string? Label(Dictionary<string, string> labels, string key) =>
        labels.TryGetValue(key, out var v) && v is { Length: > 0 } ? v : null;

    /// <summary>Labels without null values (JSON allows them; the API never sends them, but a proxy might).</summary>
    private static Dictionary<string, string> Clean(IDictionary<string, string>? labels) =>
        labels is null ? [] : labels.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>
    /// A quantity as an exact decimal (cores, bytes): KubernetesClient's <see cref="ResourceQuantity.ToDecimal"/> is
    /// exact for every quantity the API server sends (<c>900000000n</c> = 0.9, <c>16777216Ki</c> = 17179869184).
    /// </summary>
    private static decimal Get(IDictionary<string, ResourceQuantity>? resources, string key, string where)
    {
        if (resources is null || !resources.TryGetValue(key, out var quantity) || quantity is null) return 0m;
        try
        {
            return quantity.ToDecimal();
        }
        catch (OverflowException ex)
        {
            throw new KubernetesException($"{where}: {key} {quantity} does not fit a decimal.", inner: ex);
        }
    }
}

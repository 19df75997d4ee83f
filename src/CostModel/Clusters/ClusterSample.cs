using Costs.CostModel.Billing;

namespace Costs.CostModel.Clusters;

/// <summary>
/// One node as a sample saw it. CPU is in cores and memory in bytes, both exact decimals.
/// <see cref="InstanceName"/> is the VM name from <c>spec.providerID</c> (<c>gce://project/zone/instance</c>),
/// which is what the billing export's <c>resource.name</c> carries; <see cref="ProviderProject"/> is the
/// project from the same ID.
/// </summary>
public sealed record NodeObservation
{
    public required string Name { get; init; }
    public string? InstanceName { get; init; }
    public string? ProviderProject { get; init; }
    public string? MachineType { get; init; }
    public string? NodePool { get; init; }
    public string? Zone { get; init; }
    public bool Spot { get; init; }
    public decimal CpuCapacity { get; init; }
    public decimal MemoryCapacity { get; init; }
    public decimal CpuAllocatable { get; init; }
    public decimal MemoryAllocatable { get; init; }
    public Labels Labels { get; init; } = Labels.Empty;
}

/// <summary>
/// One pod as a sample saw it: identity, owner workload (<c>Deployment/name</c>, <c>StatefulSet/name</c>,
/// <c>CronJob/name</c>, …, or null for a bare pod), and the sum of its containers' requests.
/// </summary>
public sealed record PodObservation
{
    public required string Uid { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string? NodeName { get; init; }
    public string Phase { get; init; } = "Unknown";
    public string? Workload { get; init; }
    public Labels Labels { get; init; } = Labels.Empty;
    public decimal CpuRequest { get; init; }
    public decimal MemoryRequest { get; init; }

    /// <summary>Whether the pod holds a place on a node: bound to one and not finished (phase Succeeded or Failed).</summary>
    public bool OccupiesNode => NodeName is not null && Phase is not ("Succeeded" or "Failed");
}

/// <summary>A namespace as a sample saw it: its labels may name the owners (team, environment, service) of its pods.</summary>
public sealed record NamespaceObservation(string Name, Labels Labels);

/// <summary>Usage that metrics.k8s.io reported for one pod (summed over containers) or node.</summary>
public sealed record ResourceUsage(string Key, decimal Cpu, decimal Memory);

/// <summary>
/// One sample of one cluster. <see cref="MetricsAvailable"/> is false when the cluster does not serve
/// metrics.k8s.io; then <see cref="PodUsage"/> and <see cref="NodeUsage"/> are empty and weights fall
/// back to requests. <see cref="PodUsage"/> is keyed by pod UID, <see cref="NodeUsage"/> by node name.
/// </summary>
public sealed record ClusterSample
{
    public required string Cluster { get; init; }
    public string? Environment { get; init; }
    public required DateTimeOffset TakenAt { get; init; }
    public bool MetricsAvailable { get; init; }
    public IReadOnlyList<NodeObservation> Nodes { get; init; } = [];
    public IReadOnlyList<PodObservation> Pods { get; init; } = [];
    public IReadOnlyList<ResourceUsage> PodUsage { get; init; } = [];
    public IReadOnlyList<ResourceUsage> NodeUsage { get; init; } = [];
    public IReadOnlyList<NamespaceObservation> Namespaces { get; init; } = [];
}

/// <summary>
/// A stored node or pod version: the observation and the first and last sample that saw it unchanged.
/// <see cref="Id"/> is the version's row id, which its <see cref="UsageHour"/> rows name.
/// </summary>
public sealed record Seen<T>(string Cluster, T Item, DateTimeOffset FirstSeen, DateTimeOffset LastSeen)
{
    public long Id { get; init; }
}

/// <summary>A stored sample's header: when, which cluster, whether metrics were served.</summary>
public sealed record SampleInstant(long Id, string Cluster, string? Environment, DateTimeOffset TakenAt, bool MetricsAvailable);

/// <summary>A usage value of one pod (by UID) or node (by name) in one sample, as stores before migration 0016 kept it.</summary>
public sealed record SampleUsage(long SampleId, string Key, decimal Cpu, decimal Memory);

/// <summary>
/// What the store holds for a time range, compactly: each node and pod version once with the span
/// of samples that saw it, the samples themselves, and usage summed per version and UTC hour. A node or
/// pod is present in every sample of its cluster taken between its first and last sighting (inclusive).
/// </summary>
public sealed record StoredClusterSamples(
    IReadOnlyList<SampleInstant> Samples,
    IReadOnlyList<Seen<NodeObservation>> Nodes,
    IReadOnlyList<Seen<PodObservation>> Pods,
    IReadOnlyList<UsageHour> PodHours,
    IReadOnlyList<UsageHour> NodeHours)
{
    /// <summary>Each namespace version once, with the span of samples that saw it (migration 0009).</summary>
    public IReadOnlyList<Seen<NamespaceObservation>> Namespaces { get; init; } = [];
}

/// <summary>
/// How a node's idle capacity (or its system overhead) is reported: <see cref="Separate"/> keeps it as
/// its own share (CostKind Idle / Overhead); <see cref="Spread"/> gives it to the workloads by weight.
/// </summary>
public enum ShareMode
{
    Separate,
    Spread,
}

/// <summary>Defaults shared by collection and analysis.</summary>
public static class ClusterDefaults
{
    /// <summary>Namespaces whose pods are shared overhead unless configured otherwise: exact names, or prefixes ending in '*'.</summary>
    public static IReadOnlyList<string> SystemNamespaces { get; } =
        ["kube-system", "kube-public", "kube-node-lease", "gke-*", "gmp-system", "gmp-public", "istio-system", "config-management-system"];
}

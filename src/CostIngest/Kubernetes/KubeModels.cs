using System.Text.Json.Serialization;

namespace Costs.CostIngest.Kubernetes;

// The parts of the Kubernetes API objects that collect reads. Shapes from the Kubernetes API reference
// (v1 Node, Pod, apps/v1 ReplicaSet, batch/v1 Job, meta/v1 ListMeta and Status) and metrics.k8s.io/v1beta1
// (PodMetrics, NodeMetrics). Unknown fields are ignored.

public sealed class KubeList<T>
{
    public string? Kind { get; set; }
    public string? ApiVersion { get; set; }
    public ListMeta? Metadata { get; set; }
    public List<T>? Items { get; set; }
}

public sealed class ListMeta
{
    [JsonPropertyName("continue")] public string? Continue { get; set; }
    public string? ResourceVersion { get; set; }
    public long? RemainingItemCount { get; set; }
}

public sealed class ObjectMeta
{
    public string? Name { get; set; }
    public string? Namespace { get; set; }
    public string? Uid { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public List<OwnerReference>? OwnerReferences { get; set; }
}

public sealed class OwnerReference
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Uid { get; set; }
    public bool? Controller { get; set; }
}

public sealed class KubeNode
{
    public ObjectMeta? Metadata { get; set; }
    public NodeSpec? Spec { get; set; }
    public NodeStatus? Status { get; set; }
}

public sealed class NodeSpec
{
    [JsonPropertyName("providerID")] public string? ProviderId { get; set; }
}

public sealed class NodeStatus
{
    public Dictionary<string, string>? Capacity { get; set; }
    public Dictionary<string, string>? Allocatable { get; set; }
}

public sealed class KubePod
{
    public ObjectMeta? Metadata { get; set; }
    public PodSpec? Spec { get; set; }
    public PodStatus? Status { get; set; }
}

public sealed class PodSpec
{
    public string? NodeName { get; set; }
    public List<Container>? Containers { get; set; }
    public List<Container>? InitContainers { get; set; }
    public Dictionary<string, string>? Overhead { get; set; }
}

public sealed class Container
{
    public string? Name { get; set; }
    public string? RestartPolicy { get; set; }
    public ResourceRequirements? Resources { get; set; }
}

public sealed class ResourceRequirements
{
    public Dictionary<string, string>? Requests { get; set; }
    public Dictionary<string, string>? Limits { get; set; }
}

public sealed class PodStatus
{
    public string? Phase { get; set; }
}

/// <summary>An apps/v1 ReplicaSet or a batch/v1 Job: only its owner matters here.</summary>
public sealed class KubeOwned
{
    public ObjectMeta? Metadata { get; set; }
}

public sealed class PodMetrics
{
    public ObjectMeta? Metadata { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? Window { get; set; }
    public List<ContainerMetrics>? Containers { get; set; }
}

public sealed class ContainerMetrics
{
    public string? Name { get; set; }
    public Dictionary<string, string>? Usage { get; set; }
}

public sealed class NodeMetrics
{
    public ObjectMeta? Metadata { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? Window { get; set; }
    public Dictionary<string, string>? Usage { get; set; }
}

/// <summary>meta/v1 Status, which the API server returns with every error.</summary>
public sealed class KubeStatus
{
    public string? Kind { get; set; }
    public string? Status { get; set; }
    public string? Message { get; set; }
    public string? Reason { get; set; }
    public int? Code { get; set; }
}

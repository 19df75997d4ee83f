using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;

using Costs.CostAnalyzer.Clusters;

namespace Costs.CostAnalyzer.Tests.Clusters;

/// <summary>
/// The integration as it was before migration 0016 (usage per sample), kept as the reference the differential
/// tests hold the present one to. Turns stored samples into hour weights. For each cluster and UTC hour with n samples, a pod's
/// weight is Σ over the samples that saw it of max(request, usage), divided by n: the mean over the
/// samples in which it was present times the fraction of the hour it was present. Nodes the same with
/// capacity. Only pods bound to a node and not finished (phase Succeeded or Failed) count.
/// </summary>
internal static class PodHoursReference
{
    public static (IReadOnlyList<NodeHour> Nodes, IReadOnlyList<PodHourWeight> Pods) Integrate(ReferenceSamples stored)
    {
        var samplesByCluster = stored.Samples.GroupBy(s => s.Cluster, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.TakenAt).ToArray(), StringComparer.Ordinal);
        var perHour = stored.Samples.GroupBy(s => (s.Cluster, Hour(s.TakenAt))).ToDictionary(g => g.Key, g => g.Count());
        var podUsage = stored.PodUsage.ToDictionary(u => (u.SampleId, u.Key));
        var nodeUsage = stored.NodeUsage.ToDictionary(u => (u.SampleId, u.Key));

        var namespaces = stored.Namespaces.GroupBy(n => (n.Cluster, n.Item.Name))
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.FirstSeen).ToArray());
        var nodes = new Dictionary<(string, string, DateTimeOffset), NodeAcc>();
        foreach (var seen in stored.Nodes)
        {
            foreach (var s in Present(samplesByCluster, seen.Cluster, seen.FirstSeen, seen.LastSeen))
            {
                var key = (seen.Cluster, seen.Item.Name, Hour(s.TakenAt));
                if (!nodes.TryGetValue(key, out var acc)) nodes[key] = acc = new NodeAcc(seen.Item, s.Environment);
                acc.Latest = seen.Item;
                var n = seen.Item;
                acc.CpuCapacity += n.CpuCapacity;
                acc.MemoryCapacity += n.MemoryCapacity;
                acc.CpuAllocatable += n.CpuAllocatable;
                acc.MemoryAllocatable += n.MemoryAllocatable;
                if (nodeUsage.TryGetValue((s.Id, n.Name), out var u))
                {
                    acc.CpuUsage = (acc.CpuUsage ?? 0m) + u.Cpu;
                    acc.MemoryUsage = (acc.MemoryUsage ?? 0m) + u.Memory;
                }
            }
        }

        var pods = new Dictionary<(string, string, string, DateTimeOffset), PodAcc>();
        foreach (var seen in stored.Pods)
        {
            var p = seen.Item;
            if (p.NodeName is null || p.Phase is "Succeeded" or "Failed") continue;
            foreach (var s in Present(samplesByCluster, seen.Cluster, seen.FirstSeen, seen.LastSeen))
            {
                var key = (seen.Cluster, p.Uid, p.NodeName, Hour(s.TakenAt));
                if (!pods.TryGetValue(key, out var acc)) pods[key] = acc = new PodAcc(p, s.Environment);
                acc.Latest = p;
                acc.CpuRequest += p.CpuRequest;
                acc.MemoryRequest += p.MemoryRequest;
                if (podUsage.TryGetValue((s.Id, p.Uid), out var u))
                {
                    acc.CpuUsage = (acc.CpuUsage ?? 0m) + u.Cpu;
                    acc.MemoryUsage = (acc.MemoryUsage ?? 0m) + u.Memory;
                    acc.CpuWeight += Math.Max(p.CpuRequest, u.Cpu);
                    acc.MemoryWeight += Math.Max(p.MemoryRequest, u.Memory);
                }
                else
                {
                    acc.CpuWeight += p.CpuRequest;
                    acc.MemoryWeight += p.MemoryRequest;
                }
            }
        }

        var nodeHours = nodes.Select(kv =>
        {
            var (cluster, name, hour) = kv.Key;
            var a = kv.Value;
            decimal count = perHour[(cluster, hour)];
            return new NodeHour
            {
                Cluster = cluster, Environment = a.Environment, Node = name, Hour = hour,
                InstanceName = a.Latest.InstanceName, ProviderProject = a.Latest.ProviderProject, NodePool = a.Latest.NodePool,
                MachineType = a.Latest.MachineType, Zone = a.Latest.Zone, Spot = a.Latest.Spot,
                CpuCapacity = a.CpuCapacity / count, MemoryCapacity = a.MemoryCapacity / count,
                CpuAllocatable = a.CpuAllocatable / count, MemoryAllocatable = a.MemoryAllocatable / count,
                CpuUsage = a.CpuUsage / count, MemoryUsage = a.MemoryUsage / count,
            };
        }).OrderBy(n => n.Cluster, StringComparer.Ordinal).ThenBy(n => n.Hour).ThenBy(n => n.Node, StringComparer.Ordinal).ToList();

        var podHours = pods.Select(kv =>
        {
            var (cluster, _, node, hour) = kv.Key;
            var a = kv.Value;
            decimal count = perHour[(cluster, hour)];
            var p = a.Latest;
            return new PodHourWeight
            {
                Pod = new PodRef(cluster, p.Namespace, p.Name, p.Uid, p.Workload, p.Labels)
                {
                    NamespaceLabels = NamespaceLabels(namespaces, cluster, p.Namespace, hour),
                },
                Node = node, Hour = hour, Environment = a.Environment,
                CpuRequest = a.CpuRequest / count, CpuUsage = a.CpuUsage / count, CpuWeight = a.CpuWeight / count,
                MemoryRequest = a.MemoryRequest / count, MemoryUsage = a.MemoryUsage / count, MemoryWeight = a.MemoryWeight / count,
            };
        }).OrderBy(p => p.Cluster, StringComparer.Ordinal).ThenBy(p => p.Hour).ThenBy(p => p.Node, StringComparer.Ordinal)
          .ThenBy(p => p.Pod.Namespace, StringComparer.Ordinal).ThenBy(p => p.Pod.Pod, StringComparer.Ordinal).ToList();
        return (nodeHours, podHours);
    }

    private static DateTimeOffset Hour(DateTimeOffset t) => PodHours.Hour(t);

    /// <summary>The labels of the namespace version seen last before the end of <paramref name="hour"/> (else its first version).</summary>
    private static Labels NamespaceLabels(Dictionary<(string, string), Seen<NamespaceObservation>[]> namespaces, string cluster, string ns,
        DateTimeOffset hour)
    {
        if (!namespaces.TryGetValue((cluster, ns), out var versions)) return Labels.Empty;
        var end = hour.AddHours(1);
        return (versions.LastOrDefault(v => v.FirstSeen < end) ?? versions[0]).Item.Labels;
    }

    private static IEnumerable<SampleInstant> Present(Dictionary<string, SampleInstant[]> samples, string cluster,
        DateTimeOffset first, DateTimeOffset last)
    {
        if (!samples.TryGetValue(cluster, out var list)) yield break;
        foreach (var s in list)
        {
            if (s.TakenAt < first) continue;
            if (s.TakenAt > last) yield break;
            yield return s;
        }
    }

    private sealed class NodeAcc(NodeObservation latest, string? environment)
    {
        public NodeObservation Latest { get; set; } = latest;
        public string? Environment { get; } = environment;
        public decimal CpuCapacity { get; set; }
        public decimal MemoryCapacity { get; set; }
        public decimal CpuAllocatable { get; set; }
        public decimal MemoryAllocatable { get; set; }
        public decimal? CpuUsage { get; set; }
        public decimal? MemoryUsage { get; set; }
    }

    private sealed class PodAcc(PodObservation latest, string? environment)
    {
        public PodObservation Latest { get; set; } = latest;
        public string? Environment { get; } = environment;
        public decimal CpuRequest { get; set; }
        public decimal MemoryRequest { get; set; }
        public decimal? CpuUsage { get; set; }
        public decimal? MemoryUsage { get; set; }
        public decimal CpuWeight { get; set; }
        public decimal MemoryWeight { get; set; }
    }
}

/// <summary>Samples as stores kept them before migration 0016: versions, and usage per sample.</summary>
internal sealed record ReferenceSamples(
    IReadOnlyList<SampleInstant> Samples,
    IReadOnlyList<Seen<NodeObservation>> Nodes,
    IReadOnlyList<Seen<PodObservation>> Pods,
    IReadOnlyList<SampleUsage> PodUsage,
    IReadOnlyList<SampleUsage> NodeUsage,
    IReadOnlyList<Seen<NamespaceObservation>> Namespaces);

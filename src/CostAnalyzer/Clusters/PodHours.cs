using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>
/// Turns stored samples into hour weights. For each cluster and UTC hour with n samples, a pod's
/// weight is Σ over the samples that saw it of max(request, usage), divided by n: the mean over the
/// samples in which it was present times the fraction of the hour it was present. Nodes the same with
/// capacity. Only pods that occupy a node (bound to one, not finished) count.
/// A version's requests are the same in every sample that saw it, so its sum over an hour is request × the
/// samples it was present in; usage comes summed per version-hour (<see cref="UsageHour"/>), and the samples
/// without metrics weigh their request. Versions of one pod (or node) are taken in the order given: the last
/// one of an hour names it, the first sample of the first one gives its environment.
/// </summary>
public static class PodHours
{
    public static (IReadOnlyList<NodeHour> Nodes, IReadOnlyList<PodHourWeight> Pods) Integrate(StoredClusterSamples stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var timelines = SampleTimeline.Of(stored.Samples);
        return (IntegrateNodes(stored, timelines), PodWeights.Integrate(stored, timelines));
    }

    /// <summary>The start of the UTC hour that <paramref name="t"/> falls in.</summary>
    public static DateTimeOffset Hour(DateTimeOffset t)
    {
        var u = t.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }

    private static List<NodeHour> IntegrateNodes(StoredClusterSamples stored, Dictionary<string, SampleTimeline> timelines)
    {
        var usage = VersionUsage.Of(stored.NodeHours, stored.Nodes.Select(n => n.Id).ToList());
        var result = new List<NodeHour>();
        foreach (var versions in Enumerable.Range(0, stored.Nodes.Count).GroupBy(i => (stored.Nodes[i].Cluster, stored.Nodes[i].Item.Name)))
        {
            var group = new Dictionary<long, NodeAcc>();
            foreach (var i in versions)
            {
                var seen = stored.Nodes[i];
                if (!timelines.TryGetValue(seen.Cluster, out var timeline)) continue;
                var hours = usage.Hours(i);
                var h = 0;
                foreach (var p in timeline.Present(seen.FirstSeen, seen.LastSeen))
                {
                    if (!group.TryGetValue(p.Hour, out var acc)) group[p.Hour] = acc = new NodeAcc(p.Environment, p.Samples);
                    var n = seen.Item;
                    acc.Latest = n;
                    acc.CpuCapacity += n.CpuCapacity * p.Count;
                    acc.MemoryCapacity += n.MemoryCapacity * p.Count;
                    acc.CpuAllocatable += n.CpuAllocatable * p.Count;
                    acc.MemoryAllocatable += n.MemoryAllocatable * p.Count;
                    while (h < hours.Length && hours[h].Hour < p.Hour) h++;
                    if (h < hours.Length && hours[h].Hour == p.Hour && hours[h].Samples > 0)
                    {
                        acc.CpuUsage = (acc.CpuUsage ?? 0m) + hours[h].Cpu;
                        acc.MemoryUsage = (acc.MemoryUsage ?? 0m) + hours[h].Memory;
                    }
                }
            }
            result.AddRange(group.Select(kv => kv.Value.ToNodeHour(versions.Key.Cluster, versions.Key.Name, kv.Key)));
        }
        return result.OrderBy(n => n.Cluster, StringComparer.Ordinal).ThenBy(n => n.Hour).ThenBy(n => n.Node, StringComparer.Ordinal).ToList();
    }

    private sealed class NodeAcc(string? environment, int samples)
    {
        public NodeObservation? Latest { get; set; }
        public decimal CpuCapacity { get; set; }
        public decimal MemoryCapacity { get; set; }
        public decimal CpuAllocatable { get; set; }
        public decimal MemoryAllocatable { get; set; }
        public decimal? CpuUsage { get; set; }
        public decimal? MemoryUsage { get; set; }

        public NodeHour ToNodeHour(string cluster, string name, long hour)
        {
            decimal count = samples;
            var n = Latest!;
            return new NodeHour
            {
                Cluster = cluster, Environment = environment, Node = name, Hour = UsageHour.StartOf(hour),
                InstanceName = n.InstanceName, ProviderProject = n.ProviderProject, NodePool = n.NodePool,
                MachineType = n.MachineType, Zone = n.Zone, Spot = n.Spot,
                CpuCapacity = CpuCapacity / count, MemoryCapacity = MemoryCapacity / count,
                CpuAllocatable = CpuAllocatable / count, MemoryAllocatable = MemoryAllocatable / count,
                CpuUsage = CpuUsage / count, MemoryUsage = MemoryUsage / count,
            };
        }
    }
}

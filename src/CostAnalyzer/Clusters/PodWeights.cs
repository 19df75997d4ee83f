using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>
/// The pod half of <see cref="PodHours.Integrate"/>: one <see cref="PodHourWeight"/> per cluster, pod UID, node
/// and UTC hour, ordered by cluster, hour, node, namespace and pod name (ties in the order the pods were first
/// met). The order is built from integer ranks (the strings are compared once per version, not per pod-hour).
/// </summary>
internal static class PodWeights
{
    public static List<PodHourWeight> Integrate(StoredClusterSamples stored, Dictionary<string, SampleTimeline> timelines)
    {
        var pods = stored.Pods;
        var usage = VersionUsage.Of(stored.PodHours, pods.Select(p => p.Id).ToList());
        var accs = new List<PodAcc>();
        foreach (var versions in Enumerable.Range(0, pods.Count).Where(i => pods[i].Item.OccupiesNode)
                     .GroupBy(i => (pods[i].Cluster, pods[i].Item.Uid)))
        {
            var group = new List<(string Node, Dictionary<long, PodAcc> Hours)>(1);
            foreach (var i in versions)
            {
                if (!timelines.TryGetValue(pods[i].Cluster, out var timeline)) continue;
                Add(group, accs, i, pods[i], timeline, usage.Hours(i));
            }
        }
        return Build(stored, accs);
    }

    /// <summary>
    /// Adds a version's hours to its pod's accumulators, one per node and hour (<paramref name="group"/>: by node, almost
    /// always one, then by hour).
    /// </summary>
    private static void Add(List<(string Node, Dictionary<long, PodAcc> Hours)> group, List<PodAcc> accs, int index, Seen<PodObservation> seen,
        SampleTimeline timeline, ReadOnlySpan<UsageHour> hours)
    {
        var p = seen.Item;
        var onNode = OnNode(group, p.NodeName!);
        var h = 0;
        foreach (var presence in timeline.Present(seen.FirstSeen, seen.LastSeen))
        {
            if (!onNode.TryGetValue(presence.Hour, out var acc))
            {
                onNode[presence.Hour] = acc = new PodAcc(index, presence.Hour, presence.Environment, presence.Samples);
                accs.Add(acc);
            }
            acc.Latest = index;
            // Per sample, weight = max(request, usage) = request + max(0, usage − request); without usage, the request.
            var cpuRequests = p.CpuRequest * presence.Count;
            var memoryRequests = p.MemoryRequest * presence.Count;
            acc.CpuRequest += cpuRequests;
            acc.MemoryRequest += memoryRequests;
            acc.CpuWeight += cpuRequests;
            acc.MemoryWeight += memoryRequests;
            while (h < hours.Length && hours[h].Hour < presence.Hour) h++;
            if (h < hours.Length && hours[h].Hour == presence.Hour && hours[h].Samples > 0)
            {
                var u = hours[h];
                acc.CpuUsage = (acc.CpuUsage ?? 0m) + u.Cpu;
                acc.MemoryUsage = (acc.MemoryUsage ?? 0m) + u.Memory;
                acc.CpuWeight += u.CpuOver;
                acc.MemoryWeight += u.MemoryOver;
            }
        }
    }

    private static Dictionary<long, PodAcc> OnNode(List<(string Node, Dictionary<long, PodAcc> Hours)> group, string node)
    {
        foreach (var (name, hours) in group)
            if (string.Equals(name, node, StringComparison.Ordinal)) return hours;
        var added = new Dictionary<long, PodAcc>();
        group.Add((node, added));
        return added;
    }

    private static List<PodHourWeight> Build(StoredClusterSamples stored, List<PodAcc> accs)
    {
        var pods = stored.Pods;
        var clusters = pods.Select(p => p.Cluster).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var rank = Ranks(pods);
        var minHour = accs.Count == 0 ? 0 : accs.Min(a => a.Hour);
        var keys = new UInt128[accs.Count];
        var order = new int[accs.Count];
        for (var i = 0; i < accs.Count; i++)
        {
            var a = accs[i];
            var high = ((ulong)clusters[pods[a.Latest].Cluster] << 40) | (ulong)(a.Hour - minHour);
            var low = ((ulong)rank[a.Latest] << 32) | (uint)a.CreatedBy;
            keys[i] = new UInt128(high, low);
            order[i] = i;
        }
        Array.Sort(keys, order);

        var namespaces = stored.Namespaces.GroupBy(n => (n.Cluster, n.Item.Name))
            .ToDictionary(g => g.Key, g => g.OrderBy(n => n.FirstSeen).ToArray());
        var namespacesOf = new Seen<NamespaceObservation>[]?[pods.Count];
        var refs = new Dictionary<(int Pod, int Namespace), PodRef>();
        var result = new List<PodHourWeight>(accs.Count);
        foreach (var i in order)
        {
            var a = accs[i];
            var seen = pods[a.Latest];
            var p = seen.Item;
            var hour = UsageHour.StartOf(a.Hour);
            var versions = namespacesOf[a.Latest] ??= namespaces.GetValueOrDefault((seen.Cluster, p.Namespace)) ?? [];
            var nsIndex = Namespace(versions, hour);
            var ns = nsIndex < 0 ? null : versions[nsIndex];
            if (!refs.TryGetValue((a.Latest, nsIndex), out var pod))
                refs[(a.Latest, nsIndex)] = pod = new PodRef(seen.Cluster, p.Namespace, p.Name, p.Uid, p.Workload, p.Labels)
                {
                    NamespaceLabels = ns?.Item.Labels ?? Labels.Empty,
                };
            decimal count = a.Samples;
            result.Add(new PodHourWeight
            {
                Pod = pod, Node = p.NodeName!, Hour = hour, Environment = a.Environment,
                CpuRequest = a.CpuRequest / count, CpuUsage = a.CpuUsage / count, CpuWeight = a.CpuWeight / count,
                MemoryRequest = a.MemoryRequest / count, MemoryUsage = a.MemoryUsage / count, MemoryWeight = a.MemoryWeight / count,
            });
        }
        return result;
    }

    /// <summary>Each version's rank by (node, namespace, pod name), ordinal; equal names share a rank.</summary>
    private static int[] Ranks(IReadOnlyList<Seen<PodObservation>> pods)
    {
        static int Compare(PodObservation a, PodObservation b)
        {
            var c = string.CompareOrdinal(a.NodeName, b.NodeName);
            if (c == 0) c = string.CompareOrdinal(a.Namespace, b.Namespace);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        }
        var sorted = Enumerable.Range(0, pods.Count).ToArray();
        Array.Sort(sorted, (x, y) => Compare(pods[x].Item, pods[y].Item));
        var rank = new int[pods.Count];
        for (var i = 1; i < sorted.Length; i++)
            rank[sorted[i]] = rank[sorted[i - 1]] + (Compare(pods[sorted[i - 1]].Item, pods[sorted[i]].Item) == 0 ? 0 : 1);
        return rank;
    }

    /// <summary>
    /// The index of the namespace version seen last before the end of <paramref name="hour"/> (else its first version);
    /// -1 without one.
    /// </summary>
    private static int Namespace(Seen<NamespaceObservation>[] versions, DateTimeOffset hour)
    {
        if (versions.Length == 0) return -1;
        var end = hour.AddHours(1);
        for (var v = versions.Length - 1; v > 0; v--)
            if (versions[v].FirstSeen < end) return v;
        return 0;
    }

    private sealed class PodAcc(int createdBy, long hour, string? environment, int samples)
    {
        public int CreatedBy { get; } = createdBy;
        public long Hour { get; } = hour;
        public string? Environment { get; } = environment;
        public int Samples { get; } = samples;
        public int Latest { get; set; } = createdBy;
        public decimal CpuRequest { get; set; }
        public decimal MemoryRequest { get; set; }
        public decimal? CpuUsage { get; set; }
        public decimal? MemoryUsage { get; set; }
        public decimal CpuWeight { get; set; }
        public decimal MemoryWeight { get; set; }
    }
}

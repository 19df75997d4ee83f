namespace Costs.CostModel.Clusters;

/// <summary>
/// The usage of one pod or node version (<see cref="VersionId"/>, its <see cref="Seen{T}.Id"/>) over one UTC
/// hour (<see cref="Hour"/>, whole hours since 1970-01-01T00:00Z): how many of the hour's samples had metrics
/// for it, the sums of their usage, and (pods) the sums of max(0, usage − request) per sample: what usage adds
/// to the request in the weight max(request, usage) = request + max(0, usage − request), zero for a pod that
/// stays within its request (so it takes a byte). That is all the allocation needs of usage, so it is what the
/// store keeps (migration 0016): a row per version-hour, however often the cluster is sampled. Node rows leave
/// the overs at zero.
/// </summary>
public readonly record struct UsageHour(long VersionId, long Hour, int Samples, decimal Cpu, decimal Memory, decimal CpuOver, decimal MemoryOver)
{
    private const long SecondsPerHour = 3600;

    /// <summary>The hour number (whole hours since 1970-01-01T00:00Z) that <paramref name="t"/> falls in.</summary>
    public static long HourOf(DateTimeOffset t)
    {
        var seconds = t.ToUnixTimeSeconds();
        return seconds >= 0 ? seconds / SecondsPerHour : (seconds - (SecondsPerHour - 1)) / SecondsPerHour;
    }

    /// <summary>The start of hour number <paramref name="hour"/>, in UTC.</summary>
    public static DateTimeOffset StartOf(long hour) => DateTimeOffset.FromUnixTimeSeconds(hour * SecondsPerHour);
}

/// <summary>
/// A <see cref="UsageHour"/> being added up, one sample at a time: the one place that says how a sample's
/// usage counts, used when samples are saved and when the per-sample usage of older stores is read.
/// </summary>
public sealed class UsageHourSum
{
    public int Samples { get; private set; }
    public decimal Cpu { get; private set; }
    public decimal Memory { get; private set; }
    public decimal CpuOver { get; private set; }
    public decimal MemoryOver { get; private set; }

    /// <summary>A sum that starts from a stored row (to go on adding the samples of its hour).</summary>
    public static UsageHourSum From(UsageHour u) =>
        new() { Samples = u.Samples, Cpu = u.Cpu, Memory = u.Memory, CpuOver = u.CpuOver, MemoryOver = u.MemoryOver };

    /// <summary>Adds one sample's usage of a pod with these requests: its usage, and by how much it exceeds each request.</summary>
    public void AddPod(ResourceUsage usage, decimal cpuRequest, decimal memoryRequest)
    {
        AddNode(usage);
        CpuOver += Math.Max(0m, usage.Cpu - cpuRequest);
        MemoryOver += Math.Max(0m, usage.Memory - memoryRequest);
    }

    /// <summary>Adds one sample's usage of a node.</summary>
    public void AddNode(ResourceUsage usage)
    {
        Samples++;
        Cpu += usage.Cpu;
        Memory += usage.Memory;
    }

    public UsageHour ToHour(long versionId, long hour) => new(versionId, hour, Samples, Cpu, Memory, CpuOver, MemoryOver);
}

/// <summary>Per-sample usage (how stores kept it before migration 0016) summed into <see cref="UsageHour"/> rows.</summary>
public static class UsageHours
{
    /// <summary>The hour sums of the pods that occupy a node, from the usage of each sample that saw them.</summary>
    public static List<UsageHour> OfPods(IReadOnlyList<SampleInstant> samples, IEnumerable<Seen<PodObservation>> pods,
        IReadOnlyList<SampleUsage> usage) =>
        Sum(samples, pods.Where(p => p.Item.OccupiesNode), p => p.Uid, usage, (sum, u, p) => sum.AddPod(u, p.CpuRequest, p.MemoryRequest));

    /// <summary>The hour sums of the nodes, from the usage of each sample that saw them.</summary>
    public static List<UsageHour> OfNodes(IReadOnlyList<SampleInstant> samples, IEnumerable<Seen<NodeObservation>> nodes,
        IReadOnlyList<SampleUsage> usage) =>
        Sum(samples, nodes, n => n.Name, usage, (sum, u, _) => sum.AddNode(u));

    private static List<UsageHour> Sum<T>(IReadOnlyList<SampleInstant> samples, IEnumerable<Seen<T>> versions, Func<T, string> key,
        IReadOnlyList<SampleUsage> usage, Action<UsageHourSum, ResourceUsage, T> add)
    {
        if (usage.Count == 0) return [];
        var byKey = new Dictionary<(long, string), SampleUsage>();
        foreach (var u in usage) byKey.TryAdd((u.SampleId, u.Key), u);
        var byCluster = samples.GroupBy(s => s.Cluster, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.TakenAt).ToArray(), StringComparer.Ordinal);
        var result = new List<UsageHour>();
        foreach (var v in versions)
        {
            if (!byCluster.TryGetValue(v.Cluster, out var list)) continue;
            var sums = new SortedDictionary<long, UsageHourSum>();
            foreach (var s in list)
            {
                if (s.TakenAt < v.FirstSeen || s.TakenAt > v.LastSeen) continue;
                if (!byKey.TryGetValue((s.Id, key(v.Item)), out var u)) continue;
                var hour = UsageHour.HourOf(s.TakenAt);
                if (!sums.TryGetValue(hour, out var sum)) sums[hour] = sum = new UsageHourSum();
                add(sum, new ResourceUsage(u.Key, u.Cpu, u.Memory), v.Item);
            }
            result.AddRange(sums.Select(kv => kv.Value.ToHour(v.Id, kv.Key)));
        }
        return result;
    }
}

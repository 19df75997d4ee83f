using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using Costs.CostModel.Time;
using Dapper;

namespace Costs.CostModel.Store;

/// <summary>
/// Saves and reads cluster samples (migrations 0004, 0009 and 0016). Saving keeps what changes: a node, pod or
/// namespace that the previous sample of the same cluster saw unchanged only has its <c>last_seen</c> moved, a
/// new or changed one gets a new row, and usage is summed per version and UTC hour (<see cref="UsageHour"/>).
/// Many samples are saved in one transaction with prepared statements (<see cref="ClusterSampleWriter"/>).
/// </summary>
public static class ClusterSampleStore
{
    /// <summary>Saves one sample in one transaction, and returns how many node and pod rows were new.</summary>
    public static async Task<(int NewNodes, int NewPods)> SaveClusterSampleAsync(this CostStore store, ClusterSample sample,
        CancellationToken ct) =>
        (await store.SaveClusterSamplesAsync([sample], ct))[0];

    /// <summary>
    /// Saves samples, in the order given (each cluster's in time order), in one transaction; returns, for each,
    /// how many node and pod rows were new. A sample of a cluster not later than its last stored one is refused.
    /// </summary>
    public static async Task<IReadOnlyList<(int NewNodes, int NewPods)>> SaveClusterSamplesAsync(this CostStore store,
        IEnumerable<ClusterSample> samples, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var connection = store.Connection;
        using var tx = connection.BeginTransaction();
        var counts = new List<(int, int)>();
        using (var writer = new ClusterSampleWriter(connection, tx))
        {
            foreach (var sample in samples) counts.Add(await writer.AddAsync(sample, ct));
            writer.Finish();
        }
        tx.Commit();
        return counts;
    }

    /// <summary>Every sample taken on the days of <paramref name="range"/> (UTC), the versions they saw and their usage by hour.</summary>
    public static async Task<StoredClusterSamples> ReadClusterSamplesAsync(this CostStore store, DateRange range, CancellationToken ct)
    {
        var connection = store.Connection;
        var start = range.Start == DateOnly.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(range.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = range.EndExclusive == DateOnly.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(range.EndExclusive.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var args = new
        {
            Start = range.Start == DateOnly.MinValue ? "" : StoreText.Instant(start),
            EndExclusive = range.EndExclusive == DateOnly.MaxValue ? "9999" : StoreText.Instant(end),
        };
        var samples = (await connection.QueryAsync<SampleRow>(new CommandDefinition(Sql.ClusterSelectSamples, args, store.Current, cancellationToken: ct)))
            .Select(r => new SampleInstant(r.Id, r.Cluster, r.Environment, StoreText.ParseInstant(r.TakenAt), r.Metrics != 0)).ToList();
        var nodes = (await connection.QueryAsync<NodeRow>(new CommandDefinition(Sql.ClusterSelectNodes, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToSeen()).ToList();
        var pods = (await connection.QueryAsync<PodRow>(new CommandDefinition(Sql.ClusterSelectPods, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToSeen()).ToList();
        var namespaces = (await connection.QueryAsync<NamespaceRow>(new CommandDefinition(Sql.ClusterSelectNamespaces, args, store.Current, cancellationToken: ct)))
            .Select(r => new Seen<NamespaceObservation>(r.Cluster, new NamespaceObservation(r.Name, Billing.Labels.FromJson(r.Labels)),
                StoreText.ParseInstant(r.FirstSeen), StoreText.ParseInstant(r.LastSeen)) { Id = r.Id }).ToList();

        // Usage saved before migration 0016 is per sample: summed here into the same hours as the rows saved since.
        var legacyPods = (await connection.QueryAsync<UsageRow>(new CommandDefinition(Sql.ClusterSelectPodUsage, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToUsage()).ToList();
        var legacyNodes = (await connection.QueryAsync<UsageRow>(new CommandDefinition(Sql.ClusterSelectNodeUsage, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToUsage()).ToList();
        var hours = (Start: start == DateTimeOffset.MinValue ? long.MinValue : UsageHour.HourOf(start),
            End: end == DateTimeOffset.MaxValue ? long.MaxValue : UsageHour.HourOf(end));
        var podHours = Merge(ReadHours(store, Sql.ClusterSelectPodHours, args.Start, args.EndExclusive, hours),
            UsageHours.OfPods(samples, pods, legacyPods));
        var nodeHours = Merge(ReadHours(store, Sql.ClusterSelectNodeHours, args.Start, args.EndExclusive, hours),
            UsageHours.OfNodes(samples, nodes, legacyNodes));
        return new StoredClusterSamples(samples, nodes, pods, podHours, nodeHours) { Namespaces = namespaces };
    }

    private static List<UsageHour> ReadHours(CostStore store, string sql, string start, string endExclusive, (long Start, long End) hours)
    {
        using var select = new RawStatement(store.Connection, sql);
        select.Bind(select.ParameterIndex("@Start"), start);
        select.Bind(select.ParameterIndex("@EndExclusive"), endExclusive);
        select.Bind(select.ParameterIndex("@StartHour"), hours.Start);
        select.Bind(select.ParameterIndex("@EndHour"), hours.End);
        var rows = new List<UsageHour>();
        while (select.Step()) rows.Add(ClusterSampleStatements.ReadHour(select));
        return rows;
    }

    /// <summary>The rows of both lists, a version-hour in both (an hour that straddles the upgrade) added up.</summary>
    private static List<UsageHour> Merge(List<UsageHour> saved, List<UsageHour> legacy)
    {
        if (legacy.Count == 0) return saved;
        return saved.Concat(legacy).GroupBy(u => (u.VersionId, u.Hour))
            .Select(g => g.Skip(1).Aggregate(g.First(), (a, b) => a with
            {
                Samples = a.Samples + b.Samples, Cpu = a.Cpu + b.Cpu, Memory = a.Memory + b.Memory,
                CpuOver = a.CpuOver + b.CpuOver, MemoryOver = a.MemoryOver + b.MemoryOver,
            })).ToList();
    }

    private sealed class SampleRow
    {
        public long Id { get; init; }
        public string Cluster { get; init; } = "";
        public string? Environment { get; init; }
        public string TakenAt { get; init; } = "";
        public long Metrics { get; init; }
    }

    internal sealed class NodeRow
    {
        public long Id { get; init; }
        public string Cluster { get; init; } = "";
        public string Name { get; init; } = "";
        public string? InstanceName { get; init; }
        public string? ProviderProject { get; init; }
        public string? MachineType { get; init; }
        public string? NodePool { get; init; }
        public string? Zone { get; init; }
        public long Spot { get; init; }
        public string CpuCapacity { get; init; } = "0";
        public string MemoryCapacity { get; init; } = "0";
        public string CpuAllocatable { get; init; } = "0";
        public string MemoryAllocatable { get; init; } = "0";
        public string Labels { get; init; } = "{}";
        public string FirstSeen { get; init; } = "";
        public string LastSeen { get; init; } = "";

        public Seen<NodeObservation> ToSeen() => new(Cluster, new NodeObservation
        {
            Name = Name, InstanceName = InstanceName, ProviderProject = ProviderProject, MachineType = MachineType,
            NodePool = NodePool, Zone = Zone, Spot = Spot != 0,
            CpuCapacity = StoreText.ParseDecimal(CpuCapacity), MemoryCapacity = StoreText.ParseDecimal(MemoryCapacity),
            CpuAllocatable = StoreText.ParseDecimal(CpuAllocatable), MemoryAllocatable = StoreText.ParseDecimal(MemoryAllocatable),
            Labels = Billing.Labels.FromJson(Labels),
        }, StoreText.ParseInstant(FirstSeen), StoreText.ParseInstant(LastSeen)) { Id = Id };
    }

    internal sealed class PodRow
    {
        public long Id { get; init; }
        public string Cluster { get; init; } = "";
        public string Uid { get; init; } = "";
        public string Namespace { get; init; } = "";
        public string Name { get; init; } = "";
        public string? NodeName { get; init; }
        public string Phase { get; init; } = "";
        public string? Workload { get; init; }
        public string Labels { get; init; } = "{}";
        public string CpuRequest { get; init; } = "0";
        public string MemoryRequest { get; init; } = "0";
        public string FirstSeen { get; init; } = "";
        public string LastSeen { get; init; } = "";

        public Seen<PodObservation> ToSeen() => new(Cluster, new PodObservation
        {
            Uid = Uid, Namespace = Namespace, Name = Name, NodeName = NodeName, Phase = Phase, Workload = Workload,
            Labels = Billing.Labels.FromJson(Labels),
            CpuRequest = StoreText.ParseDecimal(CpuRequest), MemoryRequest = StoreText.ParseDecimal(MemoryRequest),
        }, StoreText.ParseInstant(FirstSeen), StoreText.ParseInstant(LastSeen)) { Id = Id };
    }

    internal sealed class NamespaceRow
    {
        public long Id { get; init; }
        public string Cluster { get; init; } = "";
        public string Name { get; init; } = "";
        public string Labels { get; init; } = "{}";
        public string FirstSeen { get; init; } = "";
        public string LastSeen { get; init; } = "";
    }

    private sealed class UsageRow
    {
        public long SampleId { get; init; }
        public string Key { get; init; } = "";
        public string Cpu { get; init; } = "0";
        public string Memory { get; init; } = "0";

        public SampleUsage ToUsage() => new(SampleId, Key, StoreText.ParseDecimal(Cpu), StoreText.ParseDecimal(Memory));
    }
}

using System.Text;
using Costs.CostModel.Billing;
using Costs.CostModel.Clusters;
using Costs.CostModel.Time;
using Dapper;

namespace Costs.CostModel.Store;

/// <summary>
/// Saves and reads cluster samples (migrations 0004 and 0009). Saving is compact: a node or pod that the previous
/// sample of the same cluster saw with the same content only has its <c>last_seen</c> moved; a new or
/// changed one gets a new row. Usage is the only thing stored per sample.
/// </summary>
public static class ClusterSampleStore
{
    /// <summary>Saves one sample in one transaction, and returns how many node and pod rows were new.</summary>
    public static async Task<(int NewNodes, int NewPods)> SaveClusterSampleAsync(this CostStore store, ClusterSample sample,
        CancellationToken ct)
    {
        var connection = store.Connection;
        using var tx = connection.BeginTransaction();
        var takenAt = StoreText.Instant(sample.TakenAt);
        var previous = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(Sql.ClusterSelectPreviousSample,
            new { sample.Cluster, TakenAt = takenAt }, tx, cancellationToken: ct));
        var sampleId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql.ClusterInsertSample,
            new { sample.Cluster, sample.Environment, TakenAt = takenAt, Metrics = sample.MetricsAvailable ? 1 : 0 },
            tx, cancellationToken: ct));

        var currentNodes = previous is null ? [] : (await connection.QueryAsync<CurrentRow>(new CommandDefinition(
            Sql.ClusterSelectCurrentNodes, new { sample.Cluster, Previous = previous }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Key, StringComparer.Ordinal);
        var newNodes = 0;
        foreach (var n in sample.Nodes)
        {
            var content = NodeContent(n);
            if (currentNodes.TryGetValue(n.Name, out var row) && row.Content == content)
            {
                await connection.ExecuteAsync(new CommandDefinition(Sql.ClusterTouchNode, new { row.Id, TakenAt = takenAt }, tx, cancellationToken: ct));
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(Sql.ClusterInsertNode, new
            {
                sample.Cluster, n.Name, Content = content, n.InstanceName, n.ProviderProject, n.MachineType, n.NodePool, n.Zone,
                Spot = n.Spot ? 1 : 0,
                CpuCapacity = StoreText.Decimal(n.CpuCapacity), MemoryCapacity = StoreText.Decimal(n.MemoryCapacity),
                CpuAllocatable = StoreText.Decimal(n.CpuAllocatable), MemoryAllocatable = StoreText.Decimal(n.MemoryAllocatable),
                Labels = n.Labels.ToJson(), TakenAt = takenAt,
            }, tx, cancellationToken: ct));
            newNodes++;
        }

        var currentPods = previous is null ? [] : (await connection.QueryAsync<CurrentRow>(new CommandDefinition(
            Sql.ClusterSelectCurrentPods, new { sample.Cluster, Previous = previous }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Key, StringComparer.Ordinal);
        var newPods = 0;
        foreach (var p in sample.Pods)
        {
            var content = PodContent(p);
            if (currentPods.TryGetValue(p.Uid, out var row) && row.Content == content)
            {
                await connection.ExecuteAsync(new CommandDefinition(Sql.ClusterTouchPod, new { row.Id, TakenAt = takenAt }, tx, cancellationToken: ct));
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition(Sql.ClusterInsertPod, new
            {
                sample.Cluster, p.Uid, p.Namespace, p.Name, Content = content, p.NodeName, p.Phase, p.Workload,
                Labels = p.Labels.ToJson(),
                CpuRequest = StoreText.Decimal(p.CpuRequest), MemoryRequest = StoreText.Decimal(p.MemoryRequest),
                TakenAt = takenAt,
            }, tx, cancellationToken: ct));
            newPods++;
        }

        await SaveNamespacesAsync(connection, tx, sample, previous, takenAt, ct);
        foreach (var u in sample.PodUsage)
            await connection.ExecuteAsync(new CommandDefinition(Sql.ClusterInsertPodUsage, UsageArgs(sampleId, u), tx, cancellationToken: ct));
        foreach (var u in sample.NodeUsage)
            await connection.ExecuteAsync(new CommandDefinition(Sql.ClusterInsertNodeUsage, UsageArgs(sampleId, u), tx, cancellationToken: ct));
        tx.Commit();
        return (newNodes, newPods);
    }

    /// <summary>Every sample taken on the days of <paramref name="range"/> (UTC), and the nodes, pods and usage they saw.</summary>
    public static async Task<StoredClusterSamples> ReadClusterSamplesAsync(this CostStore store, DateRange range, CancellationToken ct)
    {
        var connection = store.Connection;
        var args = new
        {
            Start = range.Start == DateOnly.MinValue ? "" : StoreText.Instant(new DateTimeOffset(range.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
            EndExclusive = range.EndExclusive == DateOnly.MaxValue ? "9999" : StoreText.Instant(new DateTimeOffset(range.EndExclusive.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)),
        };
        var samples = (await connection.QueryAsync<SampleRow>(new CommandDefinition(Sql.ClusterSelectSamples, args, store.Current, cancellationToken: ct)))
            .Select(r => new SampleInstant(r.Id, r.Cluster, r.Environment, StoreText.ParseInstant(r.TakenAt), r.Metrics != 0)).ToList();
        var nodes = (await connection.QueryAsync<NodeRow>(new CommandDefinition(Sql.ClusterSelectNodes, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToSeen()).ToList();
        var pods = (await connection.QueryAsync<PodRow>(new CommandDefinition(Sql.ClusterSelectPods, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToSeen()).ToList();
        var podUsage = (await connection.QueryAsync<UsageRow>(new CommandDefinition(Sql.ClusterSelectPodUsage, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToUsage()).ToList();
        var nodeUsage = (await connection.QueryAsync<UsageRow>(new CommandDefinition(Sql.ClusterSelectNodeUsage, args, store.Current, cancellationToken: ct)))
            .Select(r => r.ToUsage()).ToList();
        var namespaces = (await connection.QueryAsync<NamespaceRow>(new CommandDefinition(Sql.ClusterSelectNamespaces, args, cancellationToken: ct)))
            .Select(r => new Seen<NamespaceObservation>(r.Cluster, new NamespaceObservation(r.Name, Billing.Labels.FromJson(r.Labels)),
                StoreText.ParseInstant(r.FirstSeen), StoreText.ParseInstant(r.LastSeen))).ToList();
        return new StoredClusterSamples(samples, nodes, pods, podUsage, nodeUsage) { Namespaces = namespaces };
    }

    /// <summary>A namespace whose labels the previous sample saw unchanged only moves its last_seen; else a new version.</summary>
    private static async Task SaveNamespacesAsync(Microsoft.Data.Sqlite.SqliteConnection connection, System.Data.IDbTransaction tx,
        ClusterSample sample, string? previous, string takenAt, CancellationToken ct)
    {
        var current = previous is null ? [] : (await connection.QueryAsync<CurrentRow>(new CommandDefinition(
            Sql.ClusterSelectCurrentNamespaces, new { sample.Cluster, Previous = previous }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Key, StringComparer.Ordinal);
        foreach (var ns in sample.Namespaces)
        {
            var labels = ns.Labels.ToJson();
            var command = current.TryGetValue(ns.Name, out var row) && row.Content == labels
                ? new CommandDefinition(Sql.ClusterTouchNamespace, new { row.Id, TakenAt = takenAt }, tx, cancellationToken: ct)
                : new CommandDefinition(Sql.ClusterInsertNamespace, new { sample.Cluster, ns.Name, Labels = labels, TakenAt = takenAt }, tx, cancellationToken: ct);
            await connection.ExecuteAsync(command);
        }
    }

    private static object UsageArgs(long sampleId, ResourceUsage u) =>
        new { SampleId = sampleId, u.Key, Cpu = StoreText.Decimal(u.Cpu), Memory = StoreText.Decimal(u.Memory) };

    /// <summary>The text two equal observations share and two different ones do not: fields joined by U+001F.</summary>
    internal static string NodeContent(NodeObservation n) => Join(n.InstanceName, n.ProviderProject, n.MachineType, n.NodePool, n.Zone,
        n.Spot ? "spot" : "", StoreText.Decimal(n.CpuCapacity), StoreText.Decimal(n.MemoryCapacity),
        StoreText.Decimal(n.CpuAllocatable), StoreText.Decimal(n.MemoryAllocatable), n.Labels.ToJson());

    internal static string PodContent(PodObservation p) => Join(p.Namespace, p.Name, p.NodeName, p.Phase, p.Workload,
        p.Labels.ToJson(), StoreText.Decimal(p.CpuRequest), StoreText.Decimal(p.MemoryRequest));

    private static string Join(params string?[] parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts)
        {
            sb.Append(p is null ? "\u0000" : p.Replace("\u001f", "\u001f\u001f", StringComparison.Ordinal));
            sb.Append('\u001f');
        }
        return sb.ToString();
    }

    private sealed class CurrentRow
    {
        public long Id { get; init; }
        public string Key { get; init; } = "";
        public string Content { get; init; } = "";
    }

    private sealed class SampleRow
    {
        public long Id { get; init; }
        public string Cluster { get; init; } = "";
        public string? Environment { get; init; }
        public string TakenAt { get; init; } = "";
        public long Metrics { get; init; }
    }

    private sealed class NodeRow
    {
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
        }, StoreText.ParseInstant(FirstSeen), StoreText.ParseInstant(LastSeen));
    }

    private sealed class PodRow
    {
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
        }, StoreText.ParseInstant(FirstSeen), StoreText.ParseInstant(LastSeen));
    }

    private sealed class NamespaceRow
    {
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

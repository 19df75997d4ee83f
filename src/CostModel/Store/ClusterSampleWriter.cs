using Costs.CostModel.Clusters;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// Saves samples inside one transaction, keeping what changes and nothing else. For each cluster it holds the
/// versions (node, pod, namespace) the last sample saw and the usage sums of the current hour: a version seen
/// again unchanged only has its last_seen moved (written once, when it ends or the save ends), a new or changed
/// one gets a row, and usage is added into its version-hour row (written when the hour ends or the save ends).
/// A cluster's state comes from the store on its first sample, so a save of one sample (`costs collect`)
/// continues where the last one stopped. Samples of a cluster must come in time order.
/// </summary>
internal sealed class ClusterSampleWriter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly ClusterSampleStatements _sql = new(connection);
    private readonly Dictionary<string, ClusterState> _clusters = new(StringComparer.Ordinal);

    /// <summary>Adds one sample; returns how many node and pod versions it started.</summary>
    public async Task<(int NewNodes, int NewPods)> AddAsync(ClusterSample sample, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!_clusters.TryGetValue(sample.Cluster, out var state))
            _clusters[sample.Cluster] = state = await LoadAsync(sample.Cluster, ct);
        if (state.Latest is { } latest && sample.TakenAt <= latest)
            throw new SampleOrderException($"The sample of cluster '{sample.Cluster}' taken at {StoreText.Instant(sample.TakenAt)} is not " +
                $"later than its last stored sample ({StoreText.Instant(latest)}): samples of a cluster are saved in time order.");

        var at = StoreText.Instant(sample.TakenAt);
        _sql.InsertSample(sample, at);
        var hour = UsageHour.HourOf(sample.TakenAt);
        if (hour != state.Hour)
        {
            FlushHours(state);
            state.Hour = hour;
        }
        state.Stamp++;
        var newNodes = state.Nodes.Apply(sample.Nodes, n => n.Name, n => _sql.InsertNode(sample.Cluster, n, at), _sql.TouchNode, at, state.Stamp);
        var newPods = state.Pods.Apply(sample.Pods, p => p.Uid, p => _sql.InsertPod(sample.Cluster, p, at), _sql.TouchPod, at, state.Stamp);
        state.Namespaces.Apply(sample.Namespaces, n => n.Name,
            n => _sql.InsertNamespace(sample.Cluster, n.Name, n.Labels.ToJson(), at), _sql.TouchNamespace, at, state.Stamp);

        foreach (var u in sample.PodUsage)
        {
            if (state.Pods.Current(u.Key, state.Stamp) is not { } v || !v.Item.OccupiesNode || !v.TakeUsage(state.Stamp)) continue;
            state.PodSums.Get(v.Id).AddPod(u, v.Item.CpuRequest, v.Item.MemoryRequest);
        }
        foreach (var u in sample.NodeUsage)
        {
            if (state.Nodes.Current(u.Key, state.Stamp) is not { } v || !v.TakeUsage(state.Stamp)) continue;
            state.NodeSums.Get(v.Id).AddNode(u);
        }
        state.Latest = sample.TakenAt;
        return (newNodes, newPods);
    }

    /// <summary>Writes what is held back: every cluster's usage sums of its current hour and the last_seen of its current versions.</summary>
    public void Finish()
    {
        foreach (var state in _clusters.Values)
        {
            FlushHours(state);
            state.Nodes.TouchAll(_sql.TouchNode);
            state.Pods.TouchAll(_sql.TouchPod);
            state.Namespaces.TouchAll(_sql.TouchNamespace);
        }
    }

    private void FlushHours(ClusterState state)
    {
        foreach (var row in state.PodSums.TakeChanged(state.Hour)) _sql.SavePodHour(row);
        foreach (var row in state.NodeSums.TakeChanged(state.Hour)) _sql.SaveNodeHour(row);
    }

    /// <summary>The cluster's last stored sample, the versions it saw and their usage sums of its hour.</summary>
    private async Task<ClusterState> LoadAsync(string cluster, CancellationToken ct)
    {
        var state = new ClusterState();
        var previous = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(Sql.ClusterSelectPreviousSample,
            new { Cluster = cluster }, transaction, cancellationToken: ct));
        if (previous is null) return state;
        state.Latest = StoreText.ParseInstant(previous);
        state.Hour = UsageHour.HourOf(state.Latest.Value);
        var args = new { Cluster = cluster, Previous = previous, state.Hour };
        foreach (var r in await connection.QueryAsync<ClusterSampleStore.NodeRow>(new CommandDefinition(Sql.ClusterSelectCurrentNodes, args,
                     transaction, cancellationToken: ct)))
            state.Nodes.Load(r.Name, r.Id, r.ToSeen().Item, previous);
        foreach (var r in await connection.QueryAsync<ClusterSampleStore.PodRow>(new CommandDefinition(Sql.ClusterSelectCurrentPods, args,
                     transaction, cancellationToken: ct)))
            state.Pods.Load(r.Uid, r.Id, r.ToSeen().Item, previous);
        foreach (var r in await connection.QueryAsync<ClusterSampleStore.NamespaceRow>(new CommandDefinition(Sql.ClusterSelectCurrentNamespaces,
                     args, transaction, cancellationToken: ct)))
            state.Namespaces.Load(r.Name, r.Id, new NamespaceObservation(r.Name, Billing.Labels.FromJson(r.Labels)), previous);
        LoadHours(Sql.ClusterSelectCurrentPodHours, cluster, previous, state.Hour, state.PodSums);
        LoadHours(Sql.ClusterSelectCurrentNodeHours, cluster, previous, state.Hour, state.NodeSums);
        return state;
    }

    private void LoadHours(string sql, string cluster, string previous, long hour, HourSums into)
    {
        using var select = new RawStatement(connection, sql);
        select.Bind(select.ParameterIndex("@Cluster"), cluster);
        select.Bind(select.ParameterIndex("@Previous"), previous);
        select.Bind(select.ParameterIndex("@Hour"), hour);
        while (select.Step())
        {
            var row = ClusterSampleStatements.ReadHour(select);
            into.Load(row);
        }
    }

    public void Dispose() => _sql.Dispose();

    private sealed class ClusterState
    {
        public DateTimeOffset? Latest { get; set; }
        public long Hour { get; set; } = long.MinValue;
        public long Stamp { get; set; }
        public Versions<NodeObservation> Nodes { get; } = new();
        public Versions<PodObservation> Pods { get; } = new();
        public Versions<NamespaceObservation> Namespaces { get; } = new();
        public HourSums PodSums { get; } = new();
        public HourSums NodeSums { get; } = new();
    }

    /// <summary>The usage sums of one hour by version id, and which of them this save added to.</summary>
    private sealed class HourSums
    {
        private readonly Dictionary<long, UsageHourSum> _sums = [];
        private readonly HashSet<long> _changed = [];

        public void Load(UsageHour row) => _sums[row.VersionId] = UsageHourSum.From(row);

        public UsageHourSum Get(long id)
        {
            if (!_sums.TryGetValue(id, out var sum)) _sums[id] = sum = new UsageHourSum();
            _changed.Add(id);
            return sum;
        }

        /// <summary>The rows to write for <paramref name="hour"/>, in id order; then the sums start over.</summary>
        public List<UsageHour> TakeChanged(long hour)
        {
            var rows = _changed.Order().Select(id => _sums[id].ToHour(id, hour)).ToList();
            _sums.Clear();
            _changed.Clear();
            return rows;
        }
    }
}

/// <summary>
/// A sample of a cluster taken no later than the cluster's last stored sample (a clock gone back, or two collects at
/// once): usage is summed per hour as samples arrive, so they are saved in time order and this one is refused.
/// </summary>
public sealed class SampleOrderException(string message) : InvalidOperationException(message);

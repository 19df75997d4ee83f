using Costs.CostModel.Clusters;
using Microsoft.Data.Sqlite;

namespace Costs.CostModel.Store;

/// <summary>
/// The statements that saving samples runs many times, each prepared once per save and driven through
/// <see cref="RawStatement"/> (parameters bound by index, no per-row Dapper): the sample header, a new
/// node/pod/namespace version, the move of a version's last_seen, and a version-hour's usage sums.
/// </summary>
internal sealed class ClusterSampleStatements : IDisposable
{
    private readonly Prepared _sample, _node, _pod, _namespace, _touchNode, _touchPod, _touchNamespace, _podHour, _nodeHour;

    public ClusterSampleStatements(SqliteConnection connection)
    {
        _sample = new(connection, Sql.ClusterInsertSample, "@Cluster", "@Environment", "@TakenAt", "@Metrics");
        _node = new(connection, Sql.ClusterInsertNode, "@Cluster", "@Name", "@Content", "@InstanceName", "@ProviderProject", "@MachineType",
            "@NodePool", "@Zone", "@Spot", "@CpuCapacity", "@MemoryCapacity", "@CpuAllocatable", "@MemoryAllocatable", "@Labels", "@TakenAt");
        _pod = new(connection, Sql.ClusterInsertPod, "@Cluster", "@Uid", "@Namespace", "@Name", "@Content", "@NodeName", "@Phase", "@Workload",
            "@Labels", "@CpuRequest", "@MemoryRequest", "@TakenAt");
        _namespace = new(connection, Sql.ClusterInsertNamespace, "@Cluster", "@Name", "@Labels", "@TakenAt");
        _touchNode = new(connection, Sql.ClusterTouchNode, "@Id", "@TakenAt");
        _touchPod = new(connection, Sql.ClusterTouchPod, "@Id", "@TakenAt");
        _touchNamespace = new(connection, Sql.ClusterTouchNamespace, "@Id", "@TakenAt");
        _podHour = new(connection, Sql.ClusterUpsertPodHour, "@Id", "@Hour", "@Samples", "@Cpu", "@Memory", "@CpuOver", "@MemoryOver");
        _nodeHour = new(connection, Sql.ClusterUpsertNodeHour, "@Id", "@Hour", "@Samples", "@Cpu", "@Memory");
    }

    public long InsertSample(ClusterSample s, string takenAt) =>
        _sample.Returning(s.Cluster, Text(s.Environment), takenAt, s.MetricsAvailable ? 1L : 0L);

    public long InsertNode(string cluster, NodeObservation n, string takenAt) =>
        _node.Returning(cluster, n.Name, "", Text(n.InstanceName), Text(n.ProviderProject), Text(n.MachineType),
            Text(n.NodePool), Text(n.Zone), n.Spot ? 1L : 0L, StoreText.Decimal(n.CpuCapacity), StoreText.Decimal(n.MemoryCapacity),
            StoreText.Decimal(n.CpuAllocatable), StoreText.Decimal(n.MemoryAllocatable), n.Labels.ToJson(), takenAt);

    public long InsertPod(string cluster, PodObservation p, string takenAt) =>
        _pod.Returning(cluster, p.Uid, p.Namespace, p.Name, "", Text(p.NodeName), p.Phase, Text(p.Workload),
            p.Labels.ToJson(), StoreText.Decimal(p.CpuRequest), StoreText.Decimal(p.MemoryRequest), takenAt);

    public long InsertNamespace(string cluster, string name, string labels, string takenAt) =>
        _namespace.Returning(cluster, name, labels, takenAt);

    public void TouchNode(long id, string lastSeen) => _touchNode.Run(id, lastSeen);

    public void TouchPod(long id, string lastSeen) => _touchPod.Run(id, lastSeen);

    public void TouchNamespace(long id, string lastSeen) => _touchNamespace.Run(id, lastSeen);

    public void SavePodHour(UsageHour u) =>
        _podHour.Run(u.VersionId, u.Hour, (long)u.Samples, StoreValues.Quantity(u.Cpu), StoreValues.Quantity(u.Memory),
            StoreValues.Quantity(u.CpuOver), StoreValues.Quantity(u.MemoryOver));

    public void SaveNodeHour(UsageHour u) =>
        _nodeHour.Run(u.VersionId, u.Hour, (long)u.Samples, StoreValues.Quantity(u.Cpu), StoreValues.Quantity(u.Memory));

    /// <summary>A usage-hour row as the reads of <see cref="Sql.ClusterSelectPodHours"/> and its kin return it (7 columns).</summary>
    public static UsageHour ReadHour(RawStatement row) => new(row.Int64(0), row.Int64(1), (int)row.Int64(2),
        Quantity(row, 3), Quantity(row, 4), Quantity(row, 5), Quantity(row, 6));

    private static decimal Quantity(RawStatement row, int column) => StoreValues.ReadQuantityOrNull(row, column) ?? 0m;

    private static object Text(string? s) => s is null ? DBNull.Value : s;

    public void Dispose()
    {
        foreach (var p in new[] { _sample, _node, _pod, _namespace, _touchNode, _touchPod, _touchNamespace, _podHour, _nodeHour }) p.Dispose();
    }

    /// <summary>A statement and the indexes of its parameters, in the order the callers pass values.</summary>
    private sealed class Prepared(SqliteConnection connection, string sql, params string[] names) : IDisposable
    {
        private readonly RawStatement _statement = new(connection, sql);
        private int[]? _indexes;

        public void Run(params object[] values)
        {
            Bind(values);
            while (_statement.Step()) { }
        }

        /// <summary>Runs an INSERT … RETURNING id and returns the id.</summary>
        public long Returning(params object[] values)
        {
            Bind(values);
            if (!_statement.Step()) throw new InvalidOperationException("The insert returned no id.");
            var id = _statement.Int64(0);
            while (_statement.Step()) { }
            return id;
        }

        private void Bind(object[] values)
        {
            _indexes ??= names.Select(_statement.ParameterIndex).ToArray();
            for (var i = 0; i < values.Length; i++) _statement.Bind(_indexes[i], values[i]);
        }

        public void Dispose() => _statement.Dispose();
    }
}

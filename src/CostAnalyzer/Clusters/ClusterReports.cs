using Costs.CostModel.Allocation;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>Idle summed for one group (a node, a node pool or a cluster) and currency.</summary>
public sealed record IdleTotal(string Cluster, string? NodePool, string? Node, Costs.CostModel.Money.Currency Currency,
    decimal Cost, decimal Credits, decimal TotalCost, decimal TotalCredits)
{
    public decimal Net => Cost + Credits;
    /// <summary>Idle net ÷ node net, or null when the node cost nothing.</summary>
    public decimal? Share => TotalCost + TotalCredits == 0m ? null : Net / (TotalCost + TotalCredits);
}

/// <summary>
/// Efficiency of one group (a namespace, a service…): usage ÷ request for CPU and RAM over the hours
/// where usage was known, the net cost of its shares, and the net cost of what it requested and did
/// not use (each share's net × max(0, request − usage) ÷ weight).
/// </summary>
public sealed record EfficiencyRow(string Key, Costs.CostModel.Money.Currency Currency,
    decimal CpuRequest, decimal CpuUsage, decimal MemoryRequest, decimal MemoryUsage, decimal Net, decimal UnusedNet)
{
    public decimal? CpuEfficiency => CpuRequest == 0m ? null : CpuUsage / CpuRequest;
    public decimal? MemoryEfficiency => MemoryRequest == 0m ? null : MemoryUsage / MemoryRequest;
}

/// <summary>Pure roll-ups of a <see cref="ClusterSplitResult"/>: idle per node, node pool and cluster; efficiency per group.</summary>
public static class ClusterReports
{
    public static IReadOnlyList<IdleTotal> IdleByNode(IEnumerable<NodeIdleHour> idle) =>
        Idle(idle, i => (i.Source.Cluster, i.Source.NodePool, i.Source.Node));

    public static IReadOnlyList<IdleTotal> IdleByNodePool(IEnumerable<NodeIdleHour> idle) =>
        Idle(idle, i => (i.Source.Cluster, i.Source.NodePool, null));

    public static IReadOnlyList<IdleTotal> IdleByCluster(IEnumerable<NodeIdleHour> idle) =>
        Idle(idle, i => (i.Source.Cluster, null, null));

    private static List<IdleTotal> Idle(IEnumerable<NodeIdleHour> idle, Func<NodeIdleHour, (string, string?, string?)> key) =>
        idle.GroupBy(i => (Key: key(i), i.Source.Currency))
            .Select(g => new IdleTotal(g.Key.Key.Item1, g.Key.Key.Item2, g.Key.Key.Item3, g.Key.Currency,
                g.Sum(i => i.IdleCost), g.Sum(i => i.IdleCredits), g.Sum(i => i.Source.Cost), g.Sum(i => i.Source.Credits)))
            .OrderBy(t => t.Cluster, StringComparer.Ordinal).ThenBy(t => t.NodePool, StringComparer.Ordinal)
            .ThenBy(t => t.Node, StringComparer.Ordinal).ThenBy(t => t.Currency.Code, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Efficiency per key of the pods' shares (for example <c>s =&gt; $"{s.Cluster}/{s.Namespace}"</c>, or the
    /// service that the attribution rules give the pod). Pods whose key is null are left out. Requests and
    /// usage come from <paramref name="weights"/> (hours where usage was known), money from <paramref name="shares"/>.
    /// </summary>
    public static IReadOnlyList<EfficiencyRow> Efficiency(IEnumerable<PodHourWeight> weights, IEnumerable<PodCostShare> shares,
        Func<PodRef, string?> key)
    {
        var usage = new Dictionary<string, decimal[]>(StringComparer.Ordinal);
        foreach (var w in weights)
        {
            if (key(w.Pod) is not { } k) continue;
            if (!usage.TryGetValue(k, out var a)) usage[k] = a = new decimal[4];
            if (w.CpuUsage is { } cu) { a[0] += w.CpuRequest; a[1] += cu; }
            if (w.MemoryUsage is { } mu) { a[2] += w.MemoryRequest; a[3] += mu; }
        }
        var money = new Dictionary<(string, Costs.CostModel.Money.Currency), decimal[]>();
        foreach (var s in shares)
        {
            if (s.Pod is null || s.Kind == CostKind.Idle || key(s.Pod) is not { } k) continue;
            var mk = (k, s.Source.Currency);
            if (!money.TryGetValue(mk, out var m)) money[mk] = m = new decimal[2];
            m[0] += s.Net;
            if (s.Usage is { } u && s.Weight > 0m && s.Request > u)
                m[1] += Math.Round(s.Net * ((s.Request - u) / s.Weight), CostModel.Money.Split.DefaultScale);
        }
        return money.Select(kv =>
        {
            var u = usage.TryGetValue(kv.Key.Item1, out var a) ? a : new decimal[4];
            return new EfficiencyRow(kv.Key.Item1, kv.Key.Item2, u[0], u[1], u[2], u[3], kv.Value[0], kv.Value[1]);
        }).OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Currency.Code, StringComparer.Ordinal).ToList();
    }
}

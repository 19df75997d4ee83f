using System.Runtime.InteropServices;
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
public sealed record EfficiencyRow<TKey>(TKey Key, Costs.CostModel.Money.Currency Currency,
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
    /// <paramref name="equality"/> compares keys (by default their own equality; by reference when the caller
    /// hands out one instance per key).
    /// </summary>
    public static IReadOnlyList<EfficiencyRow<TKey>> Efficiency<TKey>(IEnumerable<PodHourWeight> weights, IEnumerable<PodCostShare> shares,
        Func<PodRef, TKey?> key, IComparer<TKey> order, IEqualityComparer<TKey>? equality = null) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(key);
        var usage = new Dictionary<TKey, UsageTotals>(equality);
        foreach (var w in weights)
        {
            if (key(w.Pod) is not { } k) continue;
            ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(usage, k, out _);
            total = total.Add(w);
        }
        var money = new Dictionary<TKey, Dictionary<Costs.CostModel.Money.Currency, (decimal Net, decimal UnusedNet)>>(equality);
        foreach (var s in shares)
        {
            if (s.Pod is null || s.Kind == CostKind.Idle || key(s.Pod) is not { } k) continue;
            ref var byCurrency = ref CollectionsMarshal.GetValueRefOrAddDefault(money, k, out _);
            byCurrency ??= [];
            ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(byCurrency, s.Source.Currency, out _);
            sums.Net += s.Net;
            if (s.Usage is { } u && s.Weight > 0m && s.Request > u)
                sums.UnusedNet += Math.Round(s.Net * ((s.Request - u) / s.Weight), CostModel.Money.Split.DefaultScale);
        }
        return money.SelectMany(kv => kv.Value.Select(c =>
        {
            var u = usage.GetValueOrDefault(kv.Key);
            return new EfficiencyRow<TKey>(kv.Key, c.Key, u.CpuRequest, u.CpuUsage, u.MemoryRequest, u.MemoryUsage,
                c.Value.Net, c.Value.UnusedNet);
        })).OrderBy(r => r.Key, order).ThenBy(r => r.Currency.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>Requests and usage summed over the pod-hours whose usage was known.</summary>
    private readonly record struct UsageTotals(decimal CpuRequest, decimal CpuUsage, decimal MemoryRequest, decimal MemoryUsage)
    {
        public UsageTotals Add(PodHourWeight w) => new(
            CpuRequest + (w.CpuUsage is null ? 0m : w.CpuRequest), CpuUsage + (w.CpuUsage ?? 0m),
            MemoryRequest + (w.MemoryUsage is null ? 0m : w.MemoryRequest), MemoryUsage + (w.MemoryUsage ?? 0m));
    }
}

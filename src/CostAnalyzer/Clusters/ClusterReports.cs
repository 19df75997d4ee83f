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
    /// </summary>
    public static IReadOnlyList<EfficiencyRow<TKey>> Efficiency<TKey>(IEnumerable<PodHourWeight> weights, IEnumerable<PodCostShare> shares,
        Func<PodRef, TKey?> key, IComparer<TKey> order) where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(key);
        var totals = new EfficiencyTotals<TKey>();
        foreach (var w in weights)
            if (key(w.Pod) is { } k) totals.AddWeight(w, k);
        foreach (var s in shares)
            if (EfficiencyTotals<TKey>.Counts(s) && key(s.Pod!) is { } k) totals.AddShare(s, k);
        return totals.Rows(order);
    }
}

/// <summary>
/// The sums behind <see cref="ClusterReports.Efficiency"/>, added a pod-hour and a share at a time: requests and usage
/// per key over the pod-hours whose usage was known, and per key and currency the net of the shares and the net of
/// what was requested and not used (each share's net × max(0, request − usage) ÷ weight, rounded to nine places).
/// A key that no share reached has no row. <paramref name="equality"/> compares keys (by default their own
/// equality; by reference when the caller hands out one instance per key).
/// </summary>
public sealed class EfficiencyTotals<TKey>(IEqualityComparer<TKey>? equality = null) where TKey : notnull
{
    private readonly Dictionary<TKey, UsageTotals> _usage = new(equality);
    private readonly Dictionary<TKey, Dictionary<Costs.CostModel.Money.Currency, (decimal Net, decimal UnusedNet)>> _money = new(equality);

    /// <summary>Whether a share counts for efficiency: a pod's share (idle and the node's reservation have no pod) that is not idle.</summary>
    public static bool Counts(PodCostShare share) => share is { Pod: not null, Kind: not CostKind.Idle };

    public void AddWeight(PodHourWeight weight, TKey key)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(_usage, key, out _);
        total = total.Add(weight);
    }

    /// <summary>Adds a share that <see cref="Counts"/>.</summary>
    public void AddShare(PodCostShare share, TKey key)
    {
        ArgumentNullException.ThrowIfNull(share);
        ref var byCurrency = ref CollectionsMarshal.GetValueRefOrAddDefault(_money, key, out _);
        byCurrency ??= [];
        ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(byCurrency, share.Source.Currency, out _);
        sums.Net += share.Net;
        if (share.Usage is { } u && share.Weight > 0m && share.Request > u)
            sums.UnusedNet += Math.Round(share.Net * ((share.Request - u) / share.Weight), CostModel.Money.Split.DefaultScale);
    }

    /// <summary>A row per key and currency that a share reached, in <paramref name="order"/> then by currency code.</summary>
    public IReadOnlyList<EfficiencyRow<TKey>> Rows(IComparer<TKey> order) =>
        _money.SelectMany(kv => kv.Value.Select(c =>
        {
            var u = _usage.GetValueOrDefault(kv.Key);
            return new EfficiencyRow<TKey>(kv.Key, c.Key, u.CpuRequest, u.CpuUsage, u.MemoryRequest, u.MemoryUsage,
                c.Value.Net, c.Value.UnusedNet);
        })).OrderBy(r => r.Key, order).ThenBy(r => r.Currency.Code, StringComparer.Ordinal).ToList();

    /// <summary>Requests and usage summed over the pod-hours whose usage was known.</summary>
    private readonly record struct UsageTotals(decimal CpuRequest, decimal CpuUsage, decimal MemoryRequest, decimal MemoryUsage)
    {
        public UsageTotals Add(PodHourWeight w) => new(
            CpuRequest + (w.CpuUsage is null ? 0m : w.CpuRequest), CpuUsage + (w.CpuUsage ?? 0m),
            MemoryRequest + (w.MemoryUsage is null ? 0m : w.MemoryRequest), MemoryUsage + (w.MemoryUsage ?? 0m));
    }
}

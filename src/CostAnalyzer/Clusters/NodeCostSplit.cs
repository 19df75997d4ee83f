using Costs.CostModel.Allocation;
using Costs.CostModel.Clusters;
using MoneySplit = Costs.CostModel.Money.Split;

namespace Costs.CostAnalyzer.Clusters;

/// <summary>
/// Splits each node-hour's cost (one resource, one billing line) among the pods that ran on the node
/// that hour, by weight = max(request, usage). Capacity is the node's <c>status.capacity</c>; the part
/// that the kubelet reserves (capacity − allocatable) is system overhead, as are pods in system
/// namespaces; what is left after all of those is idle. When the pods together weigh more than the
/// node's capacity, there is no idle and the cost is split by weight alone.
/// Conservation: for every input line, the shares' Cost sum to its Cost and their Credits to its Credits,
/// exactly (largest remainder, <see cref="Costs.CostModel.Money.Split.ByWeight"/>).
/// </summary>
public static class NodeCostSplit
{
    public static ClusterSplitResult Split(IEnumerable<NodeHourCost> costs, IEnumerable<NodeHour> nodes,
        IEnumerable<PodHourWeight> pods, ClusterSplitOptions options)
    {
        var shares = new List<PodCostShare>();
        var idle = new List<NodeIdleHour>();
        var unmatched = new List<NodeHourCost>();
        foreach (var line in SplitLines(costs, nodes, pods, options))
        {
            if (line.Idle is null)
            {
                unmatched.Add(line.Cost);
                continue;
            }
            shares.AddRange(line.Shares);
            idle.Add(line.Idle);
        }
        return new ClusterSplitResult(shares, idle, unmatched);
    }

    /// <summary>
    /// <see cref="Split"/> one line at a time, in the order of <paramref name="costs"/>: a caller that adds the shares
    /// up as they come (a day of a big fleet has a share per pod, hour and resource) never holds them all.
    /// </summary>
    public static IEnumerable<LineSplit> SplitLines(IEnumerable<NodeHourCost> costs, IEnumerable<NodeHour> nodes,
        IEnumerable<PodHourWeight> pods, ClusterSplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(options);
        var nodeIndex = new Dictionary<(string, string, DateTimeOffset), NodeHour>();
        foreach (var n in nodes) nodeIndex[(n.Cluster, n.Node, n.Hour)] = n;
        var podIndex = PodsByNodeHour(pods);
        foreach (var cost in costs)
        {
            var key = (cost.Cluster, cost.Node, cost.Hour);
            if (!nodeIndex.TryGetValue(key, out var node))
            {
                yield return new LineSplit(cost, [], null);
                continue;
            }
            var onNode = podIndex.TryGetValue(key, out var list) ? list : [];
            var (lineShares, lineIdle) = SplitLine(cost, node, onNode, options);
            yield return new LineSplit(cost, lineShares, lineIdle);
        }
    }

    /// <summary>
    /// The pods of each node-hour, ordered by namespace, name and UID (ordinal; ties in the order given). Pods usually
    /// come grouped by node-hour and in that order (as <see cref="PodHours.Integrate"/> gives them), so a run of one
    /// node-hour is looked up once and a group already in order is not sorted.
    /// </summary>
    private static Dictionary<(string, string, DateTimeOffset), List<PodHourWeight>> PodsByNodeHour(IEnumerable<PodHourWeight> pods)
    {
        var index = new Dictionary<(string, string, DateTimeOffset), List<PodHourWeight>>();
        PodHourWeight? previous = null;
        List<PodHourWeight>? run = null;
        foreach (var p in pods)
        {
            if (previous is null || run is null || p.Hour != previous.Hour || p.Node != previous.Node || p.Cluster != previous.Cluster)
            {
                var key = (p.Cluster, p.Node, p.Hour);
                if (!index.TryGetValue(key, out run)) index[key] = run = [];
            }
            run.Add(p);
            previous = p;
        }
        foreach (var list in index.Values)
        {
            if (InOrder(list)) continue;
            var sorted = list.OrderBy(p => p.Pod.Namespace, StringComparer.Ordinal).ThenBy(p => p.Pod.Pod, StringComparer.Ordinal)
                .ThenBy(p => p.Pod.Uid, StringComparer.Ordinal).ToList();
            list.Clear();
            list.AddRange(sorted);
        }
        return index;
    }

    private static bool InOrder(List<PodHourWeight> pods)
    {
        for (var i = 1; i < pods.Count; i++)
        {
            PodRef a = pods[i - 1].Pod, b = pods[i].Pod;
            var c = string.CompareOrdinal(a.Namespace, b.Namespace);
            if (c == 0) c = string.CompareOrdinal(a.Pod, b.Pod);
            if (c == 0) c = string.CompareOrdinal(a.Uid, b.Uid);
            if (c > 0) return false;
        }
        return true;
    }

    /// <summary>One line: parts are [pods…, reserved, idle], then Spread modes move idle and overhead onto pods.</summary>
    internal static (List<PodCostShare> Shares, NodeIdleHour Idle) SplitLine(NodeHourCost cost, NodeHour node,
        IReadOnlyList<PodHourWeight> pods, ClusterSplitOptions options)
    {
        var r = cost.Resource;
        var n = pods.Count;
        var capacity = Math.Max(0m, node.Capacity(r));
        var reserved = Math.Max(0m, capacity - Math.Max(0m, node.Allocatable(r)));
        var podWeights = new decimal[n];
        var kinds = new CostKind[n];
        decimal used = 0m, allocatedWeight = 0m;
        var anyOverhead = false;
        for (var i = 0; i < n; i++)
        {
            podWeights[i] = Math.Max(0m, pods[i].Weight(r));
            used += podWeights[i];
            kinds[i] = options.IsSystem(pods[i].Pod.Namespace) ? CostKind.Overhead : CostKind.Allocated;
            if (kinds[i] == CostKind.Allocated) allocatedWeight += podWeights[i];
            else anyOverhead = true;
        }
        var idleWeight = Math.Max(0m, capacity - reserved - used);

        var reservedIndex = n;
        var idleIndex = n + 1;
        var weights = new decimal[n + 2];
        podWeights.CopyTo(weights, 0);
        weights[reservedIndex] = reserved;
        weights[idleIndex] = idleWeight;
        // Nothing weighs anything (no capacity known, no pods): the node-hour was paid for and unused.
        if (Array.TrueForAll(weights, w => w == 0m)) weights[idleIndex] = 1m;

        var cash = MoneySplit.ByWeight(cost.Cost, weights);
        var credit = MoneySplit.ByWeight(cost.Credits, weights);
        var idleCost = cash[idleIndex];
        var idleCredits = credit[idleIndex];
        var idleIncluded = new decimal[n];
        var overheadIncluded = new decimal[n];

        if (options.Idle == ShareMode.Spread && used > 0m)
        {
            idleIncluded = Spread(cash, credit, [idleIndex], podWeights);
        }

        if (options.Overhead == ShareMode.Spread && allocatedWeight > 0m)
        {
            var allocatedWeights = podWeights;
            var overheadParts = new List<int>();
            if (anyOverhead)
            {
                allocatedWeights = new decimal[n];
                for (var i = 0; i < n; i++)
                {
                    if (kinds[i] == CostKind.Allocated) allocatedWeights[i] = podWeights[i];
                    else overheadParts.Add(i);
                }
            }
            overheadParts.Add(reservedIndex);
            overheadIncluded = Spread(cash, credit, overheadParts, allocatedWeights);
        }

        return (Shares(cost, pods, kinds, podWeights, reserved, idleWeight, cash, credit, idleIncluded, overheadIncluded), new NodeIdleHour
        {
            Source = cost, Capacity = capacity, Reserved = reserved, Used = used, Idle = idleWeight,
            IdleCost = idleCost, IdleCredits = idleCredits,
            Spread = options.Idle == ShareMode.Spread && used > 0m,
        });
    }

    /// <summary>
    /// Empties the parts <paramref name="from"/> (cost and credits) and spreads their total over the pods by
    /// <paramref name="weights"/>, exactly; returns the cost each pod received.
    /// </summary>
    private static decimal[] Spread(decimal[] cash, decimal[] credit, IReadOnlyList<int> from, decimal[] weights)
    {
        decimal movedCash = 0m, movedCredit = 0m;
        foreach (var i in from)
        {
            movedCash += cash[i];
            movedCredit += credit[i];
            cash[i] = 0m;
            credit[i] = 0m;
        }
        var spreadCash = MoneySplit.ByWeight(movedCash, weights);
        var spreadCredit = MoneySplit.ByWeight(movedCredit, weights);
        for (var i = 0; i < weights.Length; i++)
        {
            cash[i] += spreadCash[i];
            credit[i] += spreadCredit[i];
        }
        return spreadCash;
    }

    private static List<PodCostShare> Shares(NodeHourCost cost, IReadOnlyList<PodHourWeight> pods, CostKind[] kinds, decimal[] podWeights,
        decimal reserved, decimal idleWeight, decimal[] cash, decimal[] credit, decimal[] idleIncluded, decimal[] overheadIncluded)
    {
        var r = cost.Resource;
        var n = pods.Count;
        var reservedIndex = n;
        var idleIndex = n + 1;
        var shares = new List<PodCostShare>(n + 2);
        for (var i = 0; i < n; i++)
        {
            if (cash[i] == 0m && credit[i] == 0m) continue;
            var p = pods[i];
            shares.Add(new PodCostShare
            {
                Source = cost, Kind = kinds[i], Pod = p.Pod,
                Request = p.Request(r), Usage = p.Usage(r), Weight = podWeights[i],
                Cost = cash[i], Credits = credit[i],
                IdleIncluded = idleIncluded[i], OverheadIncluded = overheadIncluded[i],
            });
        }
        if (cash[reservedIndex] != 0m || credit[reservedIndex] != 0m)
            shares.Add(new PodCostShare { Source = cost, Kind = CostKind.Overhead, Weight = reserved, Cost = cash[reservedIndex], Credits = credit[reservedIndex] });
        if (cash[idleIndex] != 0m || credit[idleIndex] != 0m)
            shares.Add(new PodCostShare { Source = cost, Kind = CostKind.Idle, Weight = idleWeight, Cost = cash[idleIndex], Credits = credit[idleIndex] });

        return shares;
    }
}

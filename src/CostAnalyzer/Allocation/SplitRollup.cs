using System.Runtime.InteropServices;
using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>
/// The allocation rows and workload efficiency of node splits, added up as the shares come
/// (<see cref="NodeCostSplit.SplitLines"/>), so that a day of a big fleet (a share per pod, hour and resource) is
/// never held share by share. A pod's share is attributed from its labels with the same rules as a billing line,
/// with the project of the pod's first share; a pod that no label names a service for takes its workload's name
/// (rule <c>service=workload</c>), and a bare pod with neither is unallocated. Idle and the node's system reservation
/// keep their kind, with the node's cluster, pool and environment. Pods are compared by value (found by reference
/// after the first time, <see cref="PodRefs"/>). Pure.
/// </summary>
/// <param name="shared">The shared-cost policies: an allocated pod share that a label policy selects (by the pod's or its namespace's labels) is marked for it (<see cref="AllocationRow.SharedBy"/>).</param>
public sealed class SplitRollup(Attributor attributor, IReadOnlyList<SharedCostOptions>? shared = null)
{
    private readonly PodRefs _pods = new();
    private readonly ShareGroups _groups = new();
    private readonly List<NodeHourCost> _unmatched = [];
    private readonly Dictionary<PodRef, NodeHourCost> _sources = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PodRef, Attribution.Attribution> _attributions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PodRef, WorkloadKey?> _keys = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<WorkloadKey, WorkloadKey> _interned = [];
    private readonly Dictionary<DateOnly, EfficiencyTotals<WorkloadKey>> _efficiency = [];
    private DateOnly _lastDay;
    private EfficiencyTotals<WorkloadKey>? _lastTotals;

    /// <summary>Adds a line's shares, or the line itself when no sample covered it (unallocated, <see cref="ClusterShares.NotSampledRule"/>).</summary>
    public void Add(LineSplit line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Idle is null) AddUnmatched(line.Cost);
        else foreach (var share in line.Shares) Add(share);
    }

    public void Add(PodCostShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        var pod = share.Pod is { } p ? _pods.Canonical(p) : null;
        _groups.Add(share, pod);
        if (pod is null) return;
        // A pod's key is made once its first share's source is known, so a pod with a key has its source.
        if (!_keys.TryGetValue(pod, out var key))
        {
            _sources.TryAdd(pod, share.Source);
            key = Key(pod);
        }
        if (EfficiencyTotals<WorkloadKey>.Counts(share) && key is not null) TotalsOf(share.Source.Day).AddShare(share, key);
    }

    private EfficiencyTotals<WorkloadKey> TotalsOf(DateOnly day)
    {
        if (_lastTotals is not null && _lastDay == day) return _lastTotals;
        ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_efficiency, day, out _);
        totals ??= new EfficiencyTotals<WorkloadKey>(ReferenceEqualityComparer.Instance);
        (_lastDay, _lastTotals) = (day, totals);
        return totals;
    }

    /// <summary>A node line of an hour that no sample covered.</summary>
    public void AddUnmatched(NodeHourCost cost) => _unmatched.Add(cost);

    /// <summary>A row per pod, kind and node line of a day (the shares' sums), in the order their first shares came, then a row per unmatched line.</summary>
    public IEnumerable<AllocationRow> Rows()
    {
        foreach (var group in _groups.Groups) yield return Row(group);
        foreach (var u in _unmatched)
        {
            yield return new AllocationRow
            {
                Day = u.Day, Currency = u.Currency, InvoiceMonth = u.InvoiceMonth, Kind = CostKind.Unallocated,
                Dimensions = new Dimensions
                {
                    Environment = u.Environment, Project = u.Project, CloudService = u.CloudService, Sku = u.Sku,
                    Region = u.Region, Cluster = u.Cluster, NodePool = u.NodePool, Node = u.Node,
                },
                Rule = ClusterShares.NotSampledRule,
                Cost = u.Cost,
                Credits = u.Credits,
            };
        }
    }

    /// <summary>
    /// Efficiency per day (of <paramref name="weights"/>, with a share that day), cluster, namespace and workload, from the
    /// pod-hours' requests and usage and the shares' money. Call it once, after the last share.
    /// </summary>
    public IReadOnlyList<WorkloadEfficiency> Efficiency(IEnumerable<PodHourWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var rows = new List<WorkloadEfficiency>();
        foreach (var day in weights.GroupBy(w => DateOnly.FromDateTime(w.Hour.UtcDateTime)))
        {
            if (!_efficiency.TryGetValue(day.Key, out var totals)) continue;
            foreach (var w in day)
                if (Key(_pods.Canonical(w.Pod)) is { } key) totals.AddWeight(w, key);
            foreach (var e in totals.Rows(WorkloadKey.Order))
            {
                var k = e.Key;
                rows.Add(new WorkloadEfficiency
                {
                    Day = day.Key, Currency = e.Currency, Cluster = k.Cluster, Namespace = k.Namespace,
                    Workload = k.Workload, Service = k.Service, Team = k.Team, Environment = k.Environment,
                    CpuRequest = e.CpuRequest, CpuUsage = e.CpuUsage, MemoryRequest = e.MemoryRequest, MemoryUsage = e.MemoryUsage,
                    Net = e.Net, UnusedNet = e.UnusedNet,
                });
            }
        }
        return rows;
    }

    /// <summary>A canonical pod's workload key (one instance per value), or null for a pod without a share.</summary>
    private WorkloadKey? Key(PodRef pod)
    {
        if (_keys.TryGetValue(pod, out var key)) return key;
        if (_sources.TryGetValue(pod, out var src))
        {
            var a = Attribute(pod);
            key = new WorkloadKey(pod.Cluster, pod.Namespace, pod.Workload, a.Service, a.Team, a.Environment ?? src.Environment);
            if (!_interned.TryGetValue(key, out var same)) _interned[key] = same = key;
            key = same;
        }
        _keys[pod] = key;
        return key;
    }

    /// <summary>The row of a group of shares: the pod's attribution (or the node's, for idle and its reservation) and the sums.</summary>
    private AllocationRow Row(ShareGroups.Group group)
    {
        var s = group.First.Source;
        var kind = group.First.Kind;
        string? service = null, team = null, environment = s.Environment, ns = null, workload = null;
        string rule, missing = "";
        string? sharedBy = null;
        if (group.Pod is { } pod)
        {
            var a = Attribute(pod);
            (service, team, ns, workload) = (a.Service, a.Team, pod.Namespace, pod.Workload);
            environment = a.Environment ?? s.Environment;
            rule = a.Rule.Length == 0 ? ClusterShares.SplitRule : $"{ClusterShares.SplitRule}; {a.Rule}";
            if (kind == CostKind.Allocated && service is null)
            {
                kind = CostKind.Unallocated;
                missing = a.Missing;
            }
            if (kind == CostKind.Allocated && shared is { Count: > 0 })
                sharedBy = SharedCostOptions.LabelPolicy(shared, pod.Labels, pod.NamespaceLabels);
        }
        else
        {
            environment ??= attributor.Attribute(Labels.Empty, Labels.Empty, Labels.Empty, s.Project, s.Cluster, null).Environment;
            rule = kind == CostKind.Idle ? $"{ClusterShares.SplitRule}: idle capacity" : $"{ClusterShares.SplitRule}: node system reservation";
        }
        return new AllocationRow
        {
            Day = s.Day,
            Currency = s.Currency,
            InvoiceMonth = s.InvoiceMonth,
            Kind = kind,
            Dimensions = new Dimensions
            {
                Service = kind is CostKind.Idle ? null : service,
                Team = team,
                Environment = environment,
                Project = s.Project,
                CloudService = s.CloudService,
                Sku = s.Sku,
                Region = s.Region,
                Cluster = s.Cluster,
                Namespace = ns,
                NodePool = s.NodePool,
                Node = s.Node,
                Workload = workload,
            },
            Rule = rule,
            Missing = missing,
            SharedBy = sharedBy,
            Cost = group.Cost,
            Credits = group.Credits,
        };
    }

    /// <summary>What efficiency is reported per: a workload with the attribution of its pods.</summary>
    private sealed record WorkloadKey(string Cluster, string Namespace, string? Workload, string? Service, string? Team, string? Environment)
    {
        /// <summary>Ordinal, field by field, a missing value first.</summary>
        public static readonly IComparer<WorkloadKey> Order = Comparer<WorkloadKey>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Cluster, b.Cluster);
            if (c == 0) c = string.CompareOrdinal(a.Namespace, b.Namespace);
            if (c == 0) c = string.CompareOrdinal(a.Workload, b.Workload);
            if (c == 0) c = string.CompareOrdinal(a.Service, b.Service);
            if (c == 0) c = string.CompareOrdinal(a.Team, b.Team);
            return c != 0 ? c : string.CompareOrdinal(a.Environment, b.Environment);
        });
    }

    /// <summary>A canonical pod's attribution, with the project of its first share's line.</summary>
    private Attribution.Attribution Attribute(PodRef pod)
    {
        if (_attributions.TryGetValue(pod, out var a)) return a;
        var source = _sources[pod];
        a = attributor.Attribute(pod.Labels, Labels.Empty, Labels.Empty, source.Project, pod.Cluster, pod.Namespace, pod.NamespaceLabels);
        if (a.Service is null && pod.Workload is { } w)
        {
            var name = w[(w.IndexOf('/', StringComparison.Ordinal) + 1)..];
            a = a with
            {
                Service = name,
                Rule = a.Rule.Length == 0 ? "service=workload" : a.Rule + "; service=workload",
                Missing = string.Join("; ", a.Missing.Split("; ").Where(m => !m.StartsWith("service:", StringComparison.Ordinal))),
            };
        }
        _attributions[pod] = a;
        return a;
    }
}

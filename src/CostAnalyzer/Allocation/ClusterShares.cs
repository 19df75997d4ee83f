using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;

namespace Costs.CostAnalyzer.Allocation;

/// <summary>
/// Turns the split of node costs into allocation rows and workload efficiency. A pod's share is
/// attributed from its labels with the same rules as a billing line; a pod that no label names a
/// service for takes its workload's name (rule <c>service=workload</c>), and a bare pod with neither
/// is unallocated. Idle and the node's system reservation keep their kind, with the node's cluster,
/// pool and environment. Pure.
/// </summary>
public static class ClusterShares
{
    public const string SplitRule = "node-split";

    /// <summary>
    /// The rule of a node line in an hour that the cluster was not sampled: unallocated because nothing is
    /// known of what ran on the node then, not because labels are missing (its Missing is empty).
    /// </summary>
    public const string NotSampledRule = SplitRule + ": cluster not sampled that hour";

    /// <param name="shared">The shared-cost policies: an allocated pod share that a label policy selects (by the pod's or its namespace's labels) is marked for it (<see cref="AllocationRow.SharedBy"/>).</param>
    /// <remarks>Shares that would make rows alike in all but money come out as one row with their sums (<see cref="ShareGroups"/>).</remarks>
    public static IEnumerable<AllocationRow> ToRows(ClusterSplitResult split, Attributor attributor, IReadOnlyList<SharedCostOptions>? shared = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        var groups = new ShareGroups();
        foreach (var share in split.Shares) groups.Add(share);
        var cache = new Dictionary<PodRef, Attribution.Attribution>(ReferenceEqualityComparer.Instance);
        foreach (var group in groups.Groups) yield return Row(group, attributor, shared, cache);
        foreach (var u in split.Unmatched)
        {
            yield return new AllocationRow
            {
                Day = u.Day, Currency = u.Currency, InvoiceMonth = u.InvoiceMonth, Kind = CostKind.Unallocated,
                Dimensions = new Dimensions
                {
                    Environment = u.Environment, Project = u.Project, CloudService = u.CloudService, Sku = u.Sku,
                    Region = u.Region, Cluster = u.Cluster, NodePool = u.NodePool, Node = u.Node,
                },
                Rule = NotSampledRule,
                Cost = u.Cost,
                Credits = u.Credits,
            };
        }
    }

    /// <summary>The row of a group of shares: the pod's attribution (or the node's, for idle and its reservation) and the sums.</summary>
    private static AllocationRow Row(ShareGroups.Group group, Attributor attributor, IReadOnlyList<SharedCostOptions>? shared,
        Dictionary<PodRef, Attribution.Attribution> cache)
    {
        var s = group.First.Source;
        var kind = group.First.Kind;
        string? service = null, team = null, environment = s.Environment, ns = null, workload = null;
        string rule, missing = "";
        string? sharedBy = null;
        if (group.Pod is { } pod)
        {
            var a = Attribute(pod, s, attributor, cache);
            (service, team, ns, workload) = (a.Service, a.Team, pod.Namespace, pod.Workload);
            environment = a.Environment ?? s.Environment;
            rule = a.Rule.Length == 0 ? SplitRule : $"{SplitRule}; {a.Rule}";
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
            rule = kind == CostKind.Idle ? $"{SplitRule}: idle capacity" : $"{SplitRule}: node system reservation";
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

    /// <summary>Efficiency per day, cluster, namespace and workload, with the attribution of the workload's pods.</summary>
    public static IReadOnlyList<WorkloadEfficiency> Efficiency(IEnumerable<PodHourWeight> weights, ClusterSplitResult split,
        Attributor attributor)
    {
        ArgumentNullException.ThrowIfNull(split);
        var keys = new WorkloadKeys(attributor);
        foreach (var s in split.Shares)
            if (s.Pod is { } pod) keys.Source(pod, s.Source);
        var sharesByDay = split.Shares.ToLookup(s => s.Source.Day);
        var rows = new List<WorkloadEfficiency>();
        foreach (var day in weights.GroupBy(w => DateOnly.FromDateTime(w.Hour.UtcDateTime)))
        {
            foreach (var e in ClusterReports.Efficiency(day, sharesByDay[day.Key], keys.Of, WorkloadKey.Order, ReferenceEqualityComparer.Instance))
            {
                var w = e.Key;
                rows.Add(new WorkloadEfficiency
                {
                    Day = day.Key, Currency = e.Currency, Cluster = w.Cluster, Namespace = w.Namespace,
                    Workload = w.Workload, Service = w.Service, Team = w.Team, Environment = w.Environment,
                    CpuRequest = e.CpuRequest, CpuUsage = e.CpuUsage, MemoryRequest = e.MemoryRequest, MemoryUsage = e.MemoryUsage,
                    Net = e.Net, UnusedNet = e.UnusedNet,
                });
            }
        }
        return rows;
    }

    /// <summary>
    /// Each pod's workload key, attributed with the source of the pod's first share (pods by value, found by
    /// reference after the first time: <see cref="PodRefs"/>); equal keys are one instance, so that the roll-up
    /// compares them by reference.
    /// </summary>
    private sealed class WorkloadKeys(Attributor attributor)
    {
        private readonly PodRefs _pods = new();
        private readonly Dictionary<PodRef, NodeHourCost> _sources = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<PodRef, WorkloadKey?> _keys = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<PodRef, Attribution.Attribution> _attributions = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<WorkloadKey, WorkloadKey> _interned = [];

        /// <summary>Notes the source of a pod's share; the first one counts.</summary>
        public void Source(PodRef pod, NodeHourCost source) => _sources.TryAdd(_pods.Canonical(pod), source);

        /// <summary>The pod's key, or null for a pod without a share.</summary>
        public WorkloadKey? Of(PodRef pod)
        {
            pod = _pods.Canonical(pod);
            if (_keys.TryGetValue(pod, out var key)) return key;
            if (_sources.TryGetValue(pod, out var src))
            {
                var a = Attribute(pod, src, attributor, _attributions);
                key = new WorkloadKey(pod.Cluster, pod.Namespace, pod.Workload, a.Service, a.Team, a.Environment ?? src.Environment);
                if (!_interned.TryGetValue(key, out var same)) _interned[key] = same = key;
                key = same;
            }
            _keys[pod] = key;
            return key;
        }
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

    private static Attribution.Attribution Attribute(PodRef pod, NodeHourCost source, Attributor attributor,
        Dictionary<PodRef, Attribution.Attribution> cache)
    {
        if (cache.TryGetValue(pod, out var a)) return a;
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
        cache[pod] = a;
        return a;
    }
}

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
    public static IEnumerable<AllocationRow> ToRows(ClusterSplitResult split, Attributor attributor, IReadOnlyList<SharedCostOptions>? shared = null)
    {
        var cache = new Dictionary<PodRef, Attribution.Attribution>();
        foreach (var share in split.Shares)
        {
            var s = share.Source;
            var kind = share.Kind;
            string? service = null, team = null, environment = s.Environment, ns = null, workload = null;
            string rule, missing = "";
            string? sharedBy = null;
            if (share.Pod is { } pod)
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
            yield return new AllocationRow
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
                Cost = share.Cost,
                Credits = share.Credits,
            };
        }
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

    /// <summary>Efficiency per day, cluster, namespace and workload, with the attribution of the workload's pods.</summary>
    public static IReadOnlyList<WorkloadEfficiency> Efficiency(IEnumerable<PodHourWeight> weights, ClusterSplitResult split,
        Attributor attributor)
    {
        var cache = new Dictionary<PodRef, Attribution.Attribution>();
        var sourceByPod = split.Shares.Where(s => s.Pod is not null).GroupBy(s => s.Pod!).ToDictionary(g => g.Key, g => g.First().Source);
        var sharesByDay = split.Shares.ToLookup(s => s.Source.Day);
        var rows = new List<WorkloadEfficiency>();
        foreach (var day in weights.GroupBy(w => DateOnly.FromDateTime(w.Hour.UtcDateTime)))
        {
            var shares = sharesByDay[day.Key];
            WorkloadKey? Key(PodRef p)
            {
                if (!sourceByPod.TryGetValue(p, out var src)) return null;
                var a = Attribute(p, src, attributor, cache);
                return new WorkloadKey(p.Cluster, p.Namespace, p.Workload, a.Service, a.Team, a.Environment ?? src.Environment);
            }
            foreach (var e in ClusterReports.Efficiency(day, shares, Key, WorkloadKey.Order))
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

    /// <summary>What efficiency is reported per: a workload with the attribution of its pods.</summary>
    private sealed record WorkloadKey(string Cluster, string Namespace, string? Workload, string? Service, string? Team, string? Environment)
    {
        /// <summary>Ordinal, field by field, a missing value first.</summary>
        public static readonly IComparer<WorkloadKey> Order = Comparer<WorkloadKey>.Create((a, b) =>
        {
            foreach (var (x, y) in new[] { (a.Cluster, b.Cluster), (a.Namespace, b.Namespace), (a.Workload, b.Workload),
                         (a.Service, b.Service), (a.Team, b.Team), (a.Environment, b.Environment) })
            {
                var c = string.CompareOrdinal(x, y);
                if (c != 0) return c;
            }
            return 0;
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

using Costs.CostModel.Allocation;
using Costs.CostReports.Workbook;

namespace Costs.CostReports.Summary;

/// <summary>
/// One cluster, node pool or node, month to date: its net cost by kind, the idle share, and (for a whole
/// cluster) how much of what its workloads requested they used. <see cref="NodePool"/> is null on the
/// cluster's own line, <see cref="Node"/> on the cluster's and the pools' lines.
/// </summary>
public sealed record ClusterLine(string Cluster, string? NodePool, decimal Allocated, decimal Idle, decimal Overhead,
    decimal Unallocated, decimal? CpuEfficiency, decimal? MemoryEfficiency, decimal UnusedNet)
{
    public string? Node { get; init; }

    public decimal Net => Allocated + Idle + Overhead + Unallocated;
    public decimal? IdleShare => Net == 0m ? null : Idle / Net;
}

/// <summary>One workload, month to date: its cost, what it requested, used, and paid for without using.</summary>
public sealed record WorkloadLine(string Cluster, string Namespace, string? Workload, string? Service, string? Team,
    string? Environment, decimal Net, decimal UnusedNet, decimal CpuRequestHours, decimal CpuUsageHours,
    decimal MemoryRequestGiBHours, decimal MemoryUsageGiBHours)
{
    public decimal? CpuEfficiency => CpuRequestHours == 0m ? null : CpuUsageHours / CpuRequestHours;
    public decimal? MemoryEfficiency => MemoryRequestGiBHours == 0m ? null : MemoryUsageGiBHours / MemoryRequestGiBHours;
}

/// <summary>Month-to-date roll-ups of cluster costs and workload efficiency. Pure.</summary>
public static class ClusterBreakdown
{
    private const decimal GiB = 1073741824m;

    public static IReadOnlyList<ClusterLine> Clusters(ReportInput input)
    {
        var mtd = ReportPeriods.For(input.AsOf).MonthToDate;
        var rows = input.RowsInCurrency().Where(r => r.Dimensions.Cluster is not null && mtd.Contains(r.Day)).ToList();
        var efficiency = input.Efficiency.Where(e => e.Currency == input.Currency && mtd.Contains(e.Day)).ToList();
        var lines = new List<ClusterLine>();
        foreach (var cluster in rows.GroupBy(r => r.Dimensions.Cluster!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var e = efficiency.Where(x => x.Cluster == cluster.Key).ToList();
            lines.Add(Line(cluster.Key, null, cluster, Ratio(e.Sum(x => x.CpuUsage), e.Sum(x => x.CpuRequest)),
                Ratio(e.Sum(x => x.MemoryUsage), e.Sum(x => x.MemoryRequest)), e.Sum(x => x.UnusedNet)));
            foreach (var pool in cluster.Where(r => r.Dimensions.NodePool is not null).GroupBy(r => r.Dimensions.NodePool!)
                         .OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add(Line(cluster.Key, pool.Key, pool, null, null, 0m));
                foreach (var node in pool.Where(r => r.Dimensions.Node is not null).GroupBy(r => r.Dimensions.Node!)
                             .OrderBy(g => g.Key, StringComparer.Ordinal))
                    lines.Add(Line(cluster.Key, pool.Key, node, null, null, 0m) with { Node = node.Key });
            }
        }
        return lines;
    }

    public static IReadOnlyList<WorkloadLine> Workloads(ReportInput input)
    {
        var mtd = ReportPeriods.For(input.AsOf).MonthToDate;
        return input.Efficiency.Where(e => e.Currency == input.Currency && mtd.Contains(e.Day))
            .GroupBy(e => (e.Cluster, e.Namespace, e.Workload, e.Service, e.Team, e.Environment))
            .Select(g => new WorkloadLine(g.Key.Cluster, g.Key.Namespace, g.Key.Workload, g.Key.Service, g.Key.Team, g.Key.Environment,
                g.Sum(x => x.Net), g.Sum(x => x.UnusedNet), g.Sum(x => x.CpuRequest), g.Sum(x => x.CpuUsage),
                g.Sum(x => x.MemoryRequest) / GiB, g.Sum(x => x.MemoryUsage) / GiB))
            .OrderByDescending(w => w.Net).ThenBy(w => w.Cluster, StringComparer.Ordinal)
            .ThenBy(w => w.Namespace, StringComparer.Ordinal).ThenBy(w => w.Workload, StringComparer.Ordinal)
            .ToList();
    }

    private static ClusterLine Line(string cluster, string? pool, IEnumerable<AllocationRow> rows, decimal? cpu, decimal? memory, decimal unused)
    {
        decimal allocated = 0m, idle = 0m, overhead = 0m, unallocated = 0m;
        foreach (var r in rows)
        {
            switch (r.Kind)
            {
                case CostKind.Allocated: allocated += r.Net; break;
                case CostKind.Idle: idle += r.Net; break;
                case CostKind.Overhead: overhead += r.Net; break;
                case CostKind.Unallocated: unallocated += r.Net; break;
                default: throw new ArgumentOutOfRangeException(nameof(rows), r.Kind, "Unknown cost kind.");
            }
        }
        return new ClusterLine(cluster, pool, allocated, idle, overhead, unallocated, cpu, memory, unused);
    }

    private static decimal? Ratio(decimal part, decimal whole) => whole == 0m ? null : part / whole;
}

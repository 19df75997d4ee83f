using System.Globalization;
using Costs.CostAnalyzer.Clusters;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostModel.Money;

namespace Costs.CostAnalyzer.Rightsizing;

/// <summary>
/// Requests well above usage. For each workload and resource, every hour with usage gives the share of
/// the request that was used (usage ÷ request, summed over the pods); the percentile of those shares
/// (nearest rank: the ⌈p·n⌉-th smallest) times the pod's request is its usage at that percentile. The
/// request to set is that plus the headroom, rounded up to a millicore or a MiB. It is recommended when
/// today's request is at least <see cref="RightsizingOptions.WellAbove"/> times the percentile usage.
/// Saving: the request-hours of the window shrink by the same share, at the unit price, over 730 hours.
/// Pure. Shares are scale-free, so a workload whose replicas come and go is judged per pod.
/// </summary>
public static class RightsizingAdvisor
{
    private const decimal BytesPerGib = 1_073_741_824m;
    private const decimal BytesPerMib = 1_048_576m;

    public static IReadOnlyList<RightsizingRecommendation> Recommend(IEnumerable<WorkloadUsage> workloads, RightsizingOptions options)
    {
        OptionsCheck.ThrowIfInvalid(options.Validate, "Rightsizing");
        return workloads.SelectMany(w => new[] { Judge(w, RequestResource.Cpu, options), Judge(w, RequestResource.Memory, options) })
            .OfType<RightsizingRecommendation>()
            .OrderByDescending(r => r.MonthlySavings).ThenBy(r => r.Cluster, StringComparer.Ordinal)
            .ThenBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Resource).ToList();
    }

    /// <summary>
    /// Workload hours from pod hours: per cluster, namespace and owner workload, each UTC hour's
    /// requests and usage summed over its pods. Pods with no owner workload are left out: there is no
    /// template to set a request on.
    /// </summary>
    public static IReadOnlyDictionary<(string Cluster, string Namespace, string Workload), IReadOnlyList<WorkloadHour>> Hours(IEnumerable<PodHourWeight> pods) =>
        pods.Where(p => p.Pod.Workload is not null)
            .GroupBy(p => (p.Cluster, p.Pod.Namespace, Workload: p.Pod.Workload!))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<WorkloadHour>)g.GroupBy(p => p.Hour).OrderBy(h => h.Key)
                .Select(h => new WorkloadHour(h.Key, h.Sum(p => p.CpuRequest), SumKnown(h.Select(p => p.CpuUsage)),
                    h.Sum(p => p.MemoryRequest), SumKnown(h.Select(p => p.MemoryUsage))))
                .ToList());

    private static decimal? SumKnown(IEnumerable<decimal?> values)
    {
        decimal? sum = null;
        foreach (var v in values) if (v is { } x) sum = (sum ?? 0m) + x;
        return sum;
    }

    private static RightsizingRecommendation? Judge(WorkloadUsage w, RequestResource resource, RightsizingOptions options)
    {
        var cpu = resource == RequestResource.Cpu;
        var podRequest = cpu ? w.CpuPodRequest : w.MemoryPodRequest;
        if (podRequest <= 0m) return null;
        var hours = w.Hours.Select(h => (Request: cpu ? h.CpuRequest : h.MemoryRequest, Usage: cpu ? h.CpuUsage : h.MemoryUsage))
            .Where(h => h.Usage is not null && h.Request > 0m).ToList();
        if (hours.Count < options.MinimumHours) return null;

        var shares = hours.Select(h => h.Usage!.Value / h.Request).Order().ToArray();
        var rank = (int)Math.Ceiling(options.Percentile * shares.Length);
        var percentileUsage = podRequest * shares[Math.Max(rank, 1) - 1];
        var grain = cpu ? 0.001m : BytesPerMib;
        var recommended = Math.Max(grain, Math.Ceiling(percentileUsage * (1m + options.Headroom) / grain) * grain);
        if (podRequest < options.WellAbove * percentileUsage || recommended >= podRequest) return null;

        var requestHours = w.Hours.Sum(h => cpu ? h.CpuRequest : h.MemoryRequest / BytesPerGib);
        var price = cpu ? w.CpuPrice : w.MemoryPrice;
        var savings = Monthly.FromWindow(requestHours * (1m - recommended / podRequest) * price, w.WindowHours);
        if (savings < options.MinimumMonthlySavings) return null;
        var (now, set, used) = (Amount(resource, podRequest), Amount(resource, recommended), Amount(resource, percentileUsage));
        return new RightsizingRecommendation
        {
            Cluster = w.Cluster, Namespace = w.Namespace, Workload = w.Workload, Environment = w.Environment, Resource = resource,
            Currency = w.Currency, CurrentRequest = podRequest, RecommendedRequest = recommended, UsagePercentile = percentileUsage,
            Hours = hours.Count, MonthlySavings = savings,
            Reason = $"{w.Workload} in {w.Namespace} ({w.Cluster}) requests {now} of {(cpu ? "CPU" : "memory")} per pod, but used at most {used} "
                     + $"in {MoneyText.Percent(options.Percentile * 100m)} of {hours.Count} hours: set the request to {set} "
                     + $"(that plus {MoneyText.Percent(options.Headroom * 100m)}), saving about {MoneyText.Format(savings, w.Currency)} a month.",
        };
    }

    /// <summary>"0.25 cores", "512 MiB", "1.5 GiB".</summary>
    internal static string Amount(RequestResource resource, decimal value)
    {
        if (resource == RequestResource.Cpu) return $"{Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture)} cores";
        return value >= BytesPerGib
            ? $"{Math.Round(value / BytesPerGib, 2).ToString("0.##", CultureInfo.InvariantCulture)} GiB"
            : $"{Math.Round(value / BytesPerMib, 0).ToString("0", CultureInfo.InvariantCulture)} MiB";
    }
}

using Costs.CostAnalyzer.Clusters;
using Costs.CostAnalyzer.Commitments;
using Costs.CostAnalyzer.Idle;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostAnalyzer.Rightsizing;
using Costs.CostAnalyzer.Spot;
using Costs.CostApplication.Query;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Money;
using Costs.CostModel.Prices;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Recommend;

/// <summary>
/// The recommend use case: load the lookback's billing lines, cluster samples, allocations and the
/// stored Catalog prices (I/O) → size commitments, spot moves, rightsizing and idle clean-up with the
/// pure advisors → one <see cref="RecommendationSet"/>. Where a price is missing the set's notes say
/// which, and that pool is left out. Nothing is written.
/// </summary>
public sealed class RecommendCosts(CostStore store, RecommendationOptions options)
{
    /// <param name="asOf">The last day of the lookback (default: the last analyzed day).</param>
    /// <param name="lookbackDays">Days of history to size on (default: Recommendations:Commitments:Lookback).</param>
    public Task<RecommendationSet> RunAsync(DateOnly? asOf, int? lookbackDays, CancellationToken ct) =>
        RunAsync(asOf, lookbackDays, null, ct);

    /// <param name="asOf">The last day of the lookback (default: the last analyzed day).</param>
    /// <param name="lookbackDays">Days of history to size on (default: Recommendations:Commitments:Lookback).</param>
    /// <param name="allocations">
    /// Allocation rows being read elsewhere, in the store's order, of a range that covers the lookback (the
    /// report's rows of every day, read on another connection while this sizes commitments): the idle advice
    /// takes the window's from them instead of reading them again, and awaits them only when it needs them.
    /// </param>
    public async Task<RecommendationSet> RunAsync(DateOnly? asOf, int? lookbackDays, Task<IReadOnlyList<AllocationRow>>? allocations, CancellationToken ct)
    {
        var (currency, day, firstDay, lookback, window) = await WindowAsync(asOf, lookbackDays, ct);
        var notes = new List<string>();
        var prices = await store.ReadPricesAsync(ct);
        if (prices.Count == 0) notes.Add("No Catalog prices are stored: run `costs prices` to size resource-based commitments, spot moves and rightsizing.");

        var commitments = await CommitmentsAsync(window, firstDay, currency, prices, lookback, notes, ct);
        var (nodeHours, podHours) = PodHours.Integrate(await store.ReadClusterSamplesAsync(window, ct));
        var windowHours = (window.EndExclusive.DayNumber - window.Start.DayNumber) * 24;
        var spot = Spot(nodeHours, prices, currency, windowHours, notes);
        var rightsizing = Rightsizing(nodeHours, podHours, prices, currency, windowHours, notes);
        var rows = allocations is null ? await store.ReadAllocationsAsync(window, ct) : (await allocations).Where(r => window.Contains(r.Day)).ToList();
        var idle = IdleAdvisor.Recommend(IdleAdvisor.Days(rows, byNodePool: false).Concat(IdleAdvisor.Days(rows, byNodePool: true)), options.Idle);

        var history = day.DayNumber - firstDay.DayNumber + 1;
        return new RecommendationSet(day, history, lookback, commitments, spot, rightsizing, idle, notes);
    }

    /// <summary>
    /// The rightsizing of <see cref="RunAsync(DateOnly?, int?, CancellationToken)"/> alone, with the notes it gives (the same window, samples and
    /// prices): what a service page shows of its workloads, without reading the billing sums that sizing
    /// commitments needs.
    /// </summary>
    public async Task<(IReadOnlyList<RightsizingRecommendation> Rightsizing, IReadOnlyList<string> Notes)> RightsizingAsync(
        DateOnly? asOf, CancellationToken ct)
    {
        var (currency, _, _, _, window) = await WindowAsync(asOf, null, ct);
        var notes = new List<string>();
        var prices = await store.ReadPricesAsync(ct);
        if (prices.Count == 0) notes.Add("No Catalog prices are stored: run `costs prices` to judge rightsizing.");
        var (nodeHours, podHours) = PodHours.Integrate(await store.ReadClusterSamplesAsync(window, ct));
        var rightsizing = Rightsizing(nodeHours, podHours, prices, currency, (window.EndExclusive.DayNumber - window.Start.DayNumber) * 24, notes);
        return (rightsizing, notes);
    }

    private async Task<(Currency Currency, DateOnly Day, DateOnly FirstDay, int Lookback, DateRange Window)> WindowAsync(
        DateOnly? asOf, int? lookbackDays, CancellationToken ct)
    {
        var billed = await store.ReadBilledDaysAsync(DateRange.Everything, ct);
        if (billed.Count == 0)
            throw new StageException(FailureKind.Failure, "The store holds no analyzed billing data: load some with `costs ingest`, or try `costs demo`.");
        var currency = CurrencyChoice.Pick(billed, null, "the store");
        var day = asOf ?? billed.Max(b => b.Day);
        var firstDay = billed.Min(b => b.Day);
        var lookback = lookbackDays ?? (int)options.Commitments.Lookback.TotalDays;
        if (lookback < 1) throw new StageException(FailureKind.Configuration, $"The lookback must be at least one day (is {lookback}).");
        if (lookbackDays is not null)
        {
            // Refused before anything is read, as configuration (the sizing's own check would throw after the reads).
            var errors = new List<string>();
            options.Commitments.WithLookback(TimeSpan.FromDays(lookback)).Validate($"{RecommendationOptions.SectionName}:Commitments", errors);
            if (errors.Count > 0)
                throw new StageException(FailureKind.Configuration, $"--lookback-days {lookback} does not fit the sizing options: {string.Join(" ", errors)}");
        }
        // Hours before the store's first day are not zero usage, they are no data: the window starts at the first day.
        var windowStart = day.AddDays(1 - lookback);
        return (currency, day, firstDay, lookback, new DateRange(windowStart < firstDay ? firstDay : windowStart, day.AddDays(1)));
    }

    private async Task<IReadOnlyList<CommitmentRecommendation>> CommitmentsAsync(DateRange window, DateOnly firstDay, Currency currency,
        IReadOnlyList<MachinePrice> prices, int lookback, List<string> notes, CancellationToken ct)
    {
        var start = new DateTimeOffset(window.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var usage = new CommitmentUsage(start, (window.EndExclusive.DayNumber - window.Start.DayNumber) * 24, currency);
        await foreach (var group in store.ReadSkuHoursAsync(window, CommitmentUsage.Uses, ct)) usage.Add(group);

        var storeStart = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var pools = new List<CommitmentPool>();
        foreach (var pool in usage.Pools())
        {
            // Used from the window's first hour: its history goes back at least to the store's first day.
            var sized = pool.Hours[0] > 0m && storeStart < pool.Start ? pool with { FirstUsage = storeStart } : pool;
            if (pool.Key.Type == CommitmentType.Flexible)
            {
                pools.Add(sized);
                continue;
            }
            if (CommitmentPrices.FromCatalog(prices, pool.Key, currency, out var missing) is { } catalog)
                pools.Add(sized with { Prices = catalog });
            else notes.Add($"{pool.Key}: not sized, no stored price for {missing}.");
        }
        var sizing = options.Commitments.Lookback.TotalDays == lookback
            ? options.Commitments
            : options.Commitments.WithLookback(TimeSpan.FromDays(lookback));
        return CommitmentAdvisor.Recommend(pools, sizing);
    }

    private IReadOnlyList<SpotRecommendation> Spot(IReadOnlyList<NodeHour> nodeHours, IReadOnlyList<MachinePrice> prices, Currency currency,
        int windowHours, List<string> notes)
    {
        var (pools, skipped) = SpotAdvisor.NodePools(nodeHours, windowHours);
        var result = SpotAdvisor.Recommend(pools, prices, currency, options.Spot);
        notes.AddRange(skipped.Concat(result.Skipped).Select(s => $"{s.Cluster}/{s.NodePool}: {s.Reason}"));
        return result.Recommendations;
    }

    private IReadOnlyList<RightsizingRecommendation> Rightsizing(IReadOnlyList<NodeHour> nodeHours, IReadOnlyList<PodHourWeight> podHours,
        IReadOnlyList<MachinePrice> prices, Currency currency, int windowHours, List<string> notes)
    {
        // A workload's unit prices are the on-demand rates of the family and region its pods ran on most.
        var nodes = nodeHours.GroupBy(n => (n.Cluster, n.Node)).ToDictionary(g => g.Key, g => g.First());
        var podsOf = podHours.Where(p => p.Pod.Workload is not null).ToLookup(p => (p.Cluster, p.Pod.Namespace, p.Pod.Workload!));
        var workloads = new List<WorkloadUsage>();
        foreach (var ((cluster, ns, workload), hours) in RightsizingAdvisor.Hours(podHours))
        {
            var pods = podsOf[(cluster, ns, workload)].ToList();
            var node = pods.GroupBy(p => p.Node).OrderByDescending(g => g.Count()).Select(g => nodes.GetValueOrDefault((cluster, g.Key))).FirstOrDefault();
            if (MachineNames.Family(node?.MachineType) is not { } family || MachineNames.Region(node?.Zone) is not { } region) continue;
            var cpu = CatalogRates.Rate(prices, region, family, MachineResource.Vcpu, PriceUsageType.OnDemand, currency);
            var ram = CatalogRates.Rate(prices, region, family, MachineResource.RamGib, PriceUsageType.OnDemand, currency);
            if (cpu is null || ram is null)
            {
                notes.Add($"{cluster}/{ns}/{workload}: not judged for rightsizing, no stored on-demand price for {family} in {region}.");
                continue;
            }
            var last = pods.Max(p => p.Hour);
            var latest = pods.Where(p => p.Hour == last).ToList();
            workloads.Add(new WorkloadUsage
            {
                Cluster = cluster, Namespace = ns, Workload = workload, Environment = pods[0].Environment, Currency = currency,
                CpuPodRequest = latest.Average(p => p.CpuRequest), MemoryPodRequest = latest.Average(p => p.MemoryRequest),
                CpuPrice = SustainedUse.Net(cpu.Value, family), MemoryPrice = SustainedUse.Net(ram.Value, family),
                Hours = hours, WindowHours = windowHours,
            });
        }
        return RightsizingAdvisor.Recommend(workloads, options.Rightsizing);
    }
}

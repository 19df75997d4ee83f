using Costs.CostAnalyzer.Allocation;
using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostApplication.Publish;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Billing;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Analyze;

/// <summary>What an analysis did.</summary>
public sealed record AnalyzeSummary(int Days, int Rows, long Lines, long NodeLines)
{
    /// <summary>What the analysis noticed and worked around (a sampled cluster renamed to its billing name).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>How many rows of fixed monthly amounts (not on the bill) were written beside the allocation.</summary>
    public int FixedRows { get; init; }

    /// <summary>What publishing the analyzed days did (Publish:BigQuery), or null when nothing is configured to publish.</summary>
    public Publish.PublishResult? Publish { get; init; }

    /// <summary>The sentence every verb that analyzes prints, a line per warning, and the publish.</summary>
    public string Describe() => (Days == 0
        ? "No billing data to analyze: load some with `costs ingest`."
        : $"Analyzed {Days:N0} day(s), {Lines:N0} billing lines: {Rows:N0} allocation rows, reconciled to the bill."
          + (FixedRows > 0 ? $" Plus {FixedRows:N0} rows of fixed monthly amounts, not on the bill and kept apart from it." : ""))
        + string.Concat(Warnings.Select(w => $"\n  warning: {w}"))
        + (Publish is { } p ? "\n" + p.Describe() : "");
}

/// <summary>
/// The analyze use case, a month of days at a time: load billing lines and cluster samples (I/O) →
/// split sampled node VMs' vCPU and RAM among their pods, allocate everything else by the attribution
/// rules (pure) → check conservation (pure) → replace the days' results (I/O, one transaction). A
/// result that breaks conservation is refused (<see cref="FailureKind.Invariant"/>) and nothing of
/// that month is saved. With a publisher (Publish:BigQuery), <see cref="RunAsync"/> and <see cref="RunPendingAsync"/>
/// then publish every day analyzed and not published yet; a failed publish is the summary's
/// <see cref="AnalyzeSummary.Publish"/>, never a failed analysis. <see cref="RunDaysAsync"/> (inside a load's
/// transaction) does not publish: the load publishes with <see cref="PublishAsync"/> once committed.
/// </summary>
public sealed class AnalyzeDays(CostStore store, AttributionOptions attribution, AllocationOptions allocation,
    PublishBigQuery? publish = null)
{
    /// <summary>Every day in <paramref name="range"/> that holds billing lines, then the publish.</summary>
    public async Task<AnalyzeSummary> RunAsync(DateRange range, CancellationToken ct) =>
        await PublishAsync(await RunDaysAsync(await store.BillingDaysAsync(range, ct), ct), ct);

    /// <summary>The days that are loaded and not analyzed since (what `run` analyzes), then the publish.</summary>
    public async Task<AnalyzeSummary> RunPendingAsync(CancellationToken ct) =>
        await PublishAsync(await RunDaysAsync(await store.UnanalyzedDaysAsync(ct), ct), ct);

    /// <summary>Publishes the days analyzed and not published yet (none without a publisher), into the summary.</summary>
    public async Task<AnalyzeSummary> PublishAsync(AnalyzeSummary summary, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return publish is null ? summary : summary with { Publish = await publish.RunPendingAsync(ct) };
    }

    public async Task<AnalyzeSummary> RunDaysAsync(IReadOnlyCollection<DateOnly> days, CancellationToken ct)
    {
        var attributor = new Attributor(attribution);
        var split = allocation.ToSplitOptions();
        int rowCount = 0, fixedCount = 0;
        long lineCount = 0, nodeLineCount = 0;
        var warnings = new List<string>();
        foreach (var month in days.GroupBy(d => (d.Year, d.Month)).OrderBy(g => g.Key))
        {
            var monthDays = month.ToHashSet();
            var efficiency = new List<WorkloadEfficiency>();
            var (built, lines, nodeLines) = await AllocateAsync(monthDays, attributor, split, efficiency, warnings, ct);
            lineCount += lines;
            nodeLineCount += nodeLines;
            var fixedShares = FixedAmounts.Spread(built.Rows, monthDays, allocation);
            built = built with { Rows = SharedCosts.Apply(built.Rows, allocation) };
            var breaches = Conservation.Check(built.Rows, built.Billed).Select(b => b.ToString())
                .Concat(built.RoundedDays.Select(d => $"{d:yyyy-MM-dd}: a sum needs more than the 28 significant digits of a decimal, so it would be rounded"))
                .ToList();
            if (breaches.Count > 0)
                throw new StageException(FailureKind.Invariant,
                    $"Refusing to save the analysis of {month.Key.Year:D4}-{month.Key.Month:D2}: it does not add up to the bill.\n  " +
                    string.Join("\n  ", breaches.Take(10)));
            try
            {
                await store.ReplaceAllocationsAsync(monthDays, built.Rows, built.Billed, efficiency, fixedShares, ct);
            }
            catch (Exception ex) when (StoreAccessException.IsDiskFull(ex))
            {
                throw new StageException(FailureKind.Failure, StoreAccessException.DiskFull(store.Path), ex);
            }
            rowCount += built.Rows.Count;
            fixedCount += fixedShares.Count;
        }
        return new AnalyzeSummary(days.Count, rowCount, lineCount, nodeLineCount) { Warnings = warnings, FixedRows = fixedCount };
    }

    /// <summary>
    /// The month's days through one allocator: returns its rows and billed totals, and how many billing lines and
    /// split node lines went in. The allocator's sums are garbage once this returns, before the month's shared
    /// costs and save make their own rows.
    /// </summary>
    private async Task<(AllocationResult Built, long Lines, long NodeLines)> AllocateAsync(IReadOnlySet<DateOnly> monthDays,
        Attributor attributor, ClusterSplitOptions split, List<WorkloadEfficiency> efficiency, List<string> warnings, CancellationToken ct)
    {
        var allocator = new BillingAllocator(attributor, split, allocation.Shared);
        long lines = 0, nodeLines = 0;
        // One day at a time: a big fleet's pod-hours of a whole month would not fit in memory (10,000 pods
        // sampled every 5 minutes are some 7 million pod-hours); the rows add up in one allocator. The split
        // of a day runs on the second core while the next day is read, and days enter the allocator in order.
        Task<DaySplit>? splitting = null;
        foreach (var day in monthDays.Order())
        {
            var read = await ReadDayAsync(day, ct);
            lines += read.LineCount;
            if (splitting is not null) nodeLines += Add(await splitting, allocator, efficiency, warnings);
            splitting = Task.Run(() => SplitDay(read, attributor, split), ct);
        }
        if (splitting is not null) nodeLines += Add(await splitting, allocator, efficiency, warnings);
        return (allocator.Build(), lines, nodeLines);
    }

    /// <summary>A day as the store holds it: its sampled nodes and pods by the hour, and its billing lines added up by shape.</summary>
    private sealed record DayRead(DateOnly Day, IReadOnlyList<NodeHour> Nodes, IReadOnlyList<PodHourWeight> Pods,
        IReadOnlyList<BillingGroup> Groups, IReadOnlyList<BillingLine> NodeLines, long LineCount);

    /// <summary>A day split: what goes into the allocator, in the order it goes in.</summary>
    private sealed record DaySplit(DayRead Read, IReadOnlySet<object> Unsplit, IReadOnlyList<AllocationRow> Shares,
        IReadOnlyList<WorkloadEfficiency> Efficiency, IReadOnlyList<string> Renamed);

    /// <summary>
    /// Reads a day (I/O): its cluster samples, and its billing lines added up by shape (a VM's core hours of a
    /// day are one sum), except the sampled node VMs' vCPU and RAM lines, which the node split needs hour by hour.
    /// </summary>
    private async Task<DayRead> ReadDayAsync(DateOnly day, CancellationToken ct)
    {
        var span = new DateRange(day, day.AddDays(1));
        var (sampledNodes, sampledPods) = PodHours.Integrate(await store.ReadClusterSamplesAsync(span, ct));
        var instances = sampledNodes.Select(n => n.InstanceName).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var groups = new List<BillingGroup>();
        var nodeLines = new List<BillingLine>();
        long lineCount = 0;
        bool IsNodeLine(BillingLine line) => line.ResourceName is { } r && instances.Contains(r) && NodeCosts.Classify(line) is not null;
        await foreach (var group in store.ReadBillingGroupsAsync(span, IsNodeLine, ct))
        {
            lineCount += group.LineCount;
            if (IsNodeLine(group.Shape)) nodeLines.Add(group.Shape);
            else groups.Add(group);
        }
        return new DayRead(day, sampledNodes, sampledPods, groups, nodeLines, lineCount);
    }

    /// <summary>Splits a day's sampled node VMs' vCPU and RAM lines among their pods hour by hour (pure).</summary>
    private DaySplit SplitDay(DayRead read, Attributor attributor, ClusterSplitOptions split)
    {
        if (read.NodeLines.Count == 0 && read.Pods.Count == 0) return new DaySplit(read, new HashSet<object>(), [], [], []);
        var (nodeHours, podHours, renamed) = ClusterIdentity.Reconcile(read.NodeLines, read.Nodes, read.Pods);
        var (nodeCosts, others) = NodeCosts.FromBillingLines(read.NodeLines, nodeHours);
        var rollup = new SplitRollup(attributor, allocation.Shared);
        foreach (var line in NodeCostSplit.SplitLines(nodeCosts, nodeHours, podHours, split)) rollup.Add(line);
        var efficiency = rollup.Efficiency(podHours.Where(p => DateOnly.FromDateTime(p.Hour.UtcDateTime) == read.Day)).ToList();
        return new DaySplit(read, others.ToHashSet<object>(ReferenceEqualityComparer.Instance), rollup.Rows().ToList(), efficiency, renamed);
    }

    /// <summary>
    /// A day into <paramref name="allocator"/>: every line that is not split attributed, the split node lines
    /// counted as billed and their pods' shares added. Returns how many node lines were split.
    /// </summary>
    private static long Add(DaySplit day, BillingAllocator allocator, List<WorkloadEfficiency> efficiency, List<string> warnings)
    {
        foreach (var group in day.Read.Groups) allocator.Add(group);
        warnings.AddRange(day.Renamed.Except(warnings).ToList());
        foreach (var line in day.Read.NodeLines)
        {
            if (day.Unsplit.Contains(line)) allocator.Add(line);
            else allocator.AddBilledOnly(line);
        }
        foreach (var row in day.Shares) allocator.AddShare(row);
        efficiency.AddRange(day.Efficiency);
        return day.Read.NodeLines.Count - day.Unsplit.Count;
    }
}

using Costs.Cli;
using Costs.CostAnalyzer.Allocation;
using Costs.CostAnalyzer.Attribution;
using Costs.CostAnalyzer.Clusters;
using Costs.CostIngest.Kubernetes;
using Costs.CostModel.Billing;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.Pipeline;

/// <summary>What an analysis did.</summary>
public sealed record AnalyzeSummary(int Days, int Rows, long Lines, long NodeLines)
{
    /// <summary>The sentence every verb that analyzes prints.</summary>
    public string Describe() => Days == 0
        ? "No billing data to analyze: load some with `costs ingest`."
        : $"Analyzed {Days:N0} day(s), {Lines:N0} billing lines: {Rows:N0} allocation rows, reconciled to the bill.";
}

/// <summary>
/// The analyze stage, a month of days at a time: load billing lines and cluster samples (I/O) →
/// split sampled node VMs' vCPU and RAM among their pods, allocate everything else by the attribution
/// rules (pure) → check conservation (pure) → replace the days' results (I/O, one transaction). A
/// result that breaks conservation is refused and nothing of that month is saved.
/// </summary>
public static class AnalyzePipeline
{
    public static async Task<AnalyzeSummary> RunAsync(CliContext context, DateRange range, CancellationToken ct)
    {
        var store = await context.StoreAsync(ct);
        var days = await store.BillingDaysAsync(range, ct);
        return await RunDaysAsync(context, days, ct);
    }

    public static async Task<AnalyzeSummary> RunDaysAsync(CliContext context, IReadOnlyCollection<DateOnly> days, CancellationToken ct)
    {
        var options = context.Options<AttributionOptions>(AttributionOptions.Section);
        var kube = context.Options<KubernetesOptions>(KubernetesOptions.Section);
        var errors = options.Validate().Concat(kube.Validate().Where(e => !e.Contains(":Clusters", StringComparison.Ordinal))).ToList();
        if (errors.Count > 0) throw new CliException(ExitCodes.Usage, "Invalid configuration:\n  " + string.Join("\n  ", errors));
        var attributor = new Attributor(options);
        var split = new ClusterSplitOptions { Idle = kube.IdleMode, Overhead = kube.OverheadMode, SystemNamespaces = kube.EffectiveSystemNamespaces };
        var store = await context.StoreAsync(ct);

        int rowCount = 0;
        long lineCount = 0, nodeLineCount = 0;
        foreach (var month in days.GroupBy(d => (d.Year, d.Month)).OrderBy(g => g.Key))
        {
            var monthDays = month.ToHashSet();
            var span = new DateRange(monthDays.Min(), monthDays.Max().AddDays(1));
            var (nodeHours, podHours) = PodHours.Integrate(await store.ReadClusterSamplesAsync(span, ct));
            var instances = nodeHours.Select(n => n.InstanceName).OfType<string>().ToHashSet(StringComparer.Ordinal);

            var allocator = new BillingAllocator(attributor, split);
            var nodeLines = new List<BillingLine>();
            await foreach (var line in store.ReadBillingLinesAsync(span, ct))
            {
                if (!monthDays.Contains(line.UsageDay)) continue;
                lineCount++;
                if (line.ResourceName is { } r && instances.Contains(r) && NodeCosts.Classify(line) is not null) nodeLines.Add(line);
                else allocator.Add(line);
            }

            var (nodeCosts, others) = NodeCosts.FromBillingLines(nodeLines, nodeHours);
            var unsplit = others.ToHashSet(ReferenceEqualityComparer.Instance);
            foreach (var line in nodeLines)
            {
                if (unsplit.Contains(line)) allocator.Add(line);
                else allocator.AddBilledOnly(line);
            }
            var result = NodeCostSplit.Split(nodeCosts, nodeHours, podHours, split);
            foreach (var row in ClusterShares.ToRows(result, attributor)) allocator.AddShare(row);
            var efficiency = ClusterShares.Efficiency(podHours.Where(p => monthDays.Contains(DateOnly.FromDateTime(p.Hour.UtcDateTime))), result, attributor);
            nodeLineCount += nodeLines.Count - unsplit.Count;

            var allocation = allocator.Build();
            var breaches = Conservation.Check(allocation.Rows, allocation.Billed);
            if (breaches.Count > 0)
                throw new CliException(ExitCodes.Invariant,
                    $"Refusing to save the analysis of {month.Key.Year:D4}-{month.Key.Month:D2}: it does not add up to the bill.\n  " +
                    string.Join("\n  ", breaches.Take(10)));
            await store.ReplaceAllocationsAsync(monthDays, allocation.Rows, allocation.Billed, efficiency, ct);
            rowCount += allocation.Rows.Count;
        }
        return new AnalyzeSummary(days.Count, rowCount, lineCount, nodeLineCount);
    }
}

using Costs.Cli;
using Costs.CostAnalyzer.Allocation;
using Costs.CostAnalyzer.Attribution;
using Costs.CostModel.Time;

namespace Costs.Pipeline;

/// <summary>What an analysis did.</summary>
public sealed record AnalyzeSummary(int Days, int Rows, long Lines);

/// <summary>
/// The analyze stage: load billing lines (I/O) → allocate (pure) → check conservation (pure) → replace
/// the days' results (I/O, one transaction per month of days). A result that breaks conservation is
/// refused and nothing of that month is saved.
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
        var errors = options.Validate();
        if (errors.Count > 0) throw new CliException(ExitCodes.Usage, "Invalid configuration:\n  " + string.Join("\n  ", errors));
        var attributor = new Attributor(options);
        var store = await context.StoreAsync(ct);

        int rowCount = 0;
        long lineCount = 0;
        foreach (var month in days.GroupBy(d => (d.Year, d.Month)).OrderBy(g => g.Key))
        {
            var monthDays = month.ToHashSet();
            var allocator = new BillingAllocator(attributor);
            var span = new DateRange(monthDays.Min(), monthDays.Max().AddDays(1));
            await foreach (var line in store.ReadBillingLinesAsync(span, ct))
            {
                if (!monthDays.Contains(line.UsageDay)) continue;
                allocator.Add(line);
                lineCount++;
            }
            var result = allocator.Build();
            var breaches = Conservation.Check(result.Rows, result.Billed);
            if (breaches.Count > 0)
                throw new CliException(ExitCodes.Invariant,
                    $"Refusing to save the analysis of {month.Key.Year:D4}-{month.Key.Month:D2}: it does not add up to the bill.\n  " +
                    string.Join("\n  ", breaches.Take(10)));
            await store.ReplaceAllocationsAsync(monthDays, result.Rows, result.Billed, ct);
            rowCount += result.Rows.Count;
        }
        return new AnalyzeSummary(days.Count, rowCount, lineCount);
    }
}

using System.Globalization;
using Costs.CostAnalyzer.Recommendations;
using Costs.CostApplication.Query;
using Costs.CostApplication.Stages;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Summary;
using Costs.CostReports.Workbook;

namespace Costs.CostApplication.Reports;

/// <summary>What a report wrote: the workbook's path and summary, its facts, and the input it was made from.</summary>
public sealed record ReportOutcome(string WorkbookPath, WorkbookSummary Workbook, ReportFactsResult Facts, ReportInput Input);

/// <summary>
/// The workbook use case: load the analysis (I/O) → facts and workbook (pure) → write the file atomically
/// (a temporary name, then a rename, so a reader never sees half a workbook). It refuses a store with
/// days loaded and not analyzed, or with nothing analyzed.
/// </summary>
public sealed class WriteReport(CostStore store)
{
    public async Task<ReportInput> LoadAsync(DateOnly? asOf, string? currency, string title, CancellationToken ct)
    {
        await RunLockFile.RefuseUnanalyzedAsync(store, DateRange.Everything, ct);
        var billed = await store.ReadBilledDaysAsync(DateRange.Everything, ct);
        if (billed.Count == 0)
            throw new StageException(FailureKind.Failure, "The store holds no analyzed billing data: load some with `costs ingest`, or try `costs demo`.");
        var chosen = CurrencyChoice.Pick(billed, currency, "the store");

        var rows = await store.ReadAllocationsAsync(DateRange.Everything, ct);
        var day = asOf ?? billed.Max(b => b.Day);
        var efficiency = await store.ReadEfficiencyAsync(new DateRange(new DateOnly(day.Year, day.Month, 1), day.AddDays(1)), ct);
        var fixedShares = await store.ReadFixedSharesAsync(DateRange.Everything, ct);
        return new ReportInput(rows, billed, day, chosen, title)
        {
            Efficiency = efficiency, FixedShares = fixedShares, Rejects = await store.RejectsAsync(ct),
        };
    }

    public static Task<ReportOutcome> WriteAsync(ReportInput input, string outputDirectory, CancellationToken ct) =>
        WriteAsync(input, outputDirectory, input.Recommendations is { } set ? Task.FromResult(set) : null, ct);

    /// <param name="input">What the report is made from; its own recommendations are not read.</param>
    /// <param name="outputDirectory">The folder the workbook is written to.</param>
    /// <param name="recommendations">
    /// The Recommendations and Commitments sheets' set (none when null), which may still be in the making while
    /// the other sheets are written; the outcome's input holds it.
    /// </param>
    /// <param name="ct">Stops the write; the partial file is removed.</param>
    public static async Task<ReportOutcome> WriteAsync(ReportInput input, string outputDirectory, Task<RecommendationSet>? recommendations,
        CancellationToken ct)
    {
        var path = Path.Combine(outputDirectory, $"costs-report-{input.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.xlsx");
        var summary = await OutputFile.WriteAsync(path, (file, token) => WorkbookWriter.WriteAsync(file, input, recommendations, token), ct);
        var written = input with { Recommendations = recommendations is null ? null : await recommendations };
        return new ReportOutcome(path, summary, ReportFacts.Compute(written), written);
    }
}

using System.IO.Compression;
using Costs.CostAnalyzer.Attribution;
using Costs.CostApplication.Reports;
using Costs.CostApplication.Stages;
using Costs.CostModel.Allocation;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.Focus;

namespace Costs.CostApplication.Export;

/// <summary>What an export wrote: the file, the days it covers, its rows and its BilledCost per currency.</summary>
public sealed record FocusExportResult(string Path, DateOnly? From, DateOnly? To, long Rows,
    IReadOnlyDictionary<string, decimal> BilledByCurrency, string BillingAccountId)
{
    /// <summary>The sentence the verb prints.</summary>
    public string Describe() => Rows == 0
        ? $"Wrote {Path}: no analyzed cost in that range (a header only)."
        : $"Wrote {Path}: {Rows:N0} FOCUS {FocusColumns.Version} rows, {From:yyyy-MM-dd} to {To:yyyy-MM-dd}, BilledCost " +
          string.Join(", ", BilledByCurrency.Select(kv => $"{kv.Value:0.00########} {kv.Key}")) + ", equal to the bill's net.";
}

/// <summary>
/// The FOCUS export use case: the analyzed allocation of a range, streamed from the store into a FOCUS CSV
/// file (gzipped when its name ends in <c>.gz</c>), written beside its name and renamed into place. It refuses
/// a range with days loaded and not analyzed, and a file whose BilledCost would not add up to the bill's net
/// for that range (<see cref="FailureKind.Invariant"/>; nothing is left behind then).
/// </summary>
public sealed class ExportFocus(CostStore store, AttributionOptions attribution)
{
    public async Task<FocusExportResult> RunAsync(DateRange range, string path, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await RunLockFile.RefuseUnanalyzedAsync(store, range, ct);
        var billed = await store.ReadBilledDaysAsync(range, ct);
        var accounts = await store.BillingAccountsAsync(range, ct);
        var context = new FocusContext(accounts.Count == 0 ? "unknown" : string.Join('+', accounts), TagKeys(attribution));

        var written = await OutputFile.WriteAsync(path, async (file, token) =>
        {
            var gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : null;
            FocusWriteResult result;
            await using (gzip)
                result = await FocusCsvWriter.WriteAsync(gzip ?? file, store.StreamAllocationsAsync(range, token), context, token);
            Reconcile(result, billed);
            return result;
        }, ct);
        var days = billed.Select(b => b.Day).ToList();
        return new FocusExportResult(path,
            range.Start == DateOnly.MinValue ? (days.Count > 0 ? days.Min() : null) : range.Start,
            range.EndExclusive == DateOnly.MaxValue ? (days.Count > 0 ? days.Max() : null) : range.LastDay,
            written.Rows, written.BilledByCurrency, context.BillingAccountId);
    }

    /// <summary>
    /// The tag keys the export writes: for each dimension the plain name (<c>service</c>, <c>team</c>,
    /// <c>environment</c>) when the attribution rules read it, else the first key they read, so that the
    /// same rules attribute the exported rows as they were.
    /// </summary>
    public static FocusTagKeys TagKeys(AttributionOptions attribution)
    {
        ArgumentNullException.ThrowIfNull(attribution);
        static string Pick(List<string> keys, string plain) => keys.Contains(plain, StringComparer.Ordinal) ? plain : keys[0];
        return new FocusTagKeys(Pick(attribution.ServiceLabels, "service"), Pick(attribution.TeamLabels, "team"),
            Pick(attribution.EnvironmentLabels, "environment"));
    }

    private static void Reconcile(FocusWriteResult written, IReadOnlyList<BilledDay> billed)
    {
        var bill = billed.GroupBy(b => b.Currency.Code).ToDictionary(g => g.Key, g => g.Sum(b => b.Net), StringComparer.Ordinal);
        foreach (var code in bill.Keys.Union(written.BilledByCurrency.Keys))
        {
            var exported = written.BilledByCurrency.GetValueOrDefault(code);
            var net = bill.GetValueOrDefault(code);
            if (exported != net)
                throw new StageException(FailureKind.Invariant,
                    $"Refusing to write the export: its BilledCost in {code} ({exported}) is not the bill's net ({net}) for that range: run `costs analyze`.");
        }
    }
}

using Costs.CostApplication.Analyze;
using Costs.CostApplication.Stages;
using Costs.CostIngest.Files;
using Costs.CostModel.Store;

namespace Costs.CostApplication.Ingest;

/// <summary>What a file load came to: the load, and the analysis of its days when one was asked for.</summary>
public sealed record FilesIngested(FileIngestResult Load, AnalyzeSummary? Analysis);

/// <summary>
/// The file ingest use case: load billing export files (BigQuery JSON lines or FOCUS CSV, gzipped or
/// not), each (billing account, usage day) replacing what the store held, then analyze those days.
/// More bad rows than allowed is <see cref="FailureKind.BadInput"/> and changes nothing; so is an analysis
/// that cannot be saved (<see cref="FailureKind.Invariant"/>): the load and its analysis are one decision.
/// </summary>
public sealed class IngestFiles(CostStore store, AnalyzeDays? analyze)
{
    public async Task<FilesIngested> RunAsync(IReadOnlyList<string> files, BillingFileFormat? format, long maxBadRows,
        IProgress<FileIngestProgress>? progress, CancellationToken ct)
    {
        foreach (var f in files)
        {
            if (Directory.Exists(f))
                throw new StageException(FailureKind.Configuration, $"{f} is a folder: name the files in it (e.g. {Path.Combine(f, "*.jsonl.gz")}).");
            if (!File.Exists(f)) throw new StageException(FailureKind.Configuration, $"No such file: {f}");
            RequireSeekable(f);
        }
        if (maxBadRows < 0) throw new StageException(FailureKind.Configuration, "The number of bad rows allowed (--max-bad-rows) must be 0 or more.");
        FileIngestResult result;
        AnalyzeSummary? analysis = null;
        try
        {
            // The analysis runs inside the load's transaction: if it fails, nothing of the load is kept.
            result = await FileIngest.LoadAsync(store, files, format, maxBadRows, progress,
                analyze is null ? null : async (days, token) => analysis = await analyze.RunDaysAsync(days, token), ct);
        }
        catch (FormatException ex)
        {
            throw new StageException(FailureKind.BadInput, ex.Message + " Nothing was loaded.", ex);
        }
        catch (Exception ex) when (StoreAccessException.IsDiskFull(ex))
        {
            throw new StageException(FailureKind.Failure, StoreAccessException.DiskFull(store.Path), ex);
        }
        catch (IOException ex)
        {
            throw new StageException(FailureKind.Failure, ex.Message + " Nothing was loaded.", ex);
        }
        // Published once the load and its analysis are committed; a failed publish leaves them committed.
        if (result.Committed && analysis is not null) analysis = await analyze!.PublishAsync(analysis, ct);
        return new FilesIngested(result, result.Committed ? analysis : null);
    }

    /// <summary>
    /// A load reads each file twice (once to find files that hold the same data, once to load it), which a
    /// pipe (<c>&lt;(cat f)</c>, a FIFO, standard input) cannot give: refuse it plainly before reading.
    /// </summary>
    private static void RequireSeekable(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        if (!file.CanSeek)
            throw new StageException(FailureKind.Configuration,
                $"{path} is a pipe, not a file: a load reads each file twice (to find repeated data, then to load it). Save it to a file first (e.g. `cat ... > export.jsonl`) and name that file.");
    }
}

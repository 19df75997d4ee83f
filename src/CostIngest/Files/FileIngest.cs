using Costs.CostModel.Store;

namespace Costs.CostIngest.Files;

/// <summary>
/// What a file load did. When <see cref="Committed"/> is false the store was not changed.
/// <see cref="Skipped"/> are the files not read because an earlier one held the same data.
/// </summary>
public sealed record FileIngestResult(
    bool Committed,
    long Lines,
    long RejectCount,
    IReadOnlyList<RowError> Rejects,
    IReadOnlyCollection<DateOnly> Days,
    IReadOnlyList<string> UnknownCreditTypes,
    IReadOnlyList<SkippedFile> Skipped);

/// <summary>Progress of a load: rows read so far, in the file being read.</summary>
public readonly record struct FileIngestProgress(string File, long Rows, long Rejects);

/// <summary>
/// Loads billing files into the store in one transaction: every (billing account, usage day) the files
/// contain replaces what the store held for it. Bad rows are kept aside with file, line, field and
/// value; past <c>maxBadRows</c> the whole load is rolled back. A file named twice, or a file whose
/// decompressed content repeats an earlier one's (a file and its own .gz), is read once: the days of
/// one load add up, so reading it twice would double them.
/// </summary>
public static class FileIngest
{
    /// <summary>How many rejects a result lists in full; the count is always exact.</summary>
    public const int RejectsListed = 1000;

    public static async Task<FileIngestResult> LoadAsync(CostStore store, IReadOnlyList<string> paths,
        BillingFileFormat? format, long maxBadRows, IProgress<FileIngestProgress>? progress, CancellationToken ct) =>
        await LoadAsync(store, paths, format, maxBadRows, progress, null, ct);

    /// <param name="beforeCommit">Runs on the loaded days inside the load's transaction (see <see cref="BillingLoad.CommitAsync(Func{IReadOnlyCollection{DateOnly}, CancellationToken, Task}?, CancellationToken)"/>).</param>
    public static async Task<FileIngestResult> LoadAsync(CostStore store, IReadOnlyList<string> paths,
        BillingFileFormat? format, long maxBadRows, IProgress<FileIngestProgress>? progress,
        Func<IReadOnlyCollection<DateOnly>, CancellationToken, Task>? beforeCommit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBadRows);
        var rejects = new List<RowError>();
        var unknownCredits = new SortedSet<string>(StringComparer.Ordinal);
        long rejectCount = 0, rows = 0;
        var (files, skipped) = await DuplicateFiles.FindAsync(paths, ct);
        await using var load = await store.BeginBillingLoadAsync(files, ct);
        foreach (var path in files)
        {
            long fileRows = 0;
            await foreach (var row in BillingFileReader.ReadAsync(path, format, ct))
            {
                fileRows++;
                rows++;
                if (row.Error is { } error)
                {
                    rejectCount++;
                    if (rejects.Count < RejectsListed) rejects.Add(error);
                    if (rejectCount <= maxBadRows)
                        await load.RejectAsync(new Reject(load.Id, error.File, error.Line, error.Field, error.Value, error.Message) { Facts = error.Facts }, ct);
                    continue;
                }
                var line = row.Line!;
                foreach (var c in line.Credits)
                    if (!c.Type.IsKnown) unknownCredits.Add(c.Type.Name);
                await load.AddAsync(line, ct);
                if (fileRows % 10_000 == 0) progress?.Report(new FileIngestProgress(path, fileRows, rejectCount));
            }
            progress?.Report(new FileIngestProgress(path, fileRows, rejectCount));
        }

        if (rejectCount > maxBadRows)
            return new FileIngestResult(false, load.LineCount, rejectCount, rejects, [], unknownCredits.ToList(), skipped);
        var days = load.Days;
        await load.CommitAsync(beforeCommit, ct);
        return new FileIngestResult(true, load.LineCount, rejectCount, rejects, days, unknownCredits.ToList(), skipped);
    }
}

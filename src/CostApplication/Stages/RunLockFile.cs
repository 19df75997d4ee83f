using System.Diagnostics;
using System.Globalization;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.CostApplication.Stages;

/// <summary>
/// The file beside a store that a `costs run` or a `serve` job locks while it works on the store
/// (<c>STORE.lock</c>, holding the holder's process id). Readers use it only to word a message: a run
/// loads before it analyzes, so the days it loaded wait for its analysis for a moment.
/// </summary>
public static class RunLockFile
{
    public static string PathFor(string storePath) => storePath + ".lock";

    /// <summary>The process id of a live process other than this one that the lock file names, else null.</summary>
    public static int? LiveHolder(string storePath)
    {
        string text;
        try
        {
            text = File.ReadAllText(PathFor(storePath)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) return null;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// Refuses <paramref name="range"/> when it holds days loaded and not analyzed yet: every reader of the
    /// analysis (query, report, export, pages) asks here. The failure says a load is in progress when a run
    /// holds the lock, else "run costs analyze".
    /// </summary>
    public static async Task RefuseUnanalyzedAsync(CostStore store, DateRange range, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var pending = (await store.UnanalyzedDaysAsync(ct)).Where(range.Contains).ToList();
        if (pending.Count == 0) return;
        var (days, first) = (pending.Count, pending[0]);
        throw LiveHolder(store.Path) is { } pid
            ? new StageException(FailureKind.Failure,
                $"A load is in progress: a costs run (process {pid}, holding {PathFor(store.Path)}) loaded {days} day(s) (first {first:yyyy-MM-dd}) "
                + "and is analyzing them. Try again when it has finished.")
            : new StageException(FailureKind.Failure,
                $"{days} loaded day(s) are not analyzed yet (first {first:yyyy-MM-dd}): run `costs analyze`.");
    }
}

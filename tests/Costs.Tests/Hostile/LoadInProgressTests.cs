using System.Diagnostics;
using System.Globalization;
using Costs.Cli;
using Costs.Tests.Cli.Verbs;

namespace Costs.Tests.Hostile;

/// <summary>
/// A query while a `costs run` holds the store's lock, between its load and its analysis, says that a load
/// is in progress (issue 11, item 11), not "run costs analyze"; without a live holder it still says that.
/// </summary>
public sealed class LoadInProgressTests
{
    [Fact]
    public async Task Query_DaysLoadedWhileARunHoldsTheLock_SaysALoadIsInProgress()
    {
        using var run = new CliRun();
        var export = Path.Combine(RepoRoot.Path, "tests", "hostile", "cases", "good.jsonl");
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("ingest", "file", export, "--no-analyze"));

        Assert.Equal(ExitCodes.Failure, await run.RunAsync("query", "--by", "service"));
        Assert.Contains("2 loaded day(s) are not analyzed yet (first 2026-10-01): run `costs analyze`.", run.Error.ToString());

        // Another process holds the lock and has written its id in it, as `costs run` does.
        using var holder = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        try
        {
            await File.WriteAllTextAsync(run.StorePath + ".lock", holder.Id.ToString(CultureInfo.InvariantCulture) + "\n");
            Assert.Equal(ExitCodes.Failure, await run.RunAsync("query", "--by", "service"));
            Assert.Contains($"A load is in progress: a costs run (process {holder.Id}, holding {run.StorePath}.lock) loaded 2 day(s)", run.Error.ToString());
            Assert.Equal(ExitCodes.Failure, await run.RunAsync("report", "--out", Path.Combine(run.Directory, "out")));
            Assert.Contains("A load is in progress", run.Error.ToString());
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync();
        }
    }
}

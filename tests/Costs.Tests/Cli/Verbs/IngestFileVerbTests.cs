using Costs.Cli;

namespace Costs.Tests.Cli.Verbs;

public sealed class IngestFileVerbTests
{
    private static string Case(string name) => Path.Combine(RepoRoot.Path, "tests", "hostile", "cases", name);

    [Fact]
    public async Task IngestFile_AnalysisCannotAddUp_StoreAsBeforeAndQueryStillWorks()
    {
        using var run = new CliRun();
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("ingest", "file", Case("good.jsonl")));
        Assert.Equal(ExitCodes.Ok, await run.RunAsync("query", "--by", "service", "--format", "json"));
        var before = run.Out.ToString();

        // The same day, with sums that round apart: the analysis is refused, and so is the load.
        Assert.NotEqual(ExitCodes.Ok, await run.RunAsync("ingest", "file", Case("sums-round-apart.jsonl")));
        Assert.Contains("Refusing to save the analysis of 2026-10", run.Error.ToString());

        Assert.Equal(ExitCodes.Ok, await run.RunAsync("query", "--by", "service", "--format", "json"));
        Assert.Equal(before, run.Out.ToString());
    }

    [Fact]
    public async Task IngestFile_FailsIntoNewStore_LeavesNoStoreBehind()
    {
        using var run = new CliRun();
        Assert.NotEqual(ExitCodes.Ok, await run.RunAsync("ingest", "file", Case("escape-in-cost.jsonl")));
        Assert.False(File.Exists(run.StorePath), "a failed first load left a store behind");
        Assert.Empty(Directory.EnumerateFiles(run.Directory, "costs.db*"));
    }

    [Fact]
    public async Task IngestFile_Pipe_RefusedPlainlyWithoutStackTrace()
    {
        using var run = new CliRun();
        var fifo = Path.Combine(run.Directory, "export.jsonl");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        var writer = Task.Run(async () =>
        {
            try { await File.WriteAllTextAsync(fifo, await File.ReadAllTextAsync(Case("good.jsonl"))); }
            catch (IOException) { } // the reader closed the pipe: that is the point
        });
        Assert.Equal(ExitCodes.Usage, await run.RunAsync("ingest", "file", fifo));
        await writer;
        var e = run.Error.ToString();
        Assert.Contains("export.jsonl is a pipe, not a file", e);
        Assert.DoesNotContain("   at ", e);
        Assert.DoesNotContain("seeking", e);
    }
}

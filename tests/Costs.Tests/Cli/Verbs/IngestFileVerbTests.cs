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
}

using System.Text.Json;
using Costs.Cli;
using Costs.Cli.Verbs;
using Costs.CostModel.Store;
using Costs.CostModel.Time;

namespace Costs.Tests.Cli.Verbs;

public sealed class GenerateVerbTests
{
    [Theory]
    [InlineData("250000", 250_000L)]
    [InlineData("250k", 250_000L)]
    [InlineData("1M", 1_000_000L)]
    [InlineData("4M", 4_000_000L)]
    public void ParseCount_CountWithOrWithoutSuffix_Rows(string text, long expected) =>
        Assert.Equal(expected, GenerateVerb.ParseCount(text));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1.5M")]
    [InlineData("4x")]
    [InlineData("M")]
    public void ParseCount_NotACount_Null(string text) => Assert.Null(GenerateVerb.ParseCount(text));

    [Fact]
    public async Task Generate_RowsWithFleet_WholeDaysReachingTheCountBillingEveryNodeInThreeRegions()
    {
        using var run = new CliRun();

        var code = await run.RunAsync("generate", "--services", "30", "--clusters", "4", "--nodes", "10", "--rows", "3k",
            "--end", "2026-11-01", "--out", "org.jsonl");

        Assert.Equal(ExitCodes.Ok, code);
        var lines = File.ReadAllLines(Path.Combine(run.Directory, "org.jsonl"));
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var days = rows.Select(r => r.GetProperty("usage_start_time").GetString()![..10]).Distinct().Count();
        // 3,000 rows need whole days: as many as reach the count, and not one more.
        Assert.True(rows.Count >= 3000 && rows.Count - rows.Count / days < 3000, $"{rows.Count} rows in {days} days");
        var fleetNodes = rows.Where(r => r.GetProperty("project").GetProperty("id").GetString()!.StartsWith("acme-gke-", StringComparison.Ordinal)).ToList();
        Assert.Equal(10 * 2 * 24 * days, fleetNodes.Count);
        Assert.Equal(["asia-southeast1", "europe-west1", "us-central1"],
            fleetNodes.Select(r => r.GetProperty("location").GetProperty("region").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains($"Wrote {rows.Count:N0} rows for 2026-10-", run.Out.ToString());
    }

    [Fact]
    public async Task Generate_DaysAndRows_UsageError()
    {
        using var run = new CliRun();

        var code = await run.RunAsync("generate", "--days", "3", "--rows", "1M", "--out", "x.jsonl");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--days or --rows, not both", run.Error.ToString());
        Assert.False(File.Exists(Path.Combine(run.Directory, "x.jsonl")));
    }

    [Fact]
    public async Task Generate_RowsNotACount_UsageErrorNamesTheValue()
    {
        using var run = new CliRun();

        var code = await run.RunAsync("generate", "--rows", "lots", "--out", "x.jsonl");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--rows: 'lots' is not a row count", run.Error.ToString());
    }

    [Fact]
    public async Task GenerateSamples_SmallFleet_EveryClusterSampledEveryIntervalIntoTheStore()
    {
        using var run = new CliRun();

        var code = await run.RunAsync("generate-samples", "--clusters", "3", "--nodes", "6", "--pods", "40", "--services", "12",
            "--days", "2", "--interval", "60", "--end", "2026-11-02");

        Assert.Equal(ExitCodes.Ok, code);
        // Service 7 (pods 7, 19 and 31) is a job: its pods run at hours 7 and 8 only. 37 × 48 + 3 × 4.
        Assert.Contains("Saved 144 samples of 3 clusters (1,788 pod observations)", run.Out.ToString());
        await using var store = await CostStore.OpenAsync(run.StorePath, TimeProvider.System, CancellationToken.None);
        var stored = await store.ReadClusterSamplesAsync(DateRange.Everything, CancellationToken.None);
        Assert.Equal(144, stored.Samples.Count);
        Assert.Equal(3, stored.Samples.Select(s => s.Cluster).Distinct().Count());
        Assert.Equal(6, stored.Nodes.Count);
        Assert.Equal(1788, stored.PodHours.Sum(u => u.Samples));
        // Pods change with deploys, resizes and jobs, not with samples. Of the 40 pods, 19 belong to services that
        // never change (one version each). Services 0, 3, 6 and 9 roll out daily at hour 0, 3, 6 and 9: service 0's
        // 4 pods are new each midnight (2 versions in 2 days); the 10 pods of the others run yesterday's version
        // until their hour, then today's (3 versions in 2 days). Service 2's 4 pods are resized in place on
        // 2026-11-01 at 02:00 (2 versions each). The job's 3 pods start anew each day (2 each): 19 + 8 + 30 + 8 + 6.
        Assert.Equal(71, stored.Pods.Count);
    }

    [Theory]
    [InlineData("--interval", "7", "--interval must be a number of minutes that divides a day")]
    [InlineData("--clusters", "0", "--clusters must be at least 1")]
    [InlineData("--pods", "0", "--pods must be at least 1")]
    public async Task GenerateSamples_BadOption_UsageErrorNamesIt(string option, string value, string message)
    {
        using var run = new CliRun();

        var code = await run.RunAsync("generate-samples", option, value, "--days", "1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(message, run.Error.ToString());
    }
}

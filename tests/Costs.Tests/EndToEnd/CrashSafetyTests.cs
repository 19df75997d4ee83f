namespace Costs.Tests.EndToEnd;

/// <summary>A run killed at any point, then re-run, gives the same store as one clean run.</summary>
public class CrashSafetyTests
{
    [Theory]
    [InlineData(300)]
    [InlineData(900)]
    [InlineData(1800)]
    public async Task IngestFile_KilledPartwayThenRerun_EqualsACleanRun(int killAfterMs)
    {
        using var dir = new TempDir();
        var gen = await CostsProcess.RunAsync(dir.Root, "generate", "--days", "20", "--end", "2026-10-21", "--out", "x.jsonl");
        Assert.True(gen.ExitCode == 0, gen.Error);

        // The first load of day 1..10 is analyzed; the second, of all 20 days, is killed somewhere.
        var lines = File.ReadAllLines(dir.File("x.jsonl"));
        File.WriteAllLines(dir.File("first.jsonl"), lines.Take(lines.Length / 2));
        Assert.Equal(0, (await CostsProcess.RunAsync(dir.Root, "ingest", "file", "first.jsonl", "--store", "killed.db")).ExitCode);
        using (var process = CostsProcess.Start(dir.Root, "ingest", "file", "x.jsonl", "--store", "killed.db"))
        {
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(killAfterMs));
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await drain;
        }
        var rerun = await CostsProcess.RunAsync(dir.Root, "ingest", "file", "x.jsonl", "--store", "killed.db");
        Assert.True(rerun.ExitCode == 0, rerun.Error);

        var clean = await CostsProcess.RunAsync(dir.Root, "ingest", "file", "x.jsonl", "--store", "clean.db");
        Assert.Equal(0, clean.ExitCode);
        var by = "day,project,cloud-service,sku,service,team,environment,kind";
        var expected = await CostsProcess.RunAsync(dir.Root, "query", "--by", by, "--format", "csv", "--store", "clean.db");
        var actual = await CostsProcess.RunAsync(dir.Root, "query", "--by", by, "--format", "csv", "--store", "killed.db");
        Assert.Equal(expected.Out, actual.Out);
    }

    /// <summary>
    /// A few of bench/faults.sh's kills, for CI: SIGKILL after the Nth stored row (the test-only
    /// COSTS_FAULT_AFTER_ROWS), N chosen from the data: the first billing line, the middle of the load, and
    /// the analysis inside the load (past the last line); then the analysis alone. The store is unchanged
    /// at once, and running the command again gives the clean run's query, byte for byte.
    /// </summary>
    [Fact]
    public async Task IngestAndAnalyze_KilledAfterChosenRows_StoreUnchangedAndRerunEqualsACleanRun()
    {
        using var dir = new TempDir();
        var gen = await CostsProcess.RunAsync(dir.Root, "generate", "--days", "4", "--end", "2026-10-21", "--out", "x.jsonl");
        Assert.True(gen.ExitCode == 0, gen.Error);
        var lines = File.ReadAllLines(dir.File("x.jsonl")).Length;
        var clean = await CostsProcess.RunAsync(dir.Root, "ingest", "file", "x.jsonl", "--store", "clean.db");
        Assert.True(clean.ExitCode == 0, clean.Error);
        string[] query = ["query", "--by", "day,service,team,environment,kind", "--format", "csv"];
        var expected = (await CostsProcess.RunAsync(dir.Root, [.. query, "--store", "clean.db"])).Out;

        string[][] commands = [["ingest", "file", "x.jsonl"], ["ingest", "file", "x.jsonl"], ["ingest", "file", "x.jsonl"], ["analyze"]];
        long[] after = [1, lines / 2, lines + 5, 5];
        for (var i = 0; i < commands.Length; i++)
        {
            var store = $"k{i}.db";
            File.Copy(dir.File("clean.db"), dir.File(store));
            var killed = await CostsProcess.RunWithAsync([], new Dictionary<string, string> { ["COSTS_FAULT_AFTER_ROWS"] = after[i].ToString(System.Globalization.CultureInfo.InvariantCulture) },
                dir.Root, [.. commands[i], "--store", store]);
            Assert.True(killed.ExitCode == 137, $"{string.Join(' ', commands[i])} after {after[i]} rows: exit {killed.ExitCode} (not SIGKILL): {killed.Error}");
            Assert.Equal(expected, (await CostsProcess.RunAsync(dir.Root, [.. query, "--store", store])).Out);
            var rerun = await CostsProcess.RunAsync(dir.Root, [.. commands[i], "--store", store]);
            Assert.True(rerun.ExitCode == 0, rerun.Error);
            Assert.Equal(expected, (await CostsProcess.RunAsync(dir.Root, [.. query, "--store", store])).Out);
        }
    }
}

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
}

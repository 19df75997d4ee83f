using Costs.Cli;
using Costs.Tests.Cli.Verbs;

namespace Costs.Tests.Scheduling;

/// <summary>`costs serve` in-process: Quartz on a one-second cron over a temp store.</summary>
public sealed class ServeVerbTests
{
    [Fact]
    public async Task Serve_OneSecondCron_FiresJobsAndStopsOnCancellation()
    {
        using var run = new CliRun();
        await run.SeedAsync(CliRun.SpikeRows());
        run.WriteConfig("""
        {
          "Report": { "OutputDirectory": "served" },
          "Http": { "Port": 0 },
          "Schedules": { "Analyze": "* * * * * ?", "Alert": "0 0 0 1 1 ? 2099", "Reports": [ { "Name": "tick", "Cron": "* * * * * ?" } ] }
        }
        """);
        var inner = new StringWriter();
        var output = TextWriter.Synchronized(inner);
        var env = new CliEnvironment(output, output, run.Variables, run.Directory, TimeProvider.System, IsTerminal: false);
        using var cts = new CancellationTokenSource();

        var serving = CostsCli.RunAsync(["--store", run.StorePath, "serve"], env, cts.Token);

        var workbook = Path.Combine(run.Directory, "served", "costs-report-2026-11-20.xlsx");
        // Readiness wait (not a timing assertion): until the report job has fired once, or serve ended.
        for (var i = 0; i < 600 && !File.Exists(workbook) && !serving.IsCompleted; i++) await Task.Delay(100);
        string Text()
        {
            lock (output) return inner.ToString();
        }
        Assert.False(serving.IsCompleted, "serve ended on its own: " + Text());
        Assert.True(File.Exists(workbook), "no report job fired: " + Text());
        // Kestrel runs in the same host as the scheduler, on the loopback port it picked.
        var listening = System.Text.RegularExpressions.Regex.Match(Text(), "Listening on (http://127\\.0\\.0\\.1:[0-9]+)");
        Assert.True(listening.Success, "no Listening line: " + Text());
        using (var http = new HttpClient())
            Assert.Equal("ok\n", await http.GetStringAsync(new Uri(listening.Groups[1].Value + "/healthz")));

        await cts.CancelAsync();
        var code = await serving.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ExitCodes.Ok, code);
        var log = Text();
        Assert.Contains("Scheduled report-tick", log);
        Assert.Contains("Not scheduled: collect", log);
        Assert.Contains("Stage report done", log);
        Assert.Contains("\"Message\":\"Stopped\"", log);
    }
}

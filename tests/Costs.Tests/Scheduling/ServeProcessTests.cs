using System.Diagnostics;
using System.Text;
using Costs.Cli;
using Costs.Scheduling;
using Costs.Tests.Cli.Verbs;
using Costs.Tests.EndToEnd;

namespace Costs.Tests.Scheduling;

/// <summary>The real executable as a process: SIGTERM stops `serve` cleanly; the lock holds across processes.</summary>
public sealed class ServeProcessTests
{
    private static string Dll() => typeof(ServeProcessTests).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "CostsExecutable").Value!;

    [Fact]
    public async Task Serve_Sigterm_StopsCleanlyWithExitZero()
    {
        using var run = new CliRun();
        await run.SeedAsync(CliRun.SpikeRows());
        run.WriteConfig("""{ "Http": { "Port": 0 }, "Schedules": { "Analyze": "* * * * * ?", "Alert": "0 0 0 1 1 ? 2099", "Reports": [ { "Name": "never", "Cron": "0 0 0 1 1 ? 2099" } ] } }""");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = run.Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Dll(), "--store", run.StorePath, "serve" }) start.ArgumentList.Add(a);
        start.Environment.Remove("COSTS_CONFIG");
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("Stage analyze done", StringComparison.Ordinal)) fired.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (output) output.AppendLine(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(fired.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(fired.Task.IsCompleted, "no job fired: " + Text());

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
                await kill.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(wait.Token);

            Assert.Equal(ExitCodes.Ok, process.ExitCode);
            Assert.Contains("\"Message\":\"Stopped\"", Text());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        string Text()
        {
            lock (output) return output.ToString();
        }
    }

    [Fact]
    public async Task Run_LockHeldByAnotherProcess_ExitsBusy()
    {
        using var dir = new TempDir();
        var store = dir.File("costs.db");
        using var held = RunLock.TryAcquire(store);
        Assert.NotNull(held);

        var result = await CostsProcess.RunAsync(dir.Root, "--store", store, "run");

        Assert.Equal(ExitCodes.Busy, result.ExitCode);
        Assert.Contains("holds the lock", result.Error);
    }
}

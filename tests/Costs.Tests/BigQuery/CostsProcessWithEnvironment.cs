using System.Diagnostics;
using Costs.Tests.EndToEnd;

namespace Costs.Tests.BigQuery;

/// <summary>
/// Runs the real `costs` executable like <see cref="CostsProcess"/>, with extra environment variables
/// (COSTS_BigQuery__*, COSTS_GOOGLE_ACCESS_TOKEN). Any COSTS_ variable the test runner inherited is
/// removed first, so only what the test sets configures the run.
/// </summary>
internal static class CostsProcessWithEnvironment
{
    public static async Task<CostsProcess.Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dll = typeof(CostsProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "CostsExecutable").Value!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("COSTS_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return new CostsProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}

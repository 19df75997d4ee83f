using System.Diagnostics;

namespace Costs.Tests.EndToEnd;

/// <summary>Runs the real `costs` executable (the costs.dll built beside the tests) in a folder.</summary>
internal static class CostsProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Task<Result> RunAsync(string workingDirectory, params string[] args) => RunAsync([], workingDirectory, args);

    /// <summary>Runs the executable through <paramref name="launcher"/> (say, <c>setpriv</c> with its options), or directly when it is empty.</summary>
    public static Task<Result> RunAsync(IReadOnlyList<string> launcher, string workingDirectory, params string[] args) =>
        RunWithAsync(launcher, new Dictionary<string, string>(), workingDirectory, args);

    /// <summary>Runs the executable with <paramref name="variables"/> added to its environment.</summary>
    public static async Task<Result> RunWithAsync(IReadOnlyList<string> launcher, IReadOnlyDictionary<string, string> variables,
        string workingDirectory, params string[] args)
    {
        using var process = Start(launcher, workingDirectory, args, variables);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cts.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the executable without waiting for it (its output is redirected and must be read or dropped).</summary>
    public static Process Start(string workingDirectory, params string[] args) => Start([], workingDirectory, args);

    private static Process Start(IReadOnlyList<string> launcher, string workingDirectory, string[] args,
        IReadOnlyDictionary<string, string>? variables = null)
    {
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : "dotnet")
            { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in launcher.Skip(1)) start.ArgumentList.Add(a);
        if (launcher.Count > 0) start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("COSTS_CONFIG");
        start.Environment.Remove("COSTS_FAULT_AFTER_ROWS");
        foreach (var (name, value) in variables ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    /// <summary>The costs.dll built beside the tests.</summary>
    public static string Dll => typeof(CostsProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
        .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "CostsExecutable").Value!;
}

/// <summary>A temporary folder, deleted when disposed.</summary>
internal sealed class TempDir : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("costs-e2e-").FullName;
    public string File(string name) => Path.Combine(Root, name);
    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

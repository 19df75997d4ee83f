namespace Costs.Cli;

/// <summary>
/// What a CLI invocation sees of the outside world: its output streams, environment variables, the
/// working directory and the clock. Tests pass their own; <see cref="FromProcess"/> is the real one.
/// </summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string> Variables,
    string WorkingDirectory,
    TimeProvider Clock,
    bool IsTerminal)
{
    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal),
        Directory.GetCurrentDirectory(),
        TimeProvider.System,
        !Console.IsOutputRedirected);

    public string? Variable(string name) => Variables.TryGetValue(name, out var v) ? v : null;

    /// <summary>What the application's use cases see of this process.</summary>
    public CostApplication.AppEnvironment App => new(Variables, WorkingDirectory, Clock);

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}

namespace Costs.CostApplication;

/// <summary>
/// What a use case sees of the process it runs in: environment variables (secrets, tokens), the working
/// directory that relative paths start from, and the clock. The command line passes the real ones;
/// tests pass their own.
/// </summary>
public sealed record AppEnvironment(IReadOnlyDictionary<string, string> Variables, string WorkingDirectory, TimeProvider Clock)
{
    public string? Variable(string name) => Variables.TryGetValue(name, out var v) ? v : null;

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}

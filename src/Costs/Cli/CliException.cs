namespace Costs.Cli;

/// <summary>A failure that a verb reports as one clear message and an exit code, with no stack trace.</summary>
public sealed class CliException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}

namespace Costs.CostApplication.Stages;

/// <summary>What kind of failure ended a use case; the command line maps each to its exit code.</summary>
public enum FailureKind
{
    /// <summary>Something failed at run time (I/O, the store, a bug).</summary>
    Failure,
    /// <summary>The configuration or the request is wrong.</summary>
    Configuration,
    /// <summary>Input data was rejected; nothing was written.</summary>
    BadInput,
    /// <summary>An external system (BigQuery, Kubernetes, SMTP, a webhook) failed after retries.</summary>
    External,
    /// <summary>An invariant would break (conservation); nothing was saved.</summary>
    Invariant,
    /// <summary>Another run holds the store's lock.</summary>
    Busy,
}

/// <summary>
/// A use case's failure, worded for a person in one line (or a few), with its <see cref="Kind"/>. Use
/// cases throw it instead of leaking the exception types of the systems they talk to.
/// </summary>
public sealed class StageException(FailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;

    /// <summary>A configuration error listing every problem found.</summary>
    public static StageException InvalidConfiguration(IEnumerable<string> errors) =>
        new(FailureKind.Configuration, "The configuration is invalid:\n  " + string.Join("\n  ", errors));
}

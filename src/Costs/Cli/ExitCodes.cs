namespace Costs.Cli;

/// <summary>Exit codes that scripts can rely on. They are documented in the README.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Something failed at run time (I/O, a bug): the message says what.</summary>
    public const int Failure = 1;
    /// <summary>The command line or the configuration is wrong.</summary>
    public const int Usage = 2;
    /// <summary>Input data was rejected (bad rows past the allowed count); nothing was written.</summary>
    public const int BadInput = 3;
    /// <summary>An external system (BigQuery, Kubernetes, SMTP, a webhook) failed after retries.</summary>
    public const int External = 4;
    /// <summary>An invariant would break (conservation): nothing was saved.</summary>
    public const int Invariant = 5;
    /// <summary>Another run holds the lock.</summary>
    public const int Busy = 6;

    /// <summary>The exit code of a use case's failure.</summary>
    public static int Of(CostApplication.Stages.FailureKind kind) => kind switch
    {
        CostApplication.Stages.FailureKind.Failure => Failure,
        CostApplication.Stages.FailureKind.Configuration => Usage,
        CostApplication.Stages.FailureKind.BadInput => BadInput,
        CostApplication.Stages.FailureKind.External => External,
        CostApplication.Stages.FailureKind.Invariant => Invariant,
        CostApplication.Stages.FailureKind.Busy => Busy,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure kind."),
    };

    /// <summary>
    /// The exit code of a verb whose analysis went well: 0, or the failed publish's (4 when BigQuery failed);
    /// the analysis stays committed either way.
    /// </summary>
    public static int OfPublish(CostApplication.Analyze.AnalyzeSummary? summary) =>
        summary?.Publish is { FailureKind: { } kind } ? Of(kind) : Ok;

    /// <summary>The exit code of a whole run: 0, else External when any stage failed outside, else the first failure's.</summary>
    public static int Of(IReadOnlyList<CostApplication.Stages.StageOutcome> outcomes)
    {
        var failed = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!.Value).ToList();
        if (failed.Count == 0) return Ok;
        return failed.Contains(CostApplication.Stages.FailureKind.External) ? External : Of(failed[0]);
    }
}

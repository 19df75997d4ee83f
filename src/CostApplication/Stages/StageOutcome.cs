namespace Costs.CostApplication.Stages;

/// <summary>How a stage of a run ended.</summary>
public enum StageStatus
{
    Done,
    Skipped,
    Failed,
}

/// <summary>
/// How one stage of a run ended: its status, a sentence that says what it did (or why it was skipped or
/// failed), the lines worth logging beside it, and for a failure its kind.
/// </summary>
public sealed record StageOutcome(Stage Stage, StageStatus Status, string Detail, FailureKind? Failure = null)
{
    /// <summary>Lines the stage reports beside its sentence (a cluster each, a delivery each, warnings).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    public static StageOutcome Done(Stage stage, string detail, IReadOnlyList<string>? lines = null) =>
        new(stage, StageStatus.Done, detail) { Lines = lines ?? [] };

    public static StageOutcome Skipped(Stage stage, string reason) => new(stage, StageStatus.Skipped, reason);

    public static StageOutcome Failed(Stage stage, FailureKind kind, string reason, IReadOnlyList<string>? lines = null) =>
        new(stage, StageStatus.Failed, reason, kind) { Lines = lines ?? [] };
}

namespace Costs.CostApplication.Stages;

/// <summary>The stages a run is made of, in the order `costs run` takes them.</summary>
public enum Stage
{
    /// <summary>Sample the configured Kubernetes clusters.</summary>
    Collect,
    /// <summary>Pull the billing export from BigQuery.</summary>
    Ingest,
    /// <summary>Allocate the days that are loaded and not analyzed yet.</summary>
    Analyze,
    /// <summary>Publish the analyzed days that an output (Publish:BigQuery) does not hold yet.</summary>
    Publish,
    /// <summary>Judge and deliver alerts.</summary>
    Alert,
    /// <summary>Write and mail the reports that are due.</summary>
    Report,
}

/// <summary>The names stages have in logs, schedules and messages.</summary>
public static class StageNames
{
    /// <summary>Every stage, in run order.</summary>
    public static IReadOnlyList<Stage> All { get; } = Enum.GetValues<Stage>();

    public static string ToText(this Stage stage) => stage switch
    {
        Stage.Collect => "collect",
        Stage.Ingest => "ingest",
        Stage.Analyze => "analyze",
        Stage.Publish => "publish",
        Stage.Alert => "alert",
        Stage.Report => "report",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    public static Stage Parse(string text)
    {
        foreach (var stage in All)
            if (stage.ToText() == text) return stage;
        throw new FormatException($"Unknown stage '{text}'; stages are {string.Join(", ", All.Select(s => s.ToText()))}.");
    }
}

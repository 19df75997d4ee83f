using System.CommandLine;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs ingest bigquery [--since DATE]`: pulls the Cloud Billing export from BigQuery (REST),
/// aggregated inside BigQuery, and replaces the usage days that are new or restated.
/// </summary>
internal static class IngestBigQueryVerb
{
    public static Command Create(CliEnvironment env)
    {
        var since = DayOption.Create("--since", "Re-pull every usage day from this date (yyyy-MM-dd, UTC) through today, whatever changed.");
        var command = new Command("bigquery",
            "Load the billing export table from BigQuery (config section BigQuery): back-fills on the first run, then " +
            "re-pulls the usage days whose export partitions changed in the last BigQuery:CheckPartitionDays days.");
        var noAnalyze = new Option<bool>("--no-analyze") { Description = "Load only; do not analyze the replaced days." };
        command.Options.Add(since);
        command.Options.Add(noAnalyze);
        command.SetAction((parse, ct) => CostsCli.WithContextAsync(parse, env, async context =>
        {
            var ingest = await context.App.IngestBigQueryAsync(!parse.GetValue(noAnalyze), ct);
            var result = await ingest.RunAsync(parse.GetValue(since), ct);
            await context.Out.WriteLineAsync(result.Describe());
            if (result.Analysis is { } summary) await context.Out.WriteLineAsync(summary.Describe());
            return ExitCodes.OfPublish(result.Analysis);
        }, discardNewStoreOnFailure: true));
        return command;
    }
}

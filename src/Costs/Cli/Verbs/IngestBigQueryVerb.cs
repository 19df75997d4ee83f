using System.CommandLine;
using System.Globalization;
using Costs.CostAnalyzer.Attribution;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Google;

namespace Costs.Cli.Verbs;

/// <summary>
/// `costs ingest bigquery [--since DATE]`: pulls the Cloud Billing export from BigQuery (REST),
/// aggregated inside BigQuery, and replaces the usage days that are new or restated.
/// </summary>
internal static class IngestBigQueryVerb
{
    /// <summary>A bearer token to use instead of Application Default Credentials (tests, local runs).</summary>
    public const string AccessTokenVariable = "COSTS_GOOGLE_ACCESS_TOKEN";

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
            var sinceDay = parse.GetValue(since);
            var options = context.Options<BigQueryOptions>(BigQueryOptions.Section);
            if (options.LabelKeys is not { Count: > 0 })
                options.LabelKeys = AttributionLabelKeys(context.Options<AttributionOptions>(AttributionOptions.Section));
            var errors = options.Validate();
            if (errors.Count > 0) throw new CliException(ExitCodes.Usage, string.Join(" ", errors));

            var result = await RunAsync(context, options, sinceDay, ct);
            await context.Out.WriteLineAsync(Summary(result));
            if (!parse.GetValue(noAnalyze) && result.ReplacedDays.Count > 0)
            {
                var summary = await Pipeline.AnalyzePipeline.RunDaysAsync(context, result.ReplacedDays, ct);
                await context.Out.WriteLineAsync(summary.Describe());
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Runs the ingest and returns what it replaced; <see cref="BigQueryIngestResult.ReplacedDays"/> are
    /// the days to analyze next. Failures become one-line <see cref="CliException"/>s (exit 4).
    /// </summary>
    public static async Task<BigQueryIngestResult> RunAsync(CliContext context, BigQueryOptions options, DateOnly? since, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = options.HttpTimeout };
        var client = new BigQueryRestClient(http, TokenSource(context.Environment, ApplicationDefaultTokenSource.BigQueryReadScope),
            options, context.Clock);
        var store = await context.StoreAsync(ct);
        try
        {
            return await new BigQueryIngest(client, options, context.Clock).RunAsync(store, since, ct);
        }
        catch (GoogleApiException ex)
        {
            throw new CliException(ExitCodes.External, ex.Message, ex);
        }
        catch (BqDecodeException ex)
        {
            throw new CliException(ExitCodes.External, $"BigQuery returned a row that cannot be read; nothing was stored. {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The label keys a pull keeps when BigQuery:LabelKeys is not configured: every key the attribution
    /// rules read (Attribution section), so that a BigQuery pull attributes a row as a file load of it
    /// does. With the default attribution options these are <see cref="BigQueryOptions.DefaultLabelKeys"/>.
    /// </summary>
    internal static List<string> AttributionLabelKeys(AttributionOptions attribution)
    {
        var keys = attribution.ServiceLabels.Concat(attribution.TeamLabels).Concat(attribution.EnvironmentLabels)
            .Distinct(StringComparer.Ordinal).ToList();
        if (attribution.UseGkeLabels) keys.AddRange(keys.Select(k => Attributor.GkeLabelPrefix + k).ToList());
        keys.AddRange([Attributor.GkeNamespaceLabel, Attributor.GkeClusterLabel, "goog-k8s-node-pool-name"]);
        return keys.Distinct(StringComparer.Ordinal).ToList();
    }

    internal static IAccessTokenSource TokenSource(CliEnvironment env, string scope) =>
        env.Variable(AccessTokenVariable) is { Length: > 0 } token
            ? new StaticAccessTokenSource(token)
            : new ApplicationDefaultTokenSource(scope);

    private static string Summary(BigQueryIngestResult r)
    {
        var what = r.Reason switch
        {
            PullReason.Backfill => "first run, back-filled",
            PullReason.Since => "re-pulled from --since",
            _ => $"{r.PartitionsChanged.Count} of {r.PartitionsChecked} partitions changed",
        };
        var days = r.ReplacedDays.Count == 0
            ? "no usage days replaced"
            : $"replaced {r.ReplacedDays.Count} usage days: {string.Join(", ", r.ReplacedDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}";
        return $"BigQuery ({what}): {days}; {r.Lines} lines.";
    }
}

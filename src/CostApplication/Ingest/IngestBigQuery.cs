using System.Globalization;
using Costs.CostApplication.Analyze;
using Costs.CostApplication.Stages;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Google;
using Costs.CostModel.Store;

namespace Costs.CostApplication.Ingest;

/// <summary>What a BigQuery pull came to: the pull, and the analysis of the replaced days when one was asked for.</summary>
public sealed record BigQueryIngested(BigQueryIngestResult Pull, AnalyzeSummary? Analysis)
{
    /// <summary>One sentence: why it pulled, which days it replaced.</summary>
    public string Describe()
    {
        var r = Pull;
        var what = r.Reason switch
        {
            PullReason.Backfill => "first run, back-filled",
            PullReason.Since => "re-pulled from --since",
            _ => $"{r.PartitionsChanged.Count} of {r.PartitionsChecked} partitions changed",
        };
        var days = r.ReplacedDays.Count == 0
            ? "no usage days replaced"
            : $"replaced {r.ReplacedDays.Count} usage days: {string.Join(", ", r.ReplacedDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}";
        var undated = r.WithoutUsageStart.Count == 0 ? "" :
            $" {r.WithoutUsageStart.Sum(p => p.RowsWithoutUsageStart)} row(s) without usage_start_time were not loaded (partitions "
            + string.Join(", ", r.WithoutUsageStart.Select(p => p.PartitionDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            + "; kept as rejects of the load).";
        return $"BigQuery ({what}): {days}; {r.Lines} lines.{undated}";
    }
}

/// <summary>
/// The BigQuery ingest use case: pull the billing export over REST, aggregated inside BigQuery; back-fill
/// on the first run, later re-pull the usage days whose export partitions changed; then analyze the
/// replaced days. Failures of BigQuery are <see cref="FailureKind.External"/>.
/// </summary>
public sealed class IngestBigQuery(CostStore store, BigQueryOptions options, IAccessTokenSource tokens, TimeProvider clock,
    AnalyzeDays? analyze)
{
    public async Task<BigQueryIngested> RunAsync(DateOnly? since, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Table))
            throw new StageException(FailureKind.Configuration,
                "No BigQuery:Table configured: name the billing export table (see docs/connect-billing-account.md).");
        using var http = new HttpClient { Timeout = options.HttpTimeout };
        var client = new BigQueryRestClient(http, tokens, options, clock);
        BigQueryIngestResult pull;
        AnalyzeSummary? analysis = null;
        try
        {
            // The analysis runs inside the load's transaction: if it fails, nothing of the pull is kept.
            pull = await new BigQueryIngest(client, options, clock).RunAsync(store, since,
                analyze is null ? null : async (days, token) => analysis = await analyze.RunDaysAsync(days, token), ct);
        }
        catch (GoogleApiException ex)
        {
            throw new StageException(FailureKind.External, ex.Message, ex);
        }
        catch (Exception ex) when (StoreAccessException.IsDiskFull(ex))
        {
            throw new StageException(FailureKind.Failure, StoreAccessException.DiskFull(store.Path), ex);
        }
        catch (BqDecodeException ex)
        {
            throw new StageException(FailureKind.External, $"BigQuery returned a row that cannot be read; nothing was stored. {ex.Message}", ex);
        }
        // Published once the pull and its analysis are committed; a failed publish leaves them committed.
        if (analysis is not null) analysis = await analyze!.PublishAsync(analysis, ct);
        return new BigQueryIngested(pull, analysis);
    }
}

using System.Globalization;
using Costs.CostApplication.Settings;
using Costs.CostApplication.Stages;
using Costs.CostIngest.BigQuery;
using Costs.CostIngest.Google;
using Costs.CostModel.Store;
using Costs.CostModel.Time;
using Costs.CostReports.BigQuery;

namespace Costs.CostApplication.Publish;

/// <summary>
/// What a publish did: the days whose partitions it replaced and their rows, and, when it stopped on a
/// failure, why (the failed day and the ones after it stay pending for the next run).
/// </summary>
public sealed record PublishResult(string Table, IReadOnlyList<DateOnly> Published, long Rows, int Pending,
    string? Failure = null, FailureKind? FailureKind = null)
{
    public bool Failed => Failure is not null;

    /// <summary>One sentence for the verbs and the run's log.</summary>
    public string Describe()
    {
        var done = Published.Count == 0
            ? $"BigQuery {Table}: no analyzed day to publish"
            : $"BigQuery {Table}: replaced {Published.Count} day partition(s) ({Days(Published)}) with {Rows:N0} rows";
        return Failure is null ? done + "." : $"{done}; publishing stopped: {Failure} {Pending} day(s) stay pending for the next run.";
    }

    private static string Days(IReadOnlyList<DateOnly> days) => days.Count <= 3
        ? string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
        : $"{days[0]:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}";
}

/// <summary>
/// The BigQuery publish use case: every day analyzed since it was last published (the store's publish
/// ledger) is read from the store and loaded into its partition of the configured table with a load job that
/// replaces the partition (WRITE_TRUNCATE on <c>table$YYYYMMDD</c>), so running it again for a day replaces and
/// never appends. Days go in order; the first failure stops the publish and is returned, not thrown: the
/// analysis is committed already, and the day stays pending for the next run.
/// </summary>
public sealed class PublishBigQuery(CostStore store, BigQueryPublishOptions options, IAccessTokenSource tokens, TimeProvider clock)
{
    private BigQueryTable Table => new(options.Project!, options.Dataset!, options.Table!);

    public async Task<PublishResult> RunPendingAsync(CancellationToken ct)
    {
        var pending = await store.Publications.PendingAsync(PublishLedger.BigQuery, ct);
        var published = new List<DateOnly>();
        long rows = 0;
        if (pending.Count == 0) return new PublishResult(Table.ToString(), published, 0, 0);
        using var http = new HttpClient { Timeout = options.HttpTimeout };
        var client = new BigQueryLoadClient(http, tokens,
            new BigQueryLoadSettings(options.BaseUri, options.Location, options.Retry, options.PollInterval, options.JobTimeout), clock);
        for (var i = 0; i < pending.Count; i++)
        {
            var day = pending[i];
            var jobId = $"costs_{day.Day:yyyyMMdd}_{Guid.NewGuid():N}";
            try
            {
                var dayRows = await store.ReadAllocationsAsync(new DateRange(day.Day, day.Day.AddDays(1)), ct);
                var load = new PartitionLoad(Table, day.Day, AllocationTable.PartitionField, AllocationTable.SchemaFields(),
                    AllocationTable.JsonLines(dayRows), jobId);
                await client.ReplacePartitionAsync(load, ct);
                await store.Publications.MarkPublishedAsync(PublishLedger.BigQuery, day, jobId, ct);
                published.Add(day.Day);
                rows += dayRows.Count;
            }
            catch (Exception ex) when (ex is GoogleApiException or ArgumentException)
            {
                var why = $"{day.Day:yyyy-MM-dd}: {ex.Message}";
                await store.Publications.MarkFailedAsync(PublishLedger.BigQuery, day.Day, jobId, ex.Message, ct);
                return new PublishResult(Table.ToString(), published, rows, pending.Count - i, why,
                    ex is GoogleApiException ? FailureKind.External : FailureKind.BadInput);
            }
        }
        return new PublishResult(Table.ToString(), published, rows, 0);
    }
}

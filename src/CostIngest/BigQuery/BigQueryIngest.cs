using Costs.CostModel.Store;

namespace Costs.CostIngest.BigQuery;

/// <summary>What a BigQuery ingest run did.</summary>
public sealed record BigQueryIngestResult(
    PullReason Reason,
    int PartitionsChecked,
    IReadOnlyList<DateOnly> PartitionsChanged,
    IReadOnlyList<DateOnly> RequestedDays,
    IReadOnlyList<DateOnly> ReplacedDays,
    long Lines)
{
    /// <summary>Changed partitions holding rows without usage_start_time, which no usage day can hold; each is a reject of the load.</summary>
    public IReadOnlyList<PartitionState> WithoutUsageStart { get; init; } = [];
}

/// <summary>
/// <c>costs ingest bigquery</c>: checks the newest export_time of the last N export partitions,
/// re-pulls the usage days whose partitions changed (or back-fills on the first run, or from
/// <c>--since</c>), and replaces them in the store in one transaction. Load (BigQuery) → compute
/// (<see cref="PartitionPlanner"/>, <see cref="BillingRowDecoder"/>) → save (one BillingLoad).
/// </summary>
public sealed class BigQueryIngest(IBigQueryClient client, BigQueryOptions options, TimeProvider clock)
{
    private readonly ExportTable _table = options.ParsedTable;

    /// <summary>
    /// Runs once. On any failure the BillingLoad is disposed without commit, so the store is unchanged.
    /// <see cref="BigQueryIngestResult.ReplacedDays"/> are the usage days to analyze next.
    /// </summary>
    public Task<BigQueryIngestResult> RunAsync(CostStore store, DateOnly? since, CancellationToken ct) =>
        RunAsync(store, since, null, ct);

    /// <param name="beforeCommit">Runs on the replaced days inside the load's transaction: when it throws, nothing is stored.</param>
    public async Task<BigQueryIngestResult> RunAsync(CostStore store, DateOnly? since,
        Func<IReadOnlyCollection<DateOnly>, CancellationToken, Task>? beforeCommit, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var checkStart = PartitionPlanner.CheckStart(today, options.CheckPartitionDays);
        var observed = await ReadPartitionsAsync(checkStart, today.AddDays(1), ct);
        var stored = await store.ReadExportPartitionsAsync(_table.SqlName, ct);
        var plan = PartitionPlanner.Plan(observed, stored, today, options.BackfillMonths, since);

        IReadOnlyList<DateOnly> replaced = [];
        long lines = 0;
        var undated = plan.ChangedPartitions.Where(p => p.RowsWithoutUsageStart > 0).ToList();
        if (plan.UsageDays.Count > 0 || undated.Count > 0)
        {
            await using var load = await store.BeginBillingLoadAsync(["bigquery:" + _table.SqlName], ct);
            var rowNumber = 0L;
            if (plan.UsageDays.Count > 0)
                await foreach (var row in client.QueryAsync(LinesQuery(plan.UsageDays, today), ct))
                    await load.AddAsync(BillingRowDecoder.Decode(row, _table, ++rowNumber), ct);
            foreach (var p in undated)
                await load.RejectAsync(new Reject(0, $"bigquery:{_table.SqlName} partition {p.PartitionDay:yyyy-MM-dd}", 0, "usage_start_time", null,
                    $"{p.RowsWithoutUsageStart} row(s) have no usage_start_time: no usage day can hold them, so they were not loaded."), ct);
            replaced = load.Days.ToList();
            lines = load.LineCount;
            await load.CommitAsync(beforeCommit, ct);
        }
        // Recorded only after the lines are committed: a crash in between re-pulls the same days
        // next run, which replaces them with the same lines (idempotent).
        await store.SaveExportPartitionsAsync(_table.SqlName,
            observed.Select(p => (p.PartitionDay, p.MaxExportTime, p.Rows)), clock.GetUtcNow(), ct);
        return new BigQueryIngestResult(plan.Reason, observed.Count,
            plan.ChangedPartitions.Select(p => p.PartitionDay).ToList(), plan.UsageDays, replaced, lines) { WithoutUsageStart = undated };
    }

    private async Task<IReadOnlyList<PartitionState>> ReadPartitionsAsync(DateOnly start, DateOnly endExclusive, CancellationToken ct)
    {
        var query = new BigQueryQuery(
            Sql.BigQueryPartitionExportTimes.Replace("{{table}}", _table.SqlName, StringComparison.Ordinal),
            [QueryParameter.Date("partition_start", start), QueryParameter.Date("partition_end", endExclusive)]);
        var list = new List<PartitionState>();
        await foreach (var row in client.QueryAsync(query, ct))
        {
            list.Add(new PartitionState(
                row.Date("partition_day") ?? throw new BqDecodeException("Column partition_day is null."),
                row.Timestamp("max_export_time") ?? throw new BqDecodeException("Column max_export_time is null."),
                row.Dates("usage_days"),
                row.Int64("row_count") ?? 0,
                row.Int64("rows_without_usage_start") ?? 0));
        }
        return list;
    }

    /// <summary>
    /// The lines query for <paramref name="days"/>. Partition filter: from the day before the first
    /// usage day (a usage day's rows are exported on or after it; one day of slack for time zones)
    /// to tomorrow, exclusive, so late and restated rows in later partitions are included.
    /// </summary>
    internal BigQueryQuery LinesQuery(IReadOnlyList<DateOnly> days, DateOnly today)
    {
        var (keys, prefixes) = options.SplitLabelKeys();
        var sql = Sql.BigQueryBillingLines
            .Replace("{{table}}", _table.SqlName, StringComparison.Ordinal)
            .Replace("{{resource_name}}", _table.IsDetailed ? "resource.name" : "CAST(NULL AS STRING)", StringComparison.Ordinal)
            .Replace("{{resource_global_name}}", _table.IsDetailed ? "resource.global_name" : "CAST(NULL AS STRING)", StringComparison.Ordinal)
            .Replace("{{consumption_model_id}}", options.HasConsumptionModel ? "consumption_model.id" : "CAST(NULL AS STRING)", StringComparison.Ordinal);
        return new BigQueryQuery(sql,
        [
            QueryParameter.Date("partition_start", days.Min().AddDays(-1)),
            QueryParameter.Date("partition_end", today.AddDays(1)),
            QueryParameter.DateArray("usage_days", days),
            QueryParameter.String("granularity", options.Granularity == BillingGranularity.Day ? "day" : "hour"),
            QueryParameter.StringArray("label_keys", keys),
            QueryParameter.StringArray("label_prefixes", prefixes),
        ]);
    }
}

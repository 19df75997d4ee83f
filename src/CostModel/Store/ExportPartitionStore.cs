using Dapper;

namespace Costs.CostModel.Store;

/// <summary>
/// The newest export_time seen per BigQuery export partition day (migration 0003), so that a run
/// re-pulls only the usage days whose partitions changed.
/// </summary>
public static class ExportPartitionStore
{
    public static async Task<IReadOnlyDictionary<DateOnly, DateTimeOffset>> ReadExportPartitionsAsync(
        this CostStore store, string tableName, CancellationToken ct)
    {
        var rows = await store.Connection.QueryAsync<PartitionRow>(new CommandDefinition(Sql.BqSelectPartitions,
            new { TableName = tableName }, cancellationToken: ct));
        return rows.ToDictionary(r => StoreText.ParseDay(r.PartitionDay), r => StoreText.ParseInstant(r.MaxExportTime));
    }

    /// <summary>Records the partitions seen, in one transaction.</summary>
    public static async Task SaveExportPartitionsAsync(this CostStore store, string tableName,
        IEnumerable<(DateOnly Day, DateTimeOffset MaxExportTime, long Rows)> partitions, DateTimeOffset checkedAt, CancellationToken ct)
    {
        using var tx = store.Connection.BeginTransaction();
        foreach (var (day, max, rows) in partitions)
        {
            await store.Connection.ExecuteAsync(new CommandDefinition(Sql.BqUpsertPartition, new
            {
                TableName = tableName,
                PartitionDay = StoreText.Day(day),
                MaxExportTime = StoreText.Instant(max),
                RowCount = rows,
                CheckedAt = StoreText.Instant(checkedAt),
            }, tx, cancellationToken: ct));
        }
        tx.Commit();
    }

    private sealed class PartitionRow
    {
        public string PartitionDay { get; init; } = "";
        public string MaxExportTime { get; init; } = "";
    }
}

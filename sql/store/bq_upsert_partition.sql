INSERT INTO bq_partition (table_name, partition_day, max_export_time, row_count, checked_at)
VALUES (@TableName, @PartitionDay, @MaxExportTime, @RowCount, @CheckedAt)
ON CONFLICT (table_name, partition_day) DO UPDATE SET
    max_export_time = excluded.max_export_time,
    row_count = excluded.row_count,
    checked_at = excluded.checked_at;

SELECT partition_day AS PartitionDay, max_export_time AS MaxExportTime
FROM bq_partition
WHERE table_name = @TableName;

-- costs:partitions
-- For each export partition in [@partition_start, @partition_end): the newest export_time it holds
-- and the usage days (UTC) of its rows. A partition whose newest export_time differs from the one
-- the store recorded holds new or restated rows for those usage days.
SELECT
  DATE(_PARTITIONTIME) AS partition_day,
  MAX(export_time) AS max_export_time,
  ARRAY_AGG(DISTINCT DATE(usage_start_time) ORDER BY DATE(usage_start_time)) AS usage_days,
  COUNT(*) AS row_count
FROM `{{table}}`
WHERE _PARTITIONTIME >= TIMESTAMP(@partition_start)
  AND _PARTITIONTIME < TIMESTAMP(@partition_end)
GROUP BY partition_day
ORDER BY partition_day

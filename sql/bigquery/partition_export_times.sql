-- costs:partitions
-- For each export partition in [@partition_start, @partition_end): the newest export_time it holds
-- and the usage days (UTC) of its rows. A partition whose newest export_time differs from the one
-- the store recorded holds new or restated rows for those usage days. A row without usage_start_time
-- has no usage day: ARRAY_AGG would fail on its NULL, so it is left out of usage_days (IGNORE NULLS)
-- and counted apart, so that the run reports it instead of losing it silently.
SELECT
  DATE(_PARTITIONTIME) AS partition_day,
  MAX(export_time) AS max_export_time,
  ARRAY_AGG(DISTINCT DATE(usage_start_time) IGNORE NULLS ORDER BY DATE(usage_start_time)) AS usage_days,
  COUNT(*) AS row_count,
  COUNTIF(usage_start_time IS NULL) AS rows_without_usage_start
FROM `{{table}}`
WHERE _PARTITIONTIME >= TIMESTAMP(@partition_start)
  AND _PARTITIONTIME < TIMESTAMP(@partition_end)
GROUP BY partition_day
ORDER BY partition_day

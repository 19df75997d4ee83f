-- The last time each stage left a record of success in the store: a committed billing load (ingest; a
-- failed load rolls its row back), a cluster sample (collect), stored Catalog prices (prices), a report
-- e-mail sent (report) and an alert sent (alert). A stage that never succeeded has a null time.
SELECT 'ingest' AS stage, MAX(started_at) AS at FROM load
UNION ALL SELECT 'collect', MAX(taken_at) FROM cluster_sample
UNION ALL SELECT 'prices', MAX(loaded_at) FROM price_rate
UNION ALL SELECT 'report', MAX(updated_at) FROM delivery WHERE state = 'sent' AND channel = @ReportChannel
UNION ALL SELECT 'alert', MAX(updated_at) FROM delivery WHERE state = 'sent' AND channel <> @ReportChannel;

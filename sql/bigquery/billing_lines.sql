-- costs:billing_lines
-- The export, aggregated inside BigQuery: one row per (hour or day, @granularity) x billing account
-- x project x service x SKU x region x GKE node resource x the configured label values (of the row and
-- of its project) x cost type
-- x consumption model x currency/invoice month. Money leaves as NUMERIC (exact), never FLOAT64:
-- each FLOAT64 amount is CAST to NUMERIC (9 decimal places) before it is summed.
--
-- Usage days are selected by @usage_days (UTC dates of usage_start_time). Their rows can sit in
-- later partitions than their usage day (late data, restatements), so the partition filter runs
-- from the day before the first usage day (time-zone slack) to @partition_end (tomorrow): bounded,
-- and it covers every partition that can hold those days.
--
-- GKE node rule: resource_name is kept only for Compute Engine rows (service.id 6F81-5844-456A)
-- whose labels mark a GKE node VM (goog-gke-node or goog-k8s-cluster-name). Every other row is
-- aggregated without its resource, which keeps the result small.
WITH src AS (
  SELECT
    billing_account_id,
    IF(@granularity = 'day', TIMESTAMP_TRUNC(usage_start_time, DAY), TIMESTAMP_TRUNC(usage_start_time, HOUR)) AS usage_start,
    invoice.month AS invoice_month,
    currency,
    CAST(currency_conversion_rate AS NUMERIC) AS currency_conversion_rate,
    project.id AS project_id,
    project.name AS project_name,
    service.id AS service_id,
    service.description AS service_description,
    sku.id AS sku_id,
    sku.description AS sku_description,
    -- Multi-region and global usage has no location.region; location.location says where (US, global).
    COALESCE(location.region, location.location) AS region,
    IF(service.id = '6F81-5844-456A'
         AND EXISTS (SELECT 1 FROM UNNEST(labels) AS n WHERE n.key IN ('goog-gke-node', 'goog-k8s-cluster-name')),
       {{resource_name}}, NULL) AS resource_name,
    IF(service.id = '6F81-5844-456A'
         AND EXISTS (SELECT 1 FROM UNNEST(labels) AS n WHERE n.key IN ('goog-gke-node', 'goog-k8s-cluster-name')),
       {{resource_global_name}}, NULL) AS resource_global_name,
    ARRAY(
      SELECT AS STRUCT l.key, l.value
      FROM UNNEST(labels) AS l
      WHERE l.key IN UNNEST(@label_keys)
         OR EXISTS (SELECT 1 FROM UNNEST(@label_prefixes) AS p WHERE STARTS_WITH(l.key, p))
      ORDER BY l.key) AS kept_labels,
    -- The project's labels, filtered the same way: the attribution rules fall back on them.
    ARRAY(
      SELECT AS STRUCT l.key, l.value
      FROM UNNEST(project.labels) AS l
      WHERE l.key IN UNNEST(@label_keys)
         OR EXISTS (SELECT 1 FROM UNNEST(@label_prefixes) AS p WHERE STARTS_WITH(l.key, p))
      ORDER BY l.key) AS kept_project_labels,
    cost_type,
    {{consumption_model_id}} AS consumption_model_id,
    CAST(cost AS NUMERIC) AS cost,
    CAST(cost_at_list AS NUMERIC) AS cost_at_list,
    CAST(usage.amount AS NUMERIC) AS usage_amount,
    usage.unit AS usage_unit,
    CAST(usage.amount_in_pricing_units AS NUMERIC) AS usage_amount_in_pricing_units,
    usage.pricing_unit AS usage_pricing_unit,
    -- Rows exported before credits.type existed carry only credits.name; it stands in for the type.
    ARRAY(SELECT AS STRUCT COALESCE(c.type, c.name, 'UNSPECIFIED') AS type, CAST(c.amount AS NUMERIC) AS amount
          FROM UNNEST(credits) AS c) AS row_credits,
    export_time
  FROM `{{table}}`
  WHERE _PARTITIONTIME >= TIMESTAMP(@partition_start)
    AND _PARTITIONTIME < TIMESTAMP(@partition_end)
    AND DATE(usage_start_time) IN UNNEST(@usage_days)
)
SELECT
  billing_account_id,
  usage_start,
  TIMESTAMP_ADD(usage_start, INTERVAL IF(@granularity = 'day', 24, 1) HOUR) AS usage_end,
  invoice_month,
  currency,
  currency_conversion_rate,
  project_id,
  project_name,
  service_id,
  service_description,
  sku_id,
  sku_description,
  region,
  resource_name,
  resource_global_name,
  ANY_VALUE(kept_labels) AS labels,
  ANY_VALUE(kept_project_labels) AS project_labels,
  cost_type,
  consumption_model_id,
  SUM(cost) AS cost,
  SUM(cost_at_list) AS cost_at_list,
  SUM(usage_amount) AS usage_amount,
  usage_unit,
  SUM(usage_amount_in_pricing_units) AS usage_amount_in_pricing_units,
  usage_pricing_unit,
  ARRAY(
    SELECT AS STRUCT c.type, SUM(c.amount) AS amount
    FROM UNNEST(ARRAY_CONCAT_AGG(row_credits)) AS c
    GROUP BY c.type
    ORDER BY c.type) AS credits,
  MAX(export_time) AS export_time
FROM src
GROUP BY
  billing_account_id, usage_start, invoice_month, currency, currency_conversion_rate,
  project_id, project_name, service_id, service_description, sku_id, sku_description, region,
  resource_name, resource_global_name, TO_JSON_STRING(kept_labels), TO_JSON_STRING(kept_project_labels), cost_type, consumption_model_id,
  usage_unit, usage_pricing_unit
ORDER BY usage_start, billing_account_id, project_id, service_id, sku_id, region, resource_name, TO_JSON_STRING(kept_labels)

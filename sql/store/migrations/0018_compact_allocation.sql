-- Allocation rows and fixed shares, compact (see docs/store.md). A row was ~150 bytes of text, with an index
-- on its day text; a query read and parsed every row of its range, and a re-analysis wrote them all as text.
--
-- * `allocation_shape` holds, once, everything a row says that is not its day, money, month or currency:
--   kind, the twelve dimensions, the rule and the missing labels, each a `dictionary` id (NULL for an
--   absent dimension). A big organisation has ~1,650 shapes, repeated every day. `key` is the ids joined,
--   for finding a shape again.
-- * `allocation` and `fixed_share` keep per row its shape, invoice month (yyyymm), currency (a dictionary
--   id) and its cost and credits. Their id is (usage day << 32) + n, n the row's place in the order the
--   readers return (day, kind, service, team, environment, project, cloud service, SKU, region, cluster,
--   namespace, node pool, node, workload, rule, missing, invoice month, currency; texts by their UTF-8
--   bytes, a null first): a day is one range of the table and reads back in order, with no index.
-- * Money keeps the exact decimal, scale included (33.382080 stays 33.382080: outputs print it so), as
--   INTEGER mantissa × 32 + scale when the mantissa is below 2^58 in absolute value, else as its TEXT.
--   The columns have no declared type, so each value keeps its storage class and a reader takes either.
CREATE TABLE allocation_shape (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    kind           INTEGER NOT NULL,
    service        INTEGER,
    team           INTEGER,
    environment    INTEGER,
    project        INTEGER,
    cloud_service  INTEGER NOT NULL,
    sku            INTEGER NOT NULL,
    region         INTEGER,
    cluster        INTEGER,
    namespace      INTEGER,
    node_pool      INTEGER,
    node           INTEGER,
    workload       INTEGER,
    rule           INTEGER NOT NULL,
    missing        INTEGER NOT NULL
);

INSERT OR IGNORE INTO dictionary (text)
SELECT kind FROM allocation UNION SELECT service FROM allocation WHERE service IS NOT NULL
UNION SELECT team FROM allocation WHERE team IS NOT NULL
UNION SELECT environment FROM allocation WHERE environment IS NOT NULL
UNION SELECT project FROM allocation WHERE project IS NOT NULL
UNION SELECT cloud_service FROM allocation UNION SELECT sku FROM allocation
UNION SELECT region FROM allocation WHERE region IS NOT NULL
UNION SELECT cluster FROM allocation WHERE cluster IS NOT NULL
UNION SELECT namespace FROM allocation WHERE namespace IS NOT NULL
UNION SELECT node_pool FROM allocation WHERE node_pool IS NOT NULL
UNION SELECT node FROM allocation WHERE node IS NOT NULL
UNION SELECT workload FROM allocation WHERE workload IS NOT NULL
UNION SELECT rule FROM allocation UNION SELECT missing FROM allocation UNION SELECT currency FROM allocation
UNION SELECT kind FROM fixed_share UNION SELECT service FROM fixed_share WHERE service IS NOT NULL
UNION SELECT team FROM fixed_share WHERE team IS NOT NULL
UNION SELECT environment FROM fixed_share WHERE environment IS NOT NULL
UNION SELECT project FROM fixed_share WHERE project IS NOT NULL
UNION SELECT cloud_service FROM fixed_share UNION SELECT sku FROM fixed_share
UNION SELECT region FROM fixed_share WHERE region IS NOT NULL
UNION SELECT cluster FROM fixed_share WHERE cluster IS NOT NULL
UNION SELECT namespace FROM fixed_share WHERE namespace IS NOT NULL
UNION SELECT node_pool FROM fixed_share WHERE node_pool IS NOT NULL
UNION SELECT node FROM fixed_share WHERE node IS NOT NULL
UNION SELECT workload FROM fixed_share WHERE workload IS NOT NULL
UNION SELECT rule FROM fixed_share UNION SELECT missing FROM fixed_share UNION SELECT currency FROM fixed_share;

-- Every row of both tables with its day number, its place in its day and its shape's ids.
CREATE TEMP TABLE allocation_old AS
SELECT r.*, printf('%d,%s,%s,%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,%d,%d', r.kind_id, ifnull(r.service_id, ''),
        ifnull(r.team_id, ''), ifnull(r.environment_id, ''), ifnull(r.project_id, ''), r.cloud_service_id, r.sku_id,
        ifnull(r.region_id, ''), ifnull(r.cluster_id, ''), ifnull(r.namespace_id, ''), ifnull(r.node_pool_id, ''),
        ifnull(r.node_id, ''), ifnull(r.workload_id, ''), r.rule_id, r.missing_id) AS key
FROM (
    SELECT a.tbl, a.cost, a.credits, CAST(a.invoice_month AS INTEGER) AS month,
        CAST(julianday(a.day) - 1721425.5 AS INTEGER) AS day_number,
        row_number() OVER (PARTITION BY a.tbl, a.day ORDER BY a.kind, a.service, a.team, a.environment, a.project,
            a.cloud_service, a.sku, a.region, a.cluster, a.namespace, a.node_pool, a.node, a.workload, a.rule, a.missing,
            a.invoice_month, a.currency) - 1 AS n,
        (SELECT id FROM dictionary WHERE text = a.currency) AS currency_id,
        (SELECT id FROM dictionary WHERE text = a.kind) AS kind_id,
        (SELECT id FROM dictionary WHERE text = a.service) AS service_id,
        (SELECT id FROM dictionary WHERE text = a.team) AS team_id,
        (SELECT id FROM dictionary WHERE text = a.environment) AS environment_id,
        (SELECT id FROM dictionary WHERE text = a.project) AS project_id,
        (SELECT id FROM dictionary WHERE text = a.cloud_service) AS cloud_service_id,
        (SELECT id FROM dictionary WHERE text = a.sku) AS sku_id,
        (SELECT id FROM dictionary WHERE text = a.region) AS region_id,
        (SELECT id FROM dictionary WHERE text = a.cluster) AS cluster_id,
        (SELECT id FROM dictionary WHERE text = a.namespace) AS namespace_id,
        (SELECT id FROM dictionary WHERE text = a.node_pool) AS node_pool_id,
        (SELECT id FROM dictionary WHERE text = a.node) AS node_id,
        (SELECT id FROM dictionary WHERE text = a.workload) AS workload_id,
        (SELECT id FROM dictionary WHERE text = a.rule) AS rule_id,
        (SELECT id FROM dictionary WHERE text = a.missing) AS missing_id
    FROM (SELECT 'allocation' AS tbl, day, currency, invoice_month, kind, service, team, environment,
            project, cloud_service, sku, region, cluster, namespace, node_pool, node, workload, rule, missing, cost, credits
        FROM allocation
        UNION ALL
        SELECT 'fixed_share', day, currency, invoice_month, kind, service, team, environment,
            project, cloud_service, sku, region, cluster, namespace, node_pool, node, workload, rule, missing, cost, credits
        FROM fixed_share) a
) r;

INSERT OR IGNORE INTO allocation_shape (key, kind, service, team, environment, project, cloud_service, sku, region,
    cluster, namespace, node_pool, node, workload, rule, missing)
SELECT key, kind_id, service_id, team_id, environment_id, project_id, cloud_service_id, sku_id, region_id, cluster_id,
    namespace_id, node_pool_id, node_id, workload_id, rule_id, missing_id
FROM allocation_old ORDER BY tbl, day_number, n;

-- Each amount's compact value: the sign, the digits without the point as the mantissa, the digits after the
-- point as the scale. Text that is not a plain invariant decimal, a mantissa of 18 digits or more and a
-- negative zero stay as they are (the reader parses the text, as before).
CREATE TEMP TABLE allocation_money (text TEXT PRIMARY KEY, value);
INSERT INTO allocation_money (text, value)
SELECT t, CASE
    WHEN body = '' OR body GLOB '*[^0-9.]*' OR body GLOB '*.*.*' OR body GLOB '.*' OR body GLOB '*.'
        OR length(ltrim(digits, '0')) > 17 OR scale > 28 OR (negative AND ltrim(digits, '0') = '') THEN t
    ELSE (CASE WHEN negative THEN -1 ELSE 1 END) * CAST(digits AS INTEGER) * 32 + scale END
FROM (
    SELECT t, body, negative, replace(body, '.', '') AS digits,
        CASE WHEN instr(body, '.') = 0 THEN 0 ELSE length(body) - instr(body, '.') END AS scale
    FROM (
        SELECT t, substr(t, 1, 1) = '-' AS negative, CASE WHEN substr(t, 1, 1) = '-' THEN substr(t, 2) ELSE t END AS body
        FROM (SELECT cost AS t FROM allocation_old UNION SELECT credits FROM allocation_old)
    )
);

DROP TABLE allocation;
DROP TABLE fixed_share;

-- Columns without a declared type keep each value's storage class (INTEGER, or the exact TEXT).
CREATE TABLE allocation (
    id             INTEGER PRIMARY KEY,
    shape          INTEGER NOT NULL,
    invoice_month  INTEGER NOT NULL,
    currency       INTEGER NOT NULL,
    cost NOT NULL,
    credits NOT NULL
);

CREATE TABLE fixed_share (
    id             INTEGER PRIMARY KEY,
    shape          INTEGER NOT NULL,
    invoice_month  INTEGER NOT NULL,
    currency       INTEGER NOT NULL,
    cost NOT NULL,
    credits NOT NULL
);

INSERT INTO allocation (id, shape, invoice_month, currency, cost, credits)
SELECT (o.day_number << 32) + o.n, s.id, o.month, o.currency_id,
    (SELECT value FROM allocation_money WHERE text = o.cost), (SELECT value FROM allocation_money WHERE text = o.credits)
FROM allocation_old o JOIN allocation_shape s ON s.key = o.key
WHERE o.tbl = 'allocation';

INSERT INTO fixed_share (id, shape, invoice_month, currency, cost, credits)
SELECT (o.day_number << 32) + o.n, s.id, o.month, o.currency_id,
    (SELECT value FROM allocation_money WHERE text = o.cost), (SELECT value FROM allocation_money WHERE text = o.credits)
FROM allocation_old o JOIN allocation_shape s ON s.key = o.key
WHERE o.tbl = 'fixed_share';

DROP TABLE allocation_old;
DROP TABLE allocation_money;

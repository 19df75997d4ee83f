-- Billing lines, compact (see docs/store.md). A line was ~690 bytes of text with three label JSON
-- objects and a credits JSON array; loading and re-reading it was most of ingest and analyze time.
--
-- * Every repeated text (account, project, service, SKU, region, zone, resource, units, cost type,
--   source file, currency) and every label set (canonical JSON) is stored once in `dictionary` and
--   referenced by id. An empty label set is NULL.
-- * Money is INTEGER nano-units (10^-9 of the currency unit: exact, summable in SQL) when the amount
--   is a whole number of nano-units within ±9.2 × 10^9; any other amount is TEXT holding the exact
--   invariant decimal, as before. A quantity (usage, a rate) is INTEGER when it is a whole number,
--   else TEXT. An instant is INTEGER Unix seconds when it falls on a whole second, else TEXT (ISO 8601).
--   A reader takes whichever storage class it finds, so rows written before this migration (all TEXT)
--   read exactly as they did.
-- * `credits` is the id of the credit list without its amounts (JSON: type, name, full_name, id);
--   with one credit its amount is `credit_total`, with more `credit_amounts` lists them (space
--   separated). Rows from before this migration keep their credits JSON array (with amounts) as TEXT.
-- * `usage_day` is DateOnly.DayNumber (days since 0001-01-01), indexed with the account: one index
--   serves both the day range scans of the analysis and the (account, day) replace of a load.
-- * `billing_day` holds, per (day, account), how many lines the store has: the days of the store
--   without scanning its lines (query, report and `run` ask which days are not analyzed).
CREATE TABLE dictionary (
    id    INTEGER PRIMARY KEY,
    text  TEXT NOT NULL UNIQUE
);

INSERT OR IGNORE INTO dictionary (text)
SELECT account_id FROM billing_line UNION SELECT currency FROM billing_line
UNION SELECT project_id FROM billing_line WHERE project_id IS NOT NULL
UNION SELECT project_name FROM billing_line WHERE project_name IS NOT NULL
UNION SELECT service_id FROM billing_line UNION SELECT service_description FROM billing_line
UNION SELECT sku_id FROM billing_line UNION SELECT sku_description FROM billing_line
UNION SELECT region FROM billing_line WHERE region IS NOT NULL
UNION SELECT zone FROM billing_line WHERE zone IS NOT NULL
UNION SELECT resource_name FROM billing_line WHERE resource_name IS NOT NULL
UNION SELECT resource_global_name FROM billing_line WHERE resource_global_name IS NOT NULL
UNION SELECT labels FROM billing_line WHERE labels <> '{}'
UNION SELECT project_labels FROM billing_line WHERE project_labels <> '{}'
UNION SELECT system_labels FROM billing_line WHERE system_labels <> '{}'
UNION SELECT usage_unit FROM billing_line WHERE usage_unit IS NOT NULL
UNION SELECT usage_pricing_unit FROM billing_line WHERE usage_pricing_unit IS NOT NULL
UNION SELECT cost_type FROM billing_line
UNION SELECT consumption_model FROM billing_line WHERE consumption_model IS NOT NULL
UNION SELECT adjustment FROM billing_line WHERE adjustment IS NOT NULL
UNION SELECT source_file FROM billing_line WHERE source_file IS NOT NULL;

-- Columns without a declared type have no affinity: each value keeps the storage class it was
-- written with (INTEGER or TEXT), which is how a reader tells the compact form from the exact text.
CREATE TABLE billing_line_new (
    id                     INTEGER PRIMARY KEY,
    load_id                INTEGER NOT NULL,
    usage_day              INTEGER NOT NULL,
    account                INTEGER NOT NULL,
    usage_start NOT NULL,
    usage_end NOT NULL,
    invoice_month          INTEGER NOT NULL,
    currency               INTEGER NOT NULL,
    cost NOT NULL,
    credit_total NOT NULL,
    credits,
    credit_amounts         TEXT,
    project_id             INTEGER,
    project_name           INTEGER,
    service_id             INTEGER NOT NULL,
    service_description    INTEGER NOT NULL,
    sku_id                 INTEGER NOT NULL,
    sku_description        INTEGER NOT NULL,
    region                 INTEGER,
    zone                   INTEGER,
    resource_name          INTEGER,
    resource_global_name   INTEGER,
    labels                 INTEGER,
    project_labels         INTEGER,
    system_labels          INTEGER,
    usage_amount,
    usage_unit             INTEGER,
    usage_pricing_amount,
    usage_pricing_unit     INTEGER,
    cost_at_list,
    conversion_rate,
    cost_type              INTEGER NOT NULL,
    consumption_model      INTEGER,
    adjustment             INTEGER,
    export_time,
    source_file            INTEGER,
    source_line            INTEGER
);

INSERT INTO billing_line_new (id, load_id, usage_day, account, usage_start, usage_end, invoice_month, currency,
    cost, credit_total, credits, credit_amounts, project_id, project_name, service_id, service_description, sku_id,
    sku_description, region, zone, resource_name, resource_global_name, labels, project_labels, system_labels,
    usage_amount, usage_unit, usage_pricing_amount, usage_pricing_unit, cost_at_list, conversion_rate, cost_type,
    consumption_model, adjustment, export_time, source_file, source_line)
SELECT b.id, b.load_id, CAST(julianday(b.usage_day) - 1721425.5 AS INTEGER),
    (SELECT id FROM dictionary WHERE text = b.account_id), b.usage_start, b.usage_end,
    CAST(b.invoice_month AS INTEGER), (SELECT id FROM dictionary WHERE text = b.currency),
    b.cost, b.credit_total, CASE WHEN b.credits = '[]' THEN NULL ELSE b.credits END, NULL,
    (SELECT id FROM dictionary WHERE text = b.project_id), (SELECT id FROM dictionary WHERE text = b.project_name),
    (SELECT id FROM dictionary WHERE text = b.service_id), (SELECT id FROM dictionary WHERE text = b.service_description),
    (SELECT id FROM dictionary WHERE text = b.sku_id), (SELECT id FROM dictionary WHERE text = b.sku_description),
    (SELECT id FROM dictionary WHERE text = b.region), (SELECT id FROM dictionary WHERE text = b.zone),
    (SELECT id FROM dictionary WHERE text = b.resource_name), (SELECT id FROM dictionary WHERE text = b.resource_global_name),
    (SELECT id FROM dictionary WHERE text = b.labels AND b.labels <> '{}'),
    (SELECT id FROM dictionary WHERE text = b.project_labels AND b.project_labels <> '{}'),
    (SELECT id FROM dictionary WHERE text = b.system_labels AND b.system_labels <> '{}'),
    b.usage_amount, (SELECT id FROM dictionary WHERE text = b.usage_unit),
    b.usage_pricing_amount, (SELECT id FROM dictionary WHERE text = b.usage_pricing_unit),
    b.cost_at_list, b.conversion_rate, (SELECT id FROM dictionary WHERE text = b.cost_type),
    (SELECT id FROM dictionary WHERE text = b.consumption_model), (SELECT id FROM dictionary WHERE text = b.adjustment),
    b.export_time, (SELECT id FROM dictionary WHERE text = b.source_file), b.source_line
FROM billing_line b;

DROP TABLE billing_line;
ALTER TABLE billing_line_new RENAME TO billing_line;
CREATE INDEX billing_line_day ON billing_line (usage_day, account);

CREATE TABLE billing_day (
    day         TEXT NOT NULL,
    account     TEXT NOT NULL,
    line_count  INTEGER NOT NULL,
    PRIMARY KEY (day, account)
) WITHOUT ROWID;

INSERT INTO billing_day (day, account, line_count)
SELECT date(b.usage_day + 1721425.5), d.text, COUNT(*)
FROM billing_line b JOIN dictionary d ON d.id = b.account
GROUP BY b.usage_day, b.account;

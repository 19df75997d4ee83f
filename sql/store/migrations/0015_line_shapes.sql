-- Billing lines by shape, and a day's lines added up by shape (see docs/store.md).
--
-- * `line_shape` holds, once, everything a line says that is not an amount, a time or a count: account,
--   currency, project, service, SKU, location, resource, the three label sets, units, cost type,
--   consumption model, adjustment and the credit list without its amounts. A VM's core line of every
--   hour of every day has the same shape. `key` is the shape's ids joined, for finding a shape again.
-- * `billing_line` keeps per line only its shape and what differs from hour to hour. Its id is
--   (usage day << 32) + n: a day's lines are one range of the table, so scans and the replace of a day
--   need no index.
-- * `billing_group` is a day's lines added up by (shape, invoice month): the amounts the analysis
--   attributes. A load writes it beside the lines; the analysis reads it instead of every line, and
--   reads single lines only for the node VMs whose cost it splits among pods.
--   A sum too long for a decimal (more than 28 digits, which addition would round) is NULL: the
--   analysis then reads that day's lines of the shape one by one, and its conservation check sees the
--   rounding as it always did.
-- * `billing_day.grouped` says whether a (day, account)'s groups are written. Days loaded before this
--   migration are not: the first analysis of such a day adds its lines up and writes them, exactly
--   (the amounts of old rows may be decimal text, which SQL cannot add without rounding).
CREATE TABLE line_shape (
    id                     INTEGER PRIMARY KEY,
    key                    TEXT NOT NULL UNIQUE,
    account                INTEGER NOT NULL,
    currency               INTEGER NOT NULL,
    credits                INTEGER,
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
    usage_unit             INTEGER,
    usage_pricing_unit     INTEGER,
    cost_type              INTEGER NOT NULL,
    consumption_model      INTEGER,
    adjustment             INTEGER
);

-- The key: every id of the shape, in column order, an absent one as an empty field.
CREATE TEMP VIEW line_shape_of AS
SELECT b.id AS line_id,
    printf('%d,%d,%s,%s,%s,%d,%d,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%s,%s',
        b.account, b.currency, ifnull(CASE WHEN typeof(b.credits) = 'integer' THEN b.credits END, ''),
        ifnull(b.project_id, ''), ifnull(b.project_name, ''), b.service_id, b.service_description, b.sku_id,
        b.sku_description, ifnull(b.region, ''), ifnull(b.zone, ''), ifnull(b.resource_name, ''),
        ifnull(b.resource_global_name, ''), ifnull(b.labels, ''), ifnull(b.project_labels, ''),
        ifnull(b.system_labels, ''), ifnull(b.usage_unit, ''), ifnull(b.usage_pricing_unit, ''), b.cost_type,
        ifnull(b.consumption_model, ''), ifnull(b.adjustment, '')) AS key
FROM billing_line b;

INSERT OR IGNORE INTO line_shape (key, account, currency, credits, project_id, project_name, service_id,
    service_description, sku_id, sku_description, region, zone, resource_name, resource_global_name, labels,
    project_labels, system_labels, usage_unit, usage_pricing_unit, cost_type, consumption_model, adjustment)
SELECT s.key, b.account, b.currency, CASE WHEN typeof(b.credits) = 'integer' THEN b.credits END, b.project_id,
    b.project_name, b.service_id, b.service_description, b.sku_id, b.sku_description, b.region, b.zone,
    b.resource_name, b.resource_global_name, b.labels, b.project_labels, b.system_labels, b.usage_unit,
    b.usage_pricing_unit, b.cost_type, b.consumption_model, b.adjustment
FROM billing_line b JOIN line_shape_of s ON s.line_id = b.id
ORDER BY b.id;

-- Columns without a declared type keep each value's storage class (INTEGER, or exact TEXT), as in 0014.
-- `legacy_credits` is the credits JSON array (amounts included) of a row written before 0014.
CREATE TABLE billing_line_new (
    id                     INTEGER PRIMARY KEY,
    load_id                INTEGER NOT NULL,
    shape                  INTEGER NOT NULL,
    invoice_month          INTEGER NOT NULL,
    usage_start NOT NULL,
    usage_end NOT NULL,
    cost NOT NULL,
    credit_total NOT NULL,
    credit_amounts         TEXT,
    usage_amount,
    usage_pricing_amount,
    cost_at_list,
    conversion_rate,
    export_time,
    source_file            INTEGER,
    source_line            INTEGER,
    legacy_credits         TEXT
);

INSERT INTO billing_line_new (id, load_id, shape, invoice_month, usage_start, usage_end, cost, credit_total,
    credit_amounts, usage_amount, usage_pricing_amount, cost_at_list, conversion_rate, export_time, source_file,
    source_line, legacy_credits)
SELECT (b.usage_day << 32) + row_number() OVER (PARTITION BY b.usage_day ORDER BY b.account, b.id) - 1,
    b.load_id, (SELECT id FROM line_shape WHERE key = s.key), b.invoice_month, b.usage_start, b.usage_end, b.cost,
    b.credit_total, b.credit_amounts, b.usage_amount, b.usage_pricing_amount, b.cost_at_list, b.conversion_rate,
    b.export_time, b.source_file, b.source_line, CASE WHEN typeof(b.credits) = 'text' THEN b.credits END
FROM billing_line b JOIN line_shape_of s ON s.line_id = b.id;

DROP VIEW line_shape_of;
DROP TABLE billing_line;
ALTER TABLE billing_line_new RENAME TO billing_line;

CREATE TABLE billing_group (
    usage_day      INTEGER NOT NULL,
    shape          INTEGER NOT NULL,
    invoice_month  INTEGER NOT NULL,
    cost,
    credit_total,
    line_count     INTEGER NOT NULL,
    PRIMARY KEY (usage_day, shape, invoice_month)
) WITHOUT ROWID;

ALTER TABLE billing_day ADD COLUMN grouped INTEGER NOT NULL DEFAULT 0;

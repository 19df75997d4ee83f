-- Billing facts, exactly as the bill states them. Money is TEXT holding an invariant decimal:
-- SQLite has no decimal type and SUM() would go through double, so sums are made in C# decimal.
CREATE TABLE load (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    sources       TEXT NOT NULL,
    line_count    INTEGER NOT NULL,
    reject_count  INTEGER NOT NULL,
    day_count     INTEGER NOT NULL
);

CREATE TABLE billing_line (
    id                     INTEGER PRIMARY KEY,
    load_id                INTEGER NOT NULL REFERENCES load(id),
    account_id             TEXT NOT NULL,
    usage_day              TEXT NOT NULL,
    usage_start            TEXT NOT NULL,
    usage_end              TEXT NOT NULL,
    invoice_month          TEXT NOT NULL,
    currency               TEXT NOT NULL,
    cost                   TEXT NOT NULL,
    credits                TEXT NOT NULL,
    credit_total           TEXT NOT NULL,
    project_id             TEXT,
    project_name           TEXT,
    service_id             TEXT NOT NULL,
    service_description    TEXT NOT NULL,
    sku_id                 TEXT NOT NULL,
    sku_description        TEXT NOT NULL,
    region                 TEXT,
    zone                   TEXT,
    resource_name          TEXT,
    resource_global_name   TEXT,
    labels                 TEXT NOT NULL,
    project_labels         TEXT NOT NULL,
    system_labels          TEXT NOT NULL,
    usage_amount           TEXT,
    usage_unit             TEXT,
    usage_pricing_amount   TEXT,
    usage_pricing_unit     TEXT,
    cost_at_list           TEXT,
    conversion_rate        TEXT,
    cost_type              TEXT NOT NULL,
    consumption_model      TEXT,
    adjustment             TEXT,
    export_time            TEXT,
    source_file            TEXT,
    source_line            INTEGER
);
CREATE INDEX billing_line_day ON billing_line (account_id, usage_day);
CREATE INDEX billing_line_usage_day ON billing_line (usage_day);

-- Rows that could not be read, kept aside with where they came from and why.
CREATE TABLE reject (
    id        INTEGER PRIMARY KEY,
    load_id   INTEGER NOT NULL REFERENCES load(id),
    file      TEXT NOT NULL,
    line      INTEGER NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT,
    message   TEXT NOT NULL
);

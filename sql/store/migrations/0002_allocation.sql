-- Results of `analyze`: each day's bill split into allocated, unallocated, idle and overhead shares.
CREATE TABLE allocation (
    day            TEXT NOT NULL,
    currency       TEXT NOT NULL,
    invoice_month  TEXT NOT NULL,
    kind           TEXT NOT NULL,
    service        TEXT,
    team           TEXT,
    environment    TEXT,
    project        TEXT,
    cloud_service  TEXT NOT NULL,
    sku            TEXT NOT NULL,
    region         TEXT,
    cluster        TEXT,
    namespace      TEXT,
    node_pool      TEXT,
    workload       TEXT,
    rule           TEXT NOT NULL,
    missing        TEXT NOT NULL,
    cost           TEXT NOT NULL,
    credits        TEXT NOT NULL
);
CREATE INDEX allocation_day ON allocation (day);

-- The billed totals that each analyzed day was reconciled against.
CREATE TABLE billed_day (
    day            TEXT NOT NULL,
    currency       TEXT NOT NULL,
    invoice_month  TEXT NOT NULL,
    cost           TEXT NOT NULL,
    credits        TEXT NOT NULL,
    PRIMARY KEY (day, currency, invoice_month)
);

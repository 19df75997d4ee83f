-- Shares of fixed monthly amounts (Allocation:Shared with a MonthlyAmount: a support contract, a licence).
-- They are not on the bill, so they live apart from `allocation`, which adds up to the bill exactly; the
-- same columns, kind always 'fixed', written and replaced with the day's allocation.
CREATE TABLE fixed_share (
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
    node           TEXT,
    workload       TEXT,
    rule           TEXT NOT NULL,
    missing        TEXT NOT NULL,
    cost           TEXT NOT NULL,
    credits        TEXT NOT NULL
);
CREATE INDEX fixed_share_day ON fixed_share (day);

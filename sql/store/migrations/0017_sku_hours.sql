-- A day's lines added up by (billing account, SKU, region, currency, usage start, usage end), beside the
-- lines: what `recommend` sizes commitments on (hourly usage of each on-demand instance SKU and the
-- commitment fees held), a few thousand rows a day where a big organisation has tens of thousands of
-- lines of those SKUs. Only lines with a region are summed (commitments are regional).
--
-- * usage_sum, usage_max, net_sum and net_max are over the group's lines that state a usage amount in
--   pricing units (metered lines; NULL when it has none): the sum and the largest of that amount, and of
--   the line's cost plus its committed-use-discount credits. cost_max is the largest cost of any line.
--   Maxima keep what a sum cannot: a commitment fee's held level is the largest of its lines, and
--   whether any single line was positive.
-- * Sums are exact, INTEGER nano-units (money) or whole numbers (usage) when they fit, else the decimal's
--   text (no declared type, so no affinity), as in billing_line.
-- * `billing_day.sku_hours` says, per (day, account), whether the sums are written: 0 not yet (days loaded
--   before this migration: the first `recommend` or `report` that reads them adds the lines up and writes
--   them), 1 written, 2 a sum would have rounded (more than a decimal's 28 digits): that day's lines are
--   read one by one instead.
CREATE TABLE billing_sku_hour (
    usage_day        INTEGER NOT NULL,
    account          INTEGER NOT NULL,
    sku_description  INTEGER NOT NULL,
    region           INTEGER NOT NULL,
    currency         INTEGER NOT NULL,
    usage_start      NOT NULL,
    usage_end        NOT NULL,
    line_count       INTEGER NOT NULL,
    usage_sum,
    usage_max,
    net_sum,
    net_max,
    cost_max         NOT NULL,
    PRIMARY KEY (usage_day, account, sku_description, region, currency, usage_start, usage_end)
) WITHOUT ROWID;

ALTER TABLE billing_day ADD COLUMN sku_hours INTEGER NOT NULL DEFAULT 0;

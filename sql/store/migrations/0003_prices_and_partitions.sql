-- BigQuery export partitions seen: per export table and partition day, the newest export_time
-- (UTC, ISO 8601 'O' text). A run re-pulls the usage days of any partition whose newest
-- export_time differs from this.
CREATE TABLE bq_partition (
    table_name       TEXT NOT NULL,
    partition_day    TEXT NOT NULL,
    max_export_time  TEXT NOT NULL,
    row_count        INTEGER NOT NULL,
    checked_at       TEXT NOT NULL,
    PRIMARY KEY (table_name, partition_day)
);

-- Compute Engine hourly rates from the Cloud Billing Catalog, per region x machine family x
-- resource (vcpu, ram_gib, gpu) x usage type (OnDemand, Preemptible, Commit1Yr, Commit3Yr).
-- Money is TEXT holding an invariant decimal: unit_price in the Catalog's currency, exactly as
-- units + nanos; usd_per_hour = unit_price / conversion_rate rounded half-even to 9 places.
CREATE TABLE price_rate (
    region           TEXT NOT NULL,
    machine_family   TEXT NOT NULL,
    resource         TEXT NOT NULL,
    usage_type       TEXT NOT NULL,
    sku_id           TEXT NOT NULL,
    sku_description  TEXT NOT NULL,
    usage_unit       TEXT NOT NULL,
    currency         TEXT NOT NULL,
    unit_price       TEXT NOT NULL,
    conversion_rate  TEXT NOT NULL,
    usd_per_hour     TEXT NOT NULL,
    effective_time   TEXT,
    loaded_at        TEXT NOT NULL,
    PRIMARY KEY (region, machine_family, resource, usage_type)
);

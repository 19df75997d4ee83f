-- Custom, extended-memory, sole-tenancy and virtual-workstation rates are priced apart from the
-- predefined rate of the same family, so the variant is part of a rate's key. SQLite cannot change
-- a primary key in place: the table is rebuilt, and existing rows (all parsed as one rate per
-- family) become 'standard'. The next `costs prices` replaces the snapshot with exact variants.
CREATE TABLE price_rate_new (
    region           TEXT NOT NULL,
    machine_family   TEXT NOT NULL,
    resource         TEXT NOT NULL,
    variant          TEXT NOT NULL DEFAULT 'standard',
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
    PRIMARY KEY (region, machine_family, resource, variant, usage_type)
);
INSERT INTO price_rate_new (region, machine_family, resource, variant, usage_type, sku_id, sku_description, usage_unit,
                            currency, unit_price, conversion_rate, usd_per_hour, effective_time, loaded_at)
SELECT region, machine_family, resource, 'standard', usage_type, sku_id, sku_description, usage_unit,
       currency, unit_price, conversion_rate, usd_per_hour, effective_time, loaded_at
FROM price_rate;
DROP TABLE price_rate;
ALTER TABLE price_rate_new RENAME TO price_rate;

-- Results of `analyze` for cluster workloads: per day, requests and usage (core-hours, byte-hours over
-- the hours where usage was known) and the net cost of each workload's node shares, and of what it
-- requested and did not use. Decimals as text, like all money in the store.
CREATE TABLE efficiency (
    day             TEXT NOT NULL,
    currency        TEXT NOT NULL,
    cluster         TEXT NOT NULL,
    namespace       TEXT NOT NULL,
    workload        TEXT,
    service         TEXT,
    team            TEXT,
    environment     TEXT,
    cpu_request     TEXT NOT NULL,
    cpu_usage       TEXT NOT NULL,
    memory_request  TEXT NOT NULL,
    memory_usage    TEXT NOT NULL,
    net             TEXT NOT NULL,
    unused_net      TEXT NOT NULL
);
CREATE INDEX efficiency_day ON efficiency (day);

-- Namespace objects as collect saw them, for the owners their labels name (team, environment, service).
-- Stored like nodes: one row per version (cluster, name, labels) with the first and last sample that saw it.
CREATE TABLE cluster_namespace (
    id          INTEGER PRIMARY KEY,
    cluster     TEXT NOT NULL,
    name        TEXT NOT NULL,
    labels      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);
CREATE INDEX cluster_namespace_current ON cluster_namespace (cluster, last_seen);
CREATE INDEX cluster_namespace_span ON cluster_namespace (first_seen, last_seen);

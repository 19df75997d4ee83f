-- Cluster samples from the Kubernetes API, stored compactly. A node or pod version is one row with
-- the first and last sample that saw it unchanged: a pod whose spec, labels and requests did not change
-- only moves its last_seen. Everything is keyed by cluster, so the same namespace (or node, or pod name)
-- in two clusters never merges. Quantities are TEXT holding exact invariant decimals (cores, bytes).
CREATE TABLE cluster_sample (
    id           INTEGER PRIMARY KEY,
    cluster      TEXT NOT NULL,
    environment  TEXT,
    taken_at     TEXT NOT NULL,
    metrics      INTEGER NOT NULL
);
CREATE INDEX cluster_sample_time ON cluster_sample (taken_at);
CREATE INDEX cluster_sample_cluster ON cluster_sample (cluster, taken_at);

CREATE TABLE cluster_node (
    id                  INTEGER PRIMARY KEY,
    cluster             TEXT NOT NULL,
    name                TEXT NOT NULL,
    content             TEXT NOT NULL,
    instance_name       TEXT,
    provider_project    TEXT,
    machine_type        TEXT,
    node_pool           TEXT,
    zone                TEXT,
    spot                INTEGER NOT NULL,
    cpu_capacity        TEXT NOT NULL,
    memory_capacity     TEXT NOT NULL,
    cpu_allocatable     TEXT NOT NULL,
    memory_allocatable  TEXT NOT NULL,
    labels              TEXT NOT NULL,
    first_seen          TEXT NOT NULL,
    last_seen           TEXT NOT NULL
);
CREATE INDEX cluster_node_current ON cluster_node (cluster, last_seen);
CREATE INDEX cluster_node_span ON cluster_node (first_seen, last_seen);

CREATE TABLE cluster_pod (
    id              INTEGER PRIMARY KEY,
    cluster         TEXT NOT NULL,
    uid             TEXT NOT NULL,
    namespace       TEXT NOT NULL,
    name            TEXT NOT NULL,
    content         TEXT NOT NULL,
    node_name       TEXT,
    phase           TEXT NOT NULL,
    workload        TEXT,
    labels          TEXT NOT NULL,
    cpu_request     TEXT NOT NULL,
    memory_request  TEXT NOT NULL,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL
);
CREATE INDEX cluster_pod_current ON cluster_pod (cluster, last_seen);
CREATE INDEX cluster_pod_span ON cluster_pod (first_seen, last_seen);

-- Usage changes every sample, so it is the only thing stored per sample.
CREATE TABLE cluster_pod_usage (
    sample_id  INTEGER NOT NULL REFERENCES cluster_sample(id),
    uid        TEXT NOT NULL,
    cpu        TEXT NOT NULL,
    memory     TEXT NOT NULL,
    PRIMARY KEY (sample_id, uid)
);

CREATE TABLE cluster_node_usage (
    sample_id  INTEGER NOT NULL REFERENCES cluster_sample(id),
    node       TEXT NOT NULL,
    cpu        TEXT NOT NULL,
    memory     TEXT NOT NULL,
    PRIMARY KEY (sample_id, node)
);

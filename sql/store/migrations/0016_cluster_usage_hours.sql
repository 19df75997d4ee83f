-- Usage per pod (and node) version and UTC hour instead of per sample: what the allocation reads of usage
-- is, for each version and hour, how many samples had metrics for it and the sums of those samples' usage
-- and of max(request, usage). A row grows with the hours a version lives, not with how often it is sampled.
-- The version's other samples (present without metrics) are counted from cluster_sample and its span.
-- Sums are exact: INTEGER when whole, else the decimal's invariant text (no declared type, so no affinity).
-- Rows of cluster_pod_usage and cluster_node_usage written before this migration stay, and are read as before.
-- cpu_over and memory_over: the sums of max(0, usage - request), what usage adds to the request in the weight.
-- hour: whole hours since 1970-01-01T00:00Z.
-- The content column of cluster_node and cluster_pod is no longer written ('' in rows saved since): a sample's
-- node or pod is compared with the version the previous sample saw as a value, field by field.
CREATE TABLE cluster_pod_hour (
    pod_id         INTEGER NOT NULL,
    hour           INTEGER NOT NULL,
    samples        INTEGER NOT NULL,
    cpu            NOT NULL,
    memory         NOT NULL,
    cpu_over     NOT NULL,
    memory_over  NOT NULL,
    PRIMARY KEY (pod_id, hour)
) WITHOUT ROWID;

CREATE TABLE cluster_node_hour (
    node_id  INTEGER NOT NULL,
    hour     INTEGER NOT NULL,
    samples  INTEGER NOT NULL,
    cpu      NOT NULL,
    memory   NOT NULL,
    PRIMARY KEY (node_id, hour)
) WITHOUT ROWID;

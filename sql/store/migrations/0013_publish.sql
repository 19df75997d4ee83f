-- The publish ledger: which analyzed days an output (target 'bigquery') holds as the store has them.
-- Every analysis of a day bumps its analyzed version in the same transaction as its allocation rows; a
-- publish records the version it sent. A day is pending while published < analyzed (or never published),
-- so a failed publish is retried by a later run and a day re-analyzed during a publish is sent again.
CREATE TABLE publish_day (
    target        TEXT NOT NULL,
    day           TEXT NOT NULL,
    analyzed      INTEGER NOT NULL,
    published     INTEGER,
    published_at  TEXT,
    job_id        TEXT,
    last_error    TEXT,
    PRIMARY KEY (target, day)
);

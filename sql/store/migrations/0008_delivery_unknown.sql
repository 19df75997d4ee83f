-- A delivery whose request left and got no answer (an attempt timed out after sending, or the
-- connection broke) is recorded as 'unknown'. The receiver may well have posted it, so, like a stale
-- 'pending', it is never sent again automatically: `costs alert` reports it for a human. SQLite cannot
-- change a CHECK constraint in place, so the table is rebuilt with its rows.
CREATE TABLE delivery_new (
    key          TEXT NOT NULL,
    channel      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'unknown')),
    attempts     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    outcome      TEXT,
    PRIMARY KEY (key, channel)
);
INSERT INTO delivery_new (key, channel, state, attempts, created_at, updated_at, outcome)
SELECT key, channel, state, attempts, created_at, updated_at, outcome FROM delivery;
DROP TABLE delivery;
ALTER TABLE delivery_new RENAME TO delivery;

-- The delivery ledger: one row per (alert or report key, channel). A row is written as 'pending' and
-- committed before anything is sent, and marked 'sent' after the receiver accepted it (2xx, or the
-- SMTP server took the message). A 'pending' row found by a later run means that run died between
-- sending and recording: the outcome is unknown and the message is not sent again. 'failed' is retried.
CREATE TABLE delivery (
    key          TEXT NOT NULL,
    channel      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    outcome      TEXT,
    PRIMARY KEY (key, channel)
);

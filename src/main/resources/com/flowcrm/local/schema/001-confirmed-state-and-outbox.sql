-- Version 1 of the workspace: the server's confirmed state and the outbox of the rep's changes, kept apart.
-- Records are the JSON text the store wrote; the id is the only thing a query needs.

CREATE TABLE deal (
    id   TEXT PRIMARY KEY NOT NULL,
    json TEXT NOT NULL
);

CREATE TABLE contact (
    id   TEXT PRIMARY KEY NOT NULL,
    json TEXT NOT NULL
);

CREATE TABLE notification (
    id   TEXT PRIMARY KEY NOT NULL,
    json TEXT NOT NULL
);

-- One row at most: the signed-in user as the server described it (never a password or a token).
CREATE TABLE current_user (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    json      TEXT NOT NULL
);

-- One row at most: written in the same transaction as the records it covers, so it never runs ahead of them.
CREATE TABLE sync_state (
    singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
    cursor         INTEGER,
    last_synced_at INTEGER,
    change_log     TEXT NOT NULL DEFAULT 'UNKNOWN'
);

-- The rep's changes, in the order they were made (ord never reuses a number).
CREATE TABLE outbox (
    ord             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    idempotency_key TEXT NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    target_type     TEXT NOT NULL,
    target_id       TEXT NOT NULL,
    fields          TEXT NOT NULL,
    payload         TEXT,
    status          TEXT NOT NULL CHECK (status IN ('WAITING', 'SENDING', 'FAILED', 'CONFLICT')),
    reason          TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER
);

CREATE INDEX outbox_by_target ON outbox (target_type, target_id, ord);

INSERT INTO sync_state (singleton) VALUES (1);

-- 0003: analyst review and API access. Reviewed values live beside the machine rows, never in them, so a
-- re-extraction (which replaces the machine rows) cannot overwrite a reviewed value. review_key is the
-- stable key of a record (see tacitus.review.keys): document id, content hash, record kind, evidence span.

CREATE TABLE review_overrides (
    target_kind  TEXT NOT NULL CHECK (target_kind IN ('claim', 'event')),
    review_key   TEXT NOT NULL,
    doc_id       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('accepted', 'edited', 'rejected')),
    machine      TEXT NOT NULL CHECK (json_valid(machine)),
    value        TEXT CHECK (value IS NULL OR json_valid(value)),
    reviewer     TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (target_kind, review_key)
);
CREATE INDEX review_overrides_doc ON review_overrides(doc_id);

CREATE TABLE reviewed_incidents (
    id           TEXT PRIMARY KEY,
    record       TEXT NOT NULL CHECK (json_valid(record)),
    members      TEXT NOT NULL CHECK (json_valid(members)),
    fingerprint  TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    reviewer     TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE review_audit (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    who          TEXT NOT NULL,
    action       TEXT NOT NULL,
    target_kind  TEXT NOT NULL,
    target       TEXT NOT NULL,
    before       TEXT CHECK (before IS NULL OR json_valid(before)),
    after        TEXT CHECK (after IS NULL OR json_valid(after)),
    why          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_audit_target ON review_audit(target_kind, target);
CREATE TRIGGER review_audit_no_update BEFORE UPDATE ON review_audit BEGIN
    SELECT RAISE(ABORT, 'review_audit is append-only');
END;
CREATE TRIGGER review_audit_no_delete BEFORE DELETE ON review_audit BEGIN
    SELECT RAISE(ABORT, 'review_audit is append-only');
END;

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('reader', 'analyst', 'admin')),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

-- 0001: documents with their versions and full-text index, runs, failures, and per-document extraction rows.
-- Every extraction table is keyed (doc_id, idx): idx is the record's position in the DocumentResult list,
-- and `record` holds the full record as JSON so nothing is lost when a scalar column is not enough.
-- documents_fts names its content table in double quotes, the form datasette detects for its search box.

CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    command         TEXT NOT NULL,
    settings        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    stage_versions  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(stage_versions)),
    counts          TEXT CHECK (counts IS NULL OR json_valid(counts))
);

CREATE TABLE documents (
    pk            INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    version       INTEGER NOT NULL DEFAULT 1,
    url           TEXT,
    path          TEXT,
    title         TEXT,
    published     TEXT,
    source        TEXT,
    language      TEXT NOT NULL DEFAULT 'en',
    fmt           TEXT NOT NULL DEFAULT 'txt',
    content_hash  TEXT NOT NULL,
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL,
    run_id        INTEGER REFERENCES runs(id)
);
CREATE INDEX documents_url ON documents(url);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE document_versions (
    doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    title         TEXT,
    url           TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL,
    run_id        INTEGER REFERENCES runs(id),
    PRIMARY KEY (doc_id, version)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content="documents", content_rowid="pk", tokenize='porter unicode61'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;

CREATE TABLE failures (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER REFERENCES runs(id),
    path        TEXT NOT NULL,
    stage       TEXT NOT NULL,
    problem     TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    at          TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    count       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (path, stage, problem)
);

CREATE TABLE claims (
    doc_id          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    run_id          INTEGER REFERENCES runs(id),
    kind            TEXT NOT NULL,
    min             REAL,
    max             REAL,
    best            REAL,
    approximate     INTEGER NOT NULL,
    unit            TEXT,
    per             TEXT,
    victim          TEXT,
    actor           TEXT,
    modality        TEXT NOT NULL,
    speaker         TEXT,
    date_start      TEXT,
    date_end        TEXT,
    date_precision  TEXT,
    place_name      TEXT,
    lat             REAL,
    lon             REAL,
    country         TEXT,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    evidence        TEXT NOT NULL,
    record          TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX claims_kind ON claims(kind);

CREATE TABLE events (
    doc_id           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,
    run_id           INTEGER REFERENCES runs(id),
    type             TEXT NOT NULL,
    sub_type         TEXT NOT NULL,
    actor1           TEXT,
    actor2           TEXT,
    inter1           INTEGER,
    inter2           INTEGER,
    date_start       TEXT,
    date_end         TEXT,
    date_precision   TEXT,
    place_name       TEXT,
    lat              REAL,
    lon              REAL,
    country          TEXT,
    fatalities_min   REAL,
    fatalities_max   REAL,
    fatalities_best  REAL,
    modality         TEXT NOT NULL,
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    evidence         TEXT NOT NULL,
    record           TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX events_type ON events(type, sub_type);
CREATE INDEX events_date ON events(date_start);

CREATE TABLE quotes (
    doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    run_id        INTEGER REFERENCES runs(id),
    speaker       TEXT,
    role          TEXT,
    organization  TEXT,
    text          TEXT NOT NULL,
    direct        INTEGER NOT NULL,
    cue           TEXT,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    record        TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE places (
    doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    run_id        INTEGER REFERENCES runs(id),
    name          TEXT NOT NULL,
    geonameid     INTEGER,
    lat           REAL,
    lon           REAL,
    country       TEXT,
    admin1        TEXT,
    admin2        TEXT,
    feature_code  TEXT,
    precision     INTEGER,
    span_start    INTEGER,
    span_end      INTEGER,
    record        TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE actors (
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    run_id    INTEGER REFERENCES runs(id),
    name      TEXT NOT NULL,
    type      INTEGER,
    parent    TEXT,
    country   TEXT,
    record    TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (doc_id, idx)
);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE dates (
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    run_id      INTEGER REFERENCES runs(id),
    date_start  TEXT,
    date_end    TEXT,
    precision   TEXT,
    text        TEXT NOT NULL,
    record      TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE stage_errors (
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    run_id    INTEGER REFERENCES runs(id),
    stage     TEXT NOT NULL,
    message   TEXT NOT NULL,
    record    TEXT NOT NULL CHECK (json_valid(record)),
    PRIMARY KEY (doc_id, idx)
);

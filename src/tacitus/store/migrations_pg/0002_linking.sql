-- 0002 (PostgreSQL): incidents merged across documents, their documents, and duplicates
-- (the same tables and columns as migrations/0002_linking.sql).

CREATE TABLE incidents (
    id           TEXT PRIMARY KEY,
    type         TEXT,
    sub_type     TEXT,
    date_start   TEXT,
    date_end     TEXT,
    place_name   TEXT,
    lat          DOUBLE PRECISION,
    lon          DOUBLE PRECISION,
    country      TEXT,
    killed_best  DOUBLE PRECISION,
    sources      INTEGER NOT NULL DEFAULT 0,
    grading      TEXT,
    record       JSONB NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX incidents_date ON incidents(date_start);

CREATE TABLE incident_documents (
    incident_id  TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, doc_id)
);
CREATE INDEX incident_documents_doc ON incident_documents(doc_id);

CREATE TABLE duplicates (
    doc_id        TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    duplicate_of  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity    DOUBLE PRECISION NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
    run_id        BIGINT REFERENCES runs(id),
    detected_at   TEXT NOT NULL,
    CHECK (doc_id <> duplicate_of)
);
CREATE INDEX duplicates_of ON duplicates(duplicate_of);

"""The SQLite repository: the embedded default store, one file that datasette or any SQL tool can open.

Why these settings: WAL lets readers (datasette, the web API, a second process) read while a batch
writes; ``synchronous=NORMAL`` in WAL mode keeps every committed transaction across a process crash at a
fraction of FULL's fsync cost; each document is stored in exactly one transaction, so a batch killed
half-way leaves every committed document whole and no document half-written. Only parameterised SQL is
used; table names come from the fixed list in :mod:`tacitus.store.rows`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from tacitus.errors import StoreError
from tacitus.model import Document, DocumentResult, Incident
from tacitus.store.repository import SEVERITIES, Failure, SearchHit, StoreOutcome
from tacitus.store.rows import TABLES, incident_row, record_json
from tacitus.store.schema import migrate

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

_DOCUMENT_COLUMNS = (
    "id, version, url, path, title, published, source, language, fmt, content_hash, text, ingested_at, run_id"
)
_DOCUMENT_MARKS = ", ".join("?" for _ in _DOCUMENT_COLUMNS.split(","))
_COUNT_TABLES: dict[str, str] = {
    "documents": "documents",
    "versions": "document_versions",
    "claims": "claims",
    "events": "events",
    "quotes": "quotes",
    "places": "places",
    "actors": "actors",
    "dates": "dates",
    "failures": "failures",
    "runs": "runs",
    "incidents": "incidents",
    "duplicates": "duplicates",
}


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def content_hash_of(doc: Document) -> str:
    """The document's content hash, or the SHA-256 of its text when ingest left it empty."""
    return doc.content_hash or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def fts5_query(conn: sqlite3.Connection, query: str) -> str:
    """``query`` as FTS5 will accept it: itself when valid, else each word quoted (all words must occur).

    Why probe rather than parse: FTS5's grammar (columns, ``NEAR``, ``^``, hyphens read as column
    filters) is FTS5's to decide, so one indexed lookup asks it. Shared by :meth:`SQLiteRepository.search`
    and the API's full-text filter, so both read a query the same way.
    """
    words = query.split()
    if not words:
        raise StoreError("empty search query; give one or more words, e.g. 'human shields'")
    probe = "SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT 1"
    try:
        conn.execute(probe, (query,)).fetchall()
        return query
    except sqlite3.OperationalError as first:
        quoted = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        log.debug("FTS query %r is not valid FTS5 (%s); retrying as %r", query, first, quoted)
    try:
        conn.execute(probe, (quoted,)).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(
            f"cannot search for {query!r}: {exc}; use plain words, a quoted phrase "
            '("human shields") or FTS5 operators (AND, OR, NOT, prefix*)'
        ) from exc
    return quoted


class SQLiteRepository:
    """:class:`~tacitus.store.repository.Repository` on one SQLite file (see docs/schema.md)."""

    def __init__(self, conn: sqlite3.Connection, path: str, clock: Clock = _utc_now) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self._clock = clock

    @classmethod
    def open(cls, path: str | Path, *, busy_timeout_ms: int = 10_000, clock: Clock = _utc_now) -> Self:
        """Open (creating if needed) a database file and bring its schema up to date."""
        location = str(path)
        try:
            conn = sqlite3.connect(location, timeout=busy_timeout_ms / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open database {location}: {exc}; check that its folder exists and is writable"
            ) from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal" and location != ":memory:":
                log.warning("database %s could not switch to WAL (journal_mode=%s)", location, mode)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"{location} is not a usable Tacitus database: {exc}") from exc
        except StoreError:
            conn.close()
            raise
        return cls(conn, location, clock)

    # -- plumbing ---------------------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the repository on {self.path} is closed; open it again")
        return self._conn

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; any failure rolls it back whole and becomes a StoreError."""
        conn = self._db()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot start a write to {self.path} ({what}): {exc}") from exc
        try:
            yield conn
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"{what} failed and was rolled back: {exc}") from exc
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _now(self) -> str:
        return self._clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    # -- access for companion stores (review, tokens) that keep their own tables in this file -----------

    def connection(self) -> sqlite3.Connection:
        """The open connection, for read queries of companion modules (parameterised SQL only)."""
        return self._db()

    def transaction(self, what: str) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``), rolled back whole on any failure."""
        return self._transaction(what)

    def now(self) -> str:
        """The repository clock's current UTC time as an ISO string (the format of every timestamp)."""
        return self._now()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Let SQLite refresh its planner statistics, then release the file."""
        if self._conn is None:
            return
        try:
            self._conn.execute("PRAGMA optimize")
        finally:
            self._conn.close()
            self._conn = None

    @property
    def schema_version(self) -> int:
        """The number of the newest migration applied to this file."""
        row = self._db().execute("SELECT max(number) FROM _migrations").fetchone()
        return int(row[0] or 0)

    # -- runs and failures ------------------------------------------------------------------------------

    def start_run(
        self, command: str, settings: Mapping[str, object], stage_versions: Mapping[str, str]
    ) -> int:
        with self._transaction("start_run") as conn:
            cursor = conn.execute(
                "INSERT INTO runs (started_at, command, settings, stage_versions) VALUES (?, ?, ?, ?)",
                (
                    self._now(),
                    command,
                    json.dumps(dict(settings), sort_keys=True, default=str),
                    json.dumps(dict(stage_versions), sort_keys=True),
                ),
            )
            run_id = cursor.lastrowid
        if run_id is None:
            raise StoreError("the database did not return an id for the new run")
        return run_id

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self._transaction("finish_run") as conn:
            cursor = conn.execute(
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (self._now(), json.dumps(dict(counts), sort_keys=True), run_id),
            )
            if cursor.rowcount == 0:
                raise StoreError(f"no run {run_id} in {self.path}; start_run() returns the id to finish")

    def record_failure(
        self,
        run_id: int | None,
        path: str,
        problem: str,
        stage: str = "ingest",
        severity: str = "error",
    ) -> None:
        if severity not in SEVERITIES:
            raise StoreError(f"severity must be one of {list(SEVERITIES)}, not {severity!r}")
        now = self._now()
        with self._transaction("record_failure") as conn:
            conn.execute(
                "INSERT INTO failures (run_id, path, stage, problem, severity, at, last_seen, count)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
                " ON CONFLICT (path, stage, problem) DO UPDATE SET"
                " count = count + 1, last_seen = excluded.last_seen,"
                " run_id = excluded.run_id, severity = excluded.severity",
                (run_id, path, stage, problem, severity, now, now),
            )

    def iter_failures(self) -> Iterator[Failure]:
        rows = self._db().execute(
            "SELECT run_id, path, stage, problem, severity, at, last_seen, count FROM failures ORDER BY id"
        )
        for row in rows:
            yield Failure.model_validate(dict(row))

    # -- documents --------------------------------------------------------------------------------------

    def store_document(self, doc: Document, result: DocumentResult | None, run_id: int) -> StoreOutcome:
        """Upsert ``doc`` and replace its extraction rows with ``result``'s, all in one transaction.

        Same id and same content: the document is left as it is ("unchanged"). Same id, new content: the
        new text becomes the current version and the old one stays in ``document_versions``
        ("new_version"); extraction rows of the old text are dropped, since their offsets point into it.
        """
        if result is not None and result.document.id != doc.id:
            raise StoreError(
                f"result is for document {result.document.id}, not {doc.id}; store each result with its own"
            )
        digest = content_hash_of(doc)
        now = self._now()
        with self._transaction(f"storing document {doc.id}") as conn:
            current = conn.execute("SELECT content_hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
            outcome: StoreOutcome
            if current is None:
                outcome = "inserted"
                version = 1
                conn.execute(
                    f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES ({_DOCUMENT_MARKS})",
                    _document_values(doc, version, digest, now, run_id),
                )
            elif current["content_hash"] == digest:
                outcome = "unchanged"
            else:
                outcome = "new_version"
                row = conn.execute(
                    "SELECT max(version) FROM document_versions WHERE doc_id = ?", (doc.id,)
                ).fetchone()
                version = int(row[0] or 0) + 1
                conn.execute(
                    "UPDATE documents SET version = ?, url = ?, path = ?, title = ?, published = ?,"
                    " source = ?, language = ?, fmt = ?, content_hash = ?, text = ?, ingested_at = ?,"
                    " run_id = ? WHERE id = ?",
                    (*_document_values(doc, version, digest, now, run_id)[1:], doc.id),
                )
            if outcome != "unchanged":
                conn.execute(
                    "INSERT INTO document_versions"
                    " (doc_id, version, content_hash, title, url, published, text, ingested_at, run_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, version, digest, doc.title, doc.url, _iso(doc.published), doc.text, now, run_id),
                )
            if result is not None or outcome == "new_version":
                self._replace_extractions(conn, doc.id, result, run_id)
        log.debug("document %s: %s", doc.id, outcome)
        return outcome

    def _replace_extractions(
        self, conn: sqlite3.Connection, doc_id: str, result: DocumentResult | None, run_id: int
    ) -> None:
        for table in TABLES:
            conn.execute(f"DELETE FROM {table.name} WHERE doc_id = ?", (doc_id,))
            if result is None:
                continue
            conn.executemany(
                table.insert_sql,
                [
                    (doc_id, idx, run_id, *table.to_row(record), record_json(record))
                    for idx, record in enumerate(table.records(result))
                ],
            )

    def has_document(self, doc_id: str, content_hash: str) -> bool:
        row = (
            self._db()
            .execute("SELECT 1 FROM documents WHERE id = ? AND content_hash = ?", (doc_id, content_hash))
            .fetchone()
        )
        return row is not None

    def get_document(self, doc_id: str) -> Document | None:
        row = (
            self._db()
            .execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
            .fetchone()
        )
        return _document(row) if row is not None else None

    def document_versions(self, doc_id: str) -> list[Document]:
        current = self.get_document(doc_id)
        if current is None:
            return []
        rows = self._db().execute(
            "SELECT content_hash, title, url, published, text FROM document_versions"
            " WHERE doc_id = ? ORDER BY version",
            (doc_id,),
        )
        return [
            current.model_copy(update={**dict(row), "published": _date(row["published"])}) for row in rows
        ]

    def iter_documents(self) -> Iterator[Document]:
        for row in self._db().execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents ORDER BY pk"):
            yield _document(row)

    def iter_results(self) -> Iterator[DocumentResult]:
        for doc in self.iter_documents():
            yield self._result(doc)

    def get_result(self, doc_id: str) -> DocumentResult | None:
        doc = self.get_document(doc_id)
        return self._result(doc) if doc is not None else None

    def _result(self, doc: Document) -> DocumentResult:
        conn = self._db()
        fields: dict[str, Any] = {"document": doc}
        for table in TABLES:
            rows = conn.execute(f"SELECT record FROM {table.name} WHERE doc_id = ? ORDER BY idx", (doc.id,))
            fields[table.field] = [table.model.model_validate_json(row[0]) for row in rows]
        return DocumentResult.model_validate(fields)

    # -- search -----------------------------------------------------------------------------------------

    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """FTS5 search over title and text, ranked by BM25 with titles weighted double.

        The query uses FTS5 syntax (``"human shields"``, ``mosul AND drone``, ``displace*``); a query that
        is not valid FTS5 (``al-Shifa``, ``5%``) is read with each word quoted (see :func:`fts5_query`).
        """
        return self._match(fts5_query(self._db(), query), limit, highlight)

    def _match(self, query: str, limit: int, highlight: tuple[str, str]) -> list[SearchHit]:
        rows = self._db().execute(
            "SELECT d.id, d.title, d.url, d.path, d.published,"
            " snippet(documents_fts, -1, ?, ?, '…', 16) AS snippet,"
            " bm25(documents_fts, 2.0, 1.0) AS rank"
            " FROM documents_fts JOIN documents AS d ON d.pk = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (highlight[0], highlight[1], query, limit),
        )
        return [
            SearchHit(
                doc_id=row["id"],
                title=row["title"],
                url=row["url"],
                path=row["path"],
                published=row["published"],
                snippet=row["snippet"],
                rank=row["rank"],
            )
            for row in rows
        ]

    # -- counts, incidents, duplicates ------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        conn = self._db()
        return {
            name: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for name, table in _COUNT_TABLES.items()
        }

    def save_incidents(self, incidents: Sequence[Incident], *, replace: bool = False) -> None:
        """Upsert incidents with their document links in one transaction.

        ``replace=True`` is for a full re-link: incidents whose ids are not given are deleted.
        """
        now = self._now()
        with self._transaction("save_incidents") as conn:
            if replace:
                keep = {incident.id for incident in incidents}
                stale = [(row[0],) for row in conn.execute("SELECT id FROM incidents") if row[0] not in keep]
                conn.executemany("DELETE FROM incidents WHERE id = ?", stale)
            for incident in incidents:
                conn.execute(
                    "INSERT INTO incidents (id, type, sub_type, date_start, date_end, place_name, lat, lon,"
                    " country, killed_best, sources, grading, record, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (id) DO UPDATE SET type = excluded.type, sub_type = excluded.sub_type,"
                    " date_start = excluded.date_start, date_end = excluded.date_end,"
                    " place_name = excluded.place_name, lat = excluded.lat, lon = excluded.lon,"
                    " country = excluded.country, killed_best = excluded.killed_best,"
                    " sources = excluded.sources, grading = excluded.grading, record = excluded.record,"
                    " updated_at = excluded.updated_at",
                    (incident.id, *incident_row(incident), now),
                )
                conn.execute("DELETE FROM incident_documents WHERE incident_id = ?", (incident.id,))
                missing = self._missing_documents(conn, incident.documents)
                if missing:
                    raise StoreError(
                        f"incident {incident.id} names documents not in the store: {missing[:5]}; "
                        "store the documents before their incidents"
                    )
                conn.executemany(
                    "INSERT OR IGNORE INTO incident_documents (incident_id, doc_id) VALUES (?, ?)",
                    [(incident.id, doc_id) for doc_id in incident.documents],
                )

    @staticmethod
    def _missing_documents(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> list[str]:
        return [
            doc_id
            for doc_id in dict.fromkeys(doc_ids)
            if conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None
        ]

    def get_incident(self, incident_id: str) -> Incident | None:
        row = self._db().execute("SELECT record FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        return Incident.model_validate_json(row[0]) if row is not None else None

    def iter_incidents(self) -> Iterator[Incident]:
        for row in self._db().execute("SELECT record FROM incidents ORDER BY id"):
            yield Incident.model_validate_json(row[0])

    def record_duplicate(
        self, doc_id: str, duplicate_of: str, similarity: float, run_id: int | None = None
    ) -> None:
        """Mark ``doc_id`` as a near-duplicate of ``duplicate_of`` (the latest verdict wins)."""
        if doc_id == duplicate_of:
            raise StoreError(f"document {doc_id} cannot be a duplicate of itself")
        with self._transaction("record_duplicate") as conn:
            conn.execute(
                "INSERT INTO duplicates (doc_id, duplicate_of, similarity, run_id, detected_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET"
                " duplicate_of = excluded.duplicate_of, similarity = excluded.similarity,"
                " run_id = excluded.run_id, detected_at = excluded.detected_at",
                (doc_id, duplicate_of, similarity, run_id, self._now()),
            )

    def duplicates(self) -> dict[str, str]:
        """Document id -> id of the document it duplicates."""
        rows = self._db().execute("SELECT doc_id, duplicate_of FROM duplicates ORDER BY doc_id")
        return {row[0]: row[1] for row in rows}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _document_values(doc: Document, version: int, digest: str, now: str, run_id: int) -> tuple[object, ...]:
    return (
        doc.id,
        version,
        doc.url,
        doc.path,
        doc.title,
        _iso(doc.published),
        doc.source,
        doc.language,
        doc.fmt,
        digest,
        doc.text,
        now,
        run_id,
    )


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        path=row["path"],
        published=_date(row["published"]),
        source=row["source"],
        language=row["language"],
        content_hash=row["content_hash"],
        fmt=row["fmt"],
    )

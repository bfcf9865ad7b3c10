"""What the SQLite and PostgreSQL repositories share: every Repository method written once, in portable SQL.

Why a base class: the two stores keep the same tables, columns and rules (one transaction per document,
the latest duplicate verdict wins, a failure seen again only bumps its count), and the SQL that does it is
the same on both once three things are adapted: placeholders, how a JSON column reads back as text, and
whether a read can lock the row it reads. So each statement here is written once with ``?`` placeholders,
as the companion stores of :mod:`tacitus.store.sql` are, and a backend supplies only what truly differs:

- :meth:`SqlRepositoryBase._execute` and :meth:`SqlRepositoryBase._executemany` run a statement on its
  driver (PostgreSQL rewrites ``?`` as ``%s`` with :func:`tacitus.store.sql.to_pyformat`);
- :meth:`SqlRepositoryBase._transaction` opens one write transaction and turns driver errors into
  :class:`~tacitus.errors.StoreError`;
- :attr:`SqlRepositoryBase.record_text` (a ``JSONB`` column must be cast to read back as text) and
  :attr:`SqlRepositoryBase.lock_clause` (``FOR UPDATE`` where concurrent writers exist);
- :meth:`SqlRepositoryBase.location` for messages, and ``open``, ``search`` and a close hook.

Everything portable here is SQL both SQLite (3.35 or newer, for ``RETURNING``) and PostgreSQL accept:
``INSERT ... ON CONFLICT``, ``RETURNING``, ``IN (?, ...)``. Table names come from the fixed lists in
:mod:`tacitus.store.rows` and this module, never from input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

from tacitus.errors import StoreError
from tacitus.model import Document, DocumentResult, Incident
from tacitus.store.repository import SEVERITIES, Failure, SearchHit, StoreOutcome
from tacitus.store.rows import TABLES, incident_row, record_json

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]

DOCUMENT_COLUMNS = (
    "id, version, url, path, title, published, source, language, fmt, content_hash, text, ingested_at, run_id"
)
_DOCUMENT_NAMES = tuple(DOCUMENT_COLUMNS.split(", "))
_DOCUMENT_MARKS = ", ".join("?" for _ in _DOCUMENT_NAMES)
#: The columns that read back as Document fields unchanged (``published`` is parsed as a date).
_DOCUMENT_FIELDS = ("id", "text", "title", "url", "path", "source", "language", "content_hash", "fmt")
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
#: Documents fetched per round trip by the paged iterator (keyset pages, so no cursor is held open).
PAGE_SIZE = 500
#: Ids looked up per ``IN (...)`` query (well under SQLite's limit on bound parameters).
_ID_CHUNK = 500


class Connection(Protocol):
    """What the base needs of a driver connection itself; the rest goes through the backend hooks."""

    def close(self) -> None: ...


ConnT = TypeVar("ConnT", bound=Connection)


class Cursor(Protocol):
    """What the shared methods use of a DB-API cursor (``sqlite3.Cursor`` and ``psycopg.Cursor`` alike)."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


def utc_now() -> dt.datetime:
    """The default clock."""
    return dt.datetime.now(dt.UTC)


def content_hash_of(doc: Document) -> str:
    """The document's content hash, or the SHA-256 of its text when ingest left it empty."""
    return doc.content_hash or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


@contextmanager
def closed_on_failure(
    close: Callable[[], object], driver_error: type[Exception], where: str
) -> Iterator[None]:
    """Setting up a fresh connection (pragmas, migrations): any failure closes it before it propagates.

    A driver error means the store is not one Tacitus can use and becomes a StoreError naming ``where``;
    a StoreError (a migration refusing the file) passes through as it is.
    """
    try:
        yield
    except driver_error as exc:
        close()
        raise StoreError(f"{where} is not a usable Tacitus database: {exc}") from exc
    except StoreError:
        close()
        raise


class SqlRepositoryBase(ABC, Generic[ConnT]):
    """The :class:`~tacitus.store.repository.Repository` methods, over one connection of type ``ConnT``."""

    #: How a select list reads the JSON ``record`` column as text, under the name ``record``.
    record_text: ClassVar[str] = "record"
    #: Appended to the read of a document's current row inside its write transaction.
    lock_clause: ClassVar[str] = ""

    def __init__(self, conn: ConnT, clock: Clock = utc_now) -> None:
        self._conn: ConnT | None = conn
        self._clock = clock

    # -- backend hooks ----------------------------------------------------------------------------------

    @abstractmethod
    def location(self) -> str:
        """Where the store lives, fit for messages (a file path, or a URL without its password)."""

    @abstractmethod
    def _execute(self, conn: ConnT, statement: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement written with ``?`` placeholders."""

    @abstractmethod
    def _executemany(self, conn: ConnT, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement written with ``?`` placeholders once per row."""

    @abstractmethod
    def _transaction(self, what: str) -> AbstractContextManager[ConnT]:
        """One write transaction: rolled back whole on failure, driver errors raised as StoreError."""

    def _release(self, conn: ConnT) -> None:
        """Work to do on the connection before it is closed (nothing by default)."""

    @abstractmethod
    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first."""

    # -- plumbing ---------------------------------------------------------------------------------------

    def _db(self) -> ConnT:
        if self._conn is None:
            raise StoreError(f"the repository on {self.location()} is closed; open it again")
        return self._conn

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._execute(self._db(), statement, params).fetchall()

    def _one(self, statement: str, params: Sequence[Any] = ()) -> Any:
        return self._execute(self._db(), statement, params).fetchone()

    def _now(self) -> str:
        return self._clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    # -- access for companion stores (review, tokens) that keep their own tables in this store ----------

    def connection(self) -> ConnT:
        """The open connection, for read queries of companion modules (parameterised SQL only)."""
        return self._db()

    def transaction(self, what: str) -> AbstractContextManager[ConnT]:
        """One write transaction, rolled back whole on any failure (a StoreError for database errors)."""
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
        """Release the connection (after the backend's :meth:`_release` work); further calls fail."""
        if self._conn is None:
            return
        try:
            self._release(self._conn)
        finally:
            self._conn.close()
            self._conn = None

    @property
    def schema_version(self) -> int:
        """The number of the newest migration applied to this store."""
        row = self._one("SELECT max(number) AS n FROM _migrations")
        return int(row["n"] or 0) if row is not None else 0

    # -- runs and failures ------------------------------------------------------------------------------

    def start_run(
        self, command: str, settings: Mapping[str, object], stage_versions: Mapping[str, str]
    ) -> int:
        with self._transaction("start_run") as conn:
            rows = self._execute(
                conn,
                "INSERT INTO runs (started_at, command, settings, stage_versions)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                (
                    self._now(),
                    command,
                    json.dumps(dict(settings), sort_keys=True, default=str),
                    json.dumps(dict(stage_versions), sort_keys=True),
                ),
            ).fetchall()  # all of them: SQLite completes an INSERT ... RETURNING only when it is read out
        if not rows:
            raise StoreError("the database did not return an id for the new run")
        return int(rows[0]["id"])

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self._transaction("finish_run") as conn:
            cursor = self._execute(
                conn,
                "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
                (self._now(), json.dumps(dict(counts), sort_keys=True), run_id),
            )
            if cursor.rowcount == 0:
                raise StoreError(
                    f"no run {run_id} in {self.location()}; start_run() returns the id to finish"
                )

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
            self._execute(
                conn,
                "INSERT INTO failures (run_id, path, stage, problem, severity, at, last_seen, count)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
                " ON CONFLICT (path, stage, problem) DO UPDATE SET"
                " count = failures.count + 1, last_seen = excluded.last_seen,"
                " run_id = excluded.run_id, severity = excluded.severity",
                (run_id, path, stage, problem, severity, now, now),
            )

    def iter_failures(self) -> Iterator[Failure]:
        rows = self._rows(
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
        Where writers run concurrently (PostgreSQL), the current row is locked (:attr:`lock_clause`) and
        an insert that loses the race to another writer reads the winner's row, so two writers storing
        the same id wait for each other instead of both writing version 2.
        """
        if result is not None and result.document.id != doc.id:
            raise StoreError(
                f"result is for document {result.document.id}, not {doc.id}; store each result with its own"
            )
        digest = content_hash_of(doc)
        now = self._now()
        select = f"SELECT content_hash FROM documents WHERE id = ?{self.lock_clause}"
        with self._transaction(f"storing document {doc.id}") as conn:
            current = self._execute(conn, select, (doc.id,)).fetchone()
            outcome: StoreOutcome = "unchanged"
            version = 1
            if current is None:
                inserted = self._execute(
                    conn,
                    f"INSERT INTO documents ({DOCUMENT_COLUMNS}) VALUES ({_DOCUMENT_MARKS})"
                    " ON CONFLICT (id) DO NOTHING",
                    _document_values(doc, version, digest, now, run_id),
                )
                if inserted.rowcount == 1:
                    outcome = "inserted"
                else:  # another writer inserted it between our SELECT and INSERT
                    current = self._execute(conn, select, (doc.id,)).fetchone()
            if current is not None and current["content_hash"] != digest:
                outcome = "new_version"
                row = self._execute(
                    conn, "SELECT max(version) AS v FROM document_versions WHERE doc_id = ?", (doc.id,)
                ).fetchone()
                version = int(row["v"] or 0) + 1 if row is not None else 1
                self._execute(
                    conn,
                    "UPDATE documents SET version = ?, url = ?, path = ?, title = ?, published = ?,"
                    " source = ?, language = ?, fmt = ?, content_hash = ?, text = ?, ingested_at = ?,"
                    " run_id = ? WHERE id = ?",
                    (*_document_values(doc, version, digest, now, run_id)[1:], doc.id),
                )
            if outcome != "unchanged":
                self._execute(
                    conn,
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
        self, conn: ConnT, doc_id: str, result: DocumentResult | None, run_id: int
    ) -> None:
        for table in TABLES:
            self._execute(conn, f"DELETE FROM {table.name} WHERE doc_id = ?", (doc_id,))
            if result is None:
                continue
            rows = [
                (doc_id, idx, run_id, *table.to_row(record), record_json(record))
                for idx, record in enumerate(table.records(result))
            ]
            if rows:
                self._executemany(conn, table.insert_sql, rows)

    def has_document(self, doc_id: str, content_hash: str) -> bool:
        row = self._one("SELECT 1 FROM documents WHERE id = ? AND content_hash = ?", (doc_id, content_hash))
        return row is not None

    def get_document(self, doc_id: str) -> Document | None:
        row = self._one(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        return document_from_row(row) if row is not None else None

    def document_versions(self, doc_id: str) -> list[Document]:
        current = self.get_document(doc_id)
        if current is None:
            return []
        rows = self._rows(
            "SELECT content_hash, title, url, published, text FROM document_versions"
            " WHERE doc_id = ? ORDER BY version",
            (doc_id,),
        )
        return [
            current.model_copy(update={**dict(row), "published": _date(row["published"])}) for row in rows
        ]

    def iter_documents(self) -> Iterator[Document]:
        """Every current document in the order first stored, fetched in keyset pages of ``PAGE_SIZE``."""
        query = f"SELECT pk, {DOCUMENT_COLUMNS} FROM documents WHERE pk > ? ORDER BY pk LIMIT ?"
        last = 0
        while True:
            rows = self._rows(query, (last, PAGE_SIZE))
            for row in rows:
                yield document_from_row(row)
            if len(rows) < PAGE_SIZE:
                return
            last = int(rows[-1]["pk"])

    def iter_results(self) -> Iterator[DocumentResult]:
        for doc in self.iter_documents():
            yield self._result(doc)

    def get_result(self, doc_id: str) -> DocumentResult | None:
        doc = self.get_document(doc_id)
        return self._result(doc) if doc is not None else None

    def _result(self, doc: Document) -> DocumentResult:
        fields: dict[str, Any] = {"document": doc}
        for table in TABLES:
            rows = self._rows(
                f"SELECT {self.record_text} FROM {table.name} WHERE doc_id = ? ORDER BY idx", (doc.id,)
            )
            fields[table.field] = [table.model.model_validate_json(row["record"]) for row in rows]
        return DocumentResult.model_validate(fields)

    # -- counts, incidents, duplicates ------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for name, table in _COUNT_TABLES.items():
            row = self._one(f"SELECT count(*) AS n FROM {table}")
            counts[name] = int(row["n"]) if row is not None else 0
        return counts

    def save_incidents(self, incidents: Sequence[Incident], *, replace: bool = False) -> None:
        """Upsert incidents with their document links in one transaction.

        ``replace=True`` is for a full re-link: incidents whose ids are not given are deleted.
        """
        now = self._now()
        with self._transaction("save_incidents") as conn:
            if replace:
                keep = {incident.id for incident in incidents}
                stored = self._execute(conn, "SELECT id FROM incidents").fetchall()
                stale = [(row["id"],) for row in stored if row["id"] not in keep]
                if stale:
                    self._executemany(conn, "DELETE FROM incidents WHERE id = ?", stale)
            for incident in incidents:
                self._execute(
                    conn,
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
                self._execute(conn, "DELETE FROM incident_documents WHERE incident_id = ?", (incident.id,))
                wanted = list(dict.fromkeys(incident.documents))
                missing = self._missing_documents(conn, wanted)
                if missing:
                    raise StoreError(
                        f"incident {incident.id} names documents not in the store: {missing[:5]}; "
                        "store the documents before their incidents"
                    )
                if wanted:
                    self._executemany(
                        conn,
                        "INSERT INTO incident_documents (incident_id, doc_id) VALUES (?, ?)"
                        " ON CONFLICT DO NOTHING",
                        [(incident.id, doc_id) for doc_id in wanted],
                    )

    def _missing_documents(self, conn: ConnT, doc_ids: Sequence[str]) -> list[str]:
        """The ids among ``doc_ids`` (distinct) that name no stored document, in their order."""
        found: set[str] = set()
        for start in range(0, len(doc_ids), _ID_CHUNK):
            chunk = doc_ids[start : start + _ID_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(conn, f"SELECT id FROM documents WHERE id IN ({marks})", chunk).fetchall()
            found.update(row["id"] for row in rows)
        return [doc_id for doc_id in doc_ids if doc_id not in found]

    def get_incident(self, incident_id: str) -> Incident | None:
        row = self._one(f"SELECT {self.record_text} FROM incidents WHERE id = ?", (incident_id,))
        return Incident.model_validate_json(row["record"]) if row is not None else None

    def iter_incidents(self) -> Iterator[Incident]:
        for row in self._rows(f"SELECT {self.record_text} FROM incidents ORDER BY id"):
            yield Incident.model_validate_json(row["record"])

    def record_duplicate(
        self, doc_id: str, duplicate_of: str, similarity: float, run_id: int | None = None
    ) -> None:
        """Mark ``doc_id`` as a near-duplicate of ``duplicate_of`` (the latest verdict wins)."""
        if doc_id == duplicate_of:
            raise StoreError(f"document {doc_id} cannot be a duplicate of itself")
        with self._transaction("record_duplicate") as conn:
            self._execute(
                conn,
                "INSERT INTO duplicates (doc_id, duplicate_of, similarity, run_id, detected_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET"
                " duplicate_of = excluded.duplicate_of, similarity = excluded.similarity,"
                " run_id = excluded.run_id, detected_at = excluded.detected_at",
                (doc_id, duplicate_of, similarity, run_id, self._now()),
            )

    def duplicates(self) -> dict[str, str]:
        """Document id -> id of the document it duplicates."""
        rows = self._rows("SELECT doc_id, duplicate_of FROM duplicates ORDER BY doc_id")
        return {row["doc_id"]: row["duplicate_of"] for row in rows}


def search_hit(row: Mapping[str, Any]) -> SearchHit:
    """A search result row (``id, title, url, path, published, snippet, rank``) as a SearchHit."""
    return SearchHit(
        doc_id=row["id"],
        title=row["title"],
        url=row["url"],
        path=row["path"],
        published=row["published"],
        snippet=row["snippet"],
        rank=float(row["rank"]),
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _document_values(doc: Document, version: int, digest: str, now: str, run_id: int) -> tuple[object, ...]:
    """The values of ``DOCUMENT_COLUMNS`` for storing ``doc``: its fields, and what the store adds."""
    added: dict[str, object] = {
        "version": version,
        "published": _iso(doc.published),
        "content_hash": digest,
        "ingested_at": now,
        "run_id": run_id,
    }
    return tuple(added[name] if name in added else getattr(doc, name) for name in _DOCUMENT_NAMES)


def document_from_row(row: Mapping[str, Any]) -> Document:
    """A ``documents`` row (the columns of ``DOCUMENT_COLUMNS``) as its Document."""
    fields = {name: row[name] for name in _DOCUMENT_FIELDS}
    return Document(**fields, published=_date(row["published"]))

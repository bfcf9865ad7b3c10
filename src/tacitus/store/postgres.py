"""The PostgreSQL repository: the same :class:`~tacitus.store.repository.Repository` as SQLite, for a server.

Why a server at all: one SQLite file has one writer at a time and lives on one disk. A newsroom archive of
millions of articles, a web API with several readers and writers, or a team sharing one store wants
PostgreSQL, and the rest of Tacitus must not notice (it talks to ``Repository`` only; the contract tests
run the same checks against both backends).

How it mirrors the SQLite store: the same tables and columns (migrations_pg/, numbered like migrations/),
the same ``_migrations`` bookkeeping, one transaction per document, only parameterised SQL (table names
from the fixed list in :mod:`tacitus.store.rows`, composed with :mod:`psycopg.sql`). Full-text search uses
a generated ``tsvector`` column with a GIN index, ``ts_rank`` for ranking and ``ts_headline`` for the
snippet. The connection runs in autocommit mode and every write is an explicit transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import Any, Self

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from tacitus.errors import StoreError
from tacitus.model import Document, DocumentResult, Incident
from tacitus.store.postgres_schema import migrate
from tacitus.store.postgres_search import headline_options, to_tsquery
from tacitus.store.repository import SEVERITIES, Failure, SearchHit, StoreOutcome
from tacitus.store.rows import TABLES, Table, incident_row, record_json
from tacitus.store.sqlite import content_hash_of

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
Connection = psycopg.Connection[dict[str, Any]]

_DOCUMENT_NAMES = (
    "id",
    "version",
    "url",
    "path",
    "title",
    "published",
    "source",
    "language",
    "fmt",
    "content_hash",
    "text",
    "ingested_at",
    "run_id",
)
_DOCUMENT_COLUMNS = sql.SQL(", ").join(sql.Identifier(name) for name in _DOCUMENT_NAMES)
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
#: Documents fetched per round trip by the iterators (keyset pages, so no cursor is held open).
PAGE_SIZE = 500


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _insert_sql(table: Table) -> sql.Composed:
    names = ("doc_id", "idx", "run_id", *table.columns, "record")
    return sql.SQL("INSERT INTO {} ({}) VALUES ({})").format(
        sql.Identifier(table.name),
        sql.SQL(", ").join(sql.Identifier(name) for name in names),
        sql.SQL(", ").join(sql.Placeholder() for _ in names),
    )


class PostgresRepository:
    """:class:`~tacitus.store.repository.Repository` on a PostgreSQL database (see docs/scale.md)."""

    def __init__(self, conn: Connection, url: str, clock: Clock = _utc_now) -> None:
        self._conn: Connection | None = conn
        self.url = url
        self._clock = clock

    @classmethod
    def open(
        cls,
        url: str,
        *,
        schema: str | None = None,
        connect_timeout: int = 10,
        clock: Clock = _utc_now,
    ) -> Self:
        """Connect to ``url`` (``postgresql://user:pass@host:5432/db``) and bring the schema up to date.

        ``schema`` puts the Tacitus tables in that PostgreSQL schema (created if missing) instead of the
        first one on the server's ``search_path``: several stores can share one database that way.
        """
        try:
            conn: Connection = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=connect_timeout
            )
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL at {display_url(url)}: {exc}; check that the server runs "
                "and the URL's user, password, host, port and database"
            ) from exc
        try:
            if schema is not None:
                conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
                conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
            migrate(conn)
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"{display_url(url)} is not a usable Tacitus database: {exc}") from exc
        except StoreError:
            conn.close()
            raise
        return cls(conn, url, clock)

    # -- plumbing ---------------------------------------------------------------------------------------

    def _db(self) -> Connection:
        if self._conn is None:
            raise StoreError(f"the repository on {display_url(self.url)} is closed; open it again")
        return self._conn

    @contextmanager
    def _transaction(self, what: str) -> Iterator[Connection]:
        """One write transaction; any database failure rolls it back whole and becomes a StoreError."""
        conn = self._db()
        try:
            with conn.transaction():
                yield conn
        except psycopg.Error as exc:
            raise StoreError(f"{what} failed and was rolled back: {exc}") from exc

    def connection(self) -> Connection:
        """The open connection (autocommit, dict rows), for read queries of companion modules."""
        return self._db()

    def transaction(self, what: str) -> AbstractContextManager[Connection]:
        """One write transaction, rolled back whole on any database failure (a StoreError)."""
        return self._transaction(what)

    def _now(self) -> str:
        return self._clock().astimezone(dt.UTC).isoformat(timespec="seconds")

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
        """Release the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def schema_version(self) -> int:
        """The number of the newest migration applied to this database."""
        row = self._db().execute("SELECT max(number) AS n FROM _migrations").fetchone()
        return int(row["n"] or 0) if row is not None else 0

    # -- runs and failures ------------------------------------------------------------------------------

    def start_run(
        self, command: str, settings: Mapping[str, object], stage_versions: Mapping[str, str]
    ) -> int:
        with self._transaction("start_run") as conn:
            row = conn.execute(
                "INSERT INTO runs (started_at, command, settings, stage_versions)"
                " VALUES (%s, %s, %s, %s) RETURNING id",
                (
                    self._now(),
                    command,
                    json.dumps(dict(settings), sort_keys=True, default=str),
                    json.dumps(dict(stage_versions), sort_keys=True),
                ),
            ).fetchone()
        if row is None:
            raise StoreError("the database did not return an id for the new run")
        return int(row["id"])

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self._transaction("finish_run") as conn:
            cursor = conn.execute(
                "UPDATE runs SET finished_at = %s, counts = %s WHERE id = %s",
                (self._now(), json.dumps(dict(counts), sort_keys=True), run_id),
            )
            if cursor.rowcount == 0:
                raise StoreError(
                    f"no run {run_id} in {display_url(self.url)}; start_run() returns the id to finish"
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
            conn.execute(
                "INSERT INTO failures (run_id, path, stage, problem, severity, at, last_seen, count)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, 1)"
                " ON CONFLICT (path, stage, problem) DO UPDATE SET"
                " count = failures.count + 1, last_seen = excluded.last_seen,"
                " run_id = excluded.run_id, severity = excluded.severity",
                (run_id, path, stage, problem, severity, now, now),
            )

    def iter_failures(self) -> Iterator[Failure]:
        rows = self._db().execute(
            "SELECT run_id, path, stage, problem, severity, at, last_seen, count FROM failures ORDER BY id"
        )
        for row in rows.fetchall():
            yield Failure.model_validate(row)

    # -- documents --------------------------------------------------------------------------------------

    def store_document(self, doc: Document, result: DocumentResult | None, run_id: int) -> StoreOutcome:
        """Upsert ``doc`` and replace its extraction rows with ``result``'s, all in one transaction.

        The outcomes are SQLite's (docs/schema.md). The current row is locked (``FOR UPDATE``) so two
        writers storing the same id wait for each other instead of both writing version 2.
        """
        if result is not None and result.document.id != doc.id:
            raise StoreError(
                f"result is for document {result.document.id}, not {doc.id}; store each result with its own"
            )
        digest = content_hash_of(doc)
        now = self._now()
        select = "SELECT content_hash FROM documents WHERE id = %s FOR UPDATE"
        with self._transaction(f"storing document {doc.id}") as conn:
            current = conn.execute(select, (doc.id,)).fetchone()
            outcome: StoreOutcome = "unchanged"
            version = 1
            if current is None:
                inserted = conn.execute(
                    sql.SQL("INSERT INTO documents ({}) VALUES ({}) ON CONFLICT (id) DO NOTHING").format(
                        _DOCUMENT_COLUMNS, sql.SQL(", ").join(sql.Placeholder() for _ in _DOCUMENT_NAMES)
                    ),
                    _document_values(doc, version, digest, now, run_id),
                )
                if inserted.rowcount == 1:
                    outcome = "inserted"
                else:  # another writer inserted it between our SELECT and INSERT
                    current = conn.execute(select, (doc.id,)).fetchone()
            if current is not None and current["content_hash"] != digest:
                outcome = "new_version"
                row = conn.execute(
                    "SELECT max(version) AS v FROM document_versions WHERE doc_id = %s", (doc.id,)
                ).fetchone()
                version = int(row["v"] or 0) + 1 if row is not None else 1
                conn.execute(
                    "UPDATE documents SET version = %s, url = %s, path = %s, title = %s, published = %s,"
                    " source = %s, language = %s, fmt = %s, content_hash = %s, text = %s,"
                    " ingested_at = %s, run_id = %s WHERE id = %s",
                    (*_document_values(doc, version, digest, now, run_id)[1:], doc.id),
                )
            if outcome != "unchanged":
                conn.execute(
                    "INSERT INTO document_versions"
                    " (doc_id, version, content_hash, title, url, published, text, ingested_at, run_id)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (doc.id, version, digest, doc.title, doc.url, _iso(doc.published), doc.text, now, run_id),
                )
            if result is not None or outcome == "new_version":
                self._replace_extractions(conn, doc.id, result, run_id)
        log.debug("document %s: %s", doc.id, outcome)
        return outcome

    @staticmethod
    def _replace_extractions(
        conn: Connection, doc_id: str, result: DocumentResult | None, run_id: int
    ) -> None:
        with conn.cursor() as cursor:
            for table in TABLES:
                cursor.execute(
                    sql.SQL("DELETE FROM {} WHERE doc_id = %s").format(sql.Identifier(table.name)), (doc_id,)
                )
                if result is None:
                    continue
                rows = [
                    (doc_id, idx, run_id, *table.to_row(record), record_json(record))
                    for idx, record in enumerate(table.records(result))
                ]
                if rows:
                    cursor.executemany(_insert_sql(table), rows)

    def has_document(self, doc_id: str, content_hash: str) -> bool:
        row = (
            self._db()
            .execute("SELECT 1 FROM documents WHERE id = %s AND content_hash = %s", (doc_id, content_hash))
            .fetchone()
        )
        return row is not None

    def get_document(self, doc_id: str) -> Document | None:
        row = (
            self._db()
            .execute(sql.SQL("SELECT {} FROM documents WHERE id = %s").format(_DOCUMENT_COLUMNS), (doc_id,))
            .fetchone()
        )
        return _document(row) if row is not None else None

    def document_versions(self, doc_id: str) -> list[Document]:
        current = self.get_document(doc_id)
        if current is None:
            return []
        rows = self._db().execute(
            "SELECT content_hash, title, url, published, text FROM document_versions"
            " WHERE doc_id = %s ORDER BY version",
            (doc_id,),
        )
        return [
            current.model_copy(update={**row, "published": _date(row["published"])})
            for row in rows.fetchall()
        ]

    def iter_documents(self) -> Iterator[Document]:
        """Every current document in the order first stored, fetched in keyset pages of ``PAGE_SIZE``."""
        query = sql.SQL("SELECT pk, {} FROM documents WHERE pk > %s ORDER BY pk LIMIT %s").format(
            _DOCUMENT_COLUMNS
        )
        last = 0
        while True:
            rows = self._db().execute(query, (last, PAGE_SIZE)).fetchall()
            for row in rows:
                yield _document(row)
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
        conn = self._db()
        fields: dict[str, Any] = {"document": doc}
        for table in TABLES:
            rows = conn.execute(
                sql.SQL("SELECT record::text AS record FROM {} WHERE doc_id = %s ORDER BY idx").format(
                    sql.Identifier(table.name)
                ),
                (doc.id,),
            ).fetchall()
            fields[table.field] = [table.model.model_validate_json(row["record"]) for row in rows]
        return DocumentResult.model_validate(fields)

    # -- search -----------------------------------------------------------------------------------------

    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """Full-text search over title and text (titles weigh more), best match first.

        The query language is the SQLite store's (words, ``"phrases"``, ``prefix*``, ``OR``, ``NOT``; see
        :mod:`tacitus.store.postgres_search`). ``rank`` is the negated ``ts_rank``, so lower is better
        as with SQLite's BM25; the two backends' rank values are not comparable with each other.
        """
        if not query.split():
            raise StoreError("empty search query; give one or more words, e.g. 'human shields'")
        tsquery = to_tsquery(query)
        if tsquery is None:
            return []
        statement = sql.SQL(
            "WITH q AS (SELECT {} AS query),"
            " top AS (SELECT d.pk, -ts_rank(d.fts, q.query) AS rank FROM documents AS d, q"
            "  WHERE d.fts @@ q.query ORDER BY rank, d.pk LIMIT %s)"
            " SELECT d.id, d.title, d.url, d.path, d.published, top.rank,"
            "  ts_headline({}, d.text, q.query, %s) AS snippet"
            " FROM top JOIN documents AS d ON d.pk = top.pk, q ORDER BY top.rank, d.pk"
        ).format(tsquery.expression, sql.Literal("english"))
        try:
            rows = (
                self._db()
                .execute(statement, (*tsquery.params, limit, headline_options(highlight)))
                .fetchall()
            )
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot search for {query!r}: {exc}; use plain words, a quoted phrase "
                '("human shields") or the operators OR, NOT and prefix*'
            ) from exc
        return [
            SearchHit(
                doc_id=row["id"],
                title=row["title"],
                url=row["url"],
                path=row["path"],
                published=row["published"],
                snippet=row["snippet"],
                rank=float(row["rank"]),
            )
            for row in rows
        ]

    # -- counts, incidents, duplicates ------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        conn = self._db()
        counts: dict[str, int] = {}
        for name, table in _COUNT_TABLES.items():
            row = conn.execute(
                sql.SQL("SELECT count(*) AS n FROM {}").format(sql.Identifier(table))
            ).fetchone()
            counts[name] = int(row["n"]) if row is not None else 0
        return counts

    def save_incidents(self, incidents: Sequence[Incident], *, replace: bool = False) -> None:
        """Upsert incidents with their document links in one transaction (``replace`` drops the rest)."""
        now = self._now()
        with self._transaction("save_incidents") as conn:
            if replace:
                keep = [incident.id for incident in incidents]
                conn.execute("DELETE FROM incidents WHERE NOT (id = ANY(%s))", (keep,))
            for incident in incidents:
                conn.execute(
                    "INSERT INTO incidents (id, type, sub_type, date_start, date_end, place_name, lat, lon,"
                    " country, killed_best, sources, grading, record, updated_at)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                    " ON CONFLICT (id) DO UPDATE SET type = excluded.type, sub_type = excluded.sub_type,"
                    " date_start = excluded.date_start, date_end = excluded.date_end,"
                    " place_name = excluded.place_name, lat = excluded.lat, lon = excluded.lon,"
                    " country = excluded.country, killed_best = excluded.killed_best,"
                    " sources = excluded.sources, grading = excluded.grading, record = excluded.record,"
                    " updated_at = excluded.updated_at",
                    (incident.id, *incident_row(incident), now),
                )
                conn.execute("DELETE FROM incident_documents WHERE incident_id = %s", (incident.id,))
                wanted = list(dict.fromkeys(incident.documents))
                found = {
                    row["id"]
                    for row in conn.execute(
                        "SELECT id FROM documents WHERE id = ANY(%s)", (wanted,)
                    ).fetchall()
                }
                missing = [doc_id for doc_id in wanted if doc_id not in found]
                if missing:
                    raise StoreError(
                        f"incident {incident.id} names documents not in the store: {missing[:5]}; "
                        "store the documents before their incidents"
                    )
                if wanted:
                    with conn.cursor() as cursor:
                        cursor.executemany(
                            "INSERT INTO incident_documents (incident_id, doc_id) VALUES (%s, %s)"
                            " ON CONFLICT DO NOTHING",
                            [(incident.id, doc_id) for doc_id in wanted],
                        )

    def get_incident(self, incident_id: str) -> Incident | None:
        row = (
            self._db()
            .execute("SELECT record::text AS record FROM incidents WHERE id = %s", (incident_id,))
            .fetchone()
        )
        return Incident.model_validate_json(row["record"]) if row is not None else None

    def iter_incidents(self) -> Iterator[Incident]:
        rows = self._db().execute("SELECT record::text AS record FROM incidents ORDER BY id").fetchall()
        for row in rows:
            yield Incident.model_validate_json(row["record"])

    def record_duplicate(
        self, doc_id: str, duplicate_of: str, similarity: float, run_id: int | None = None
    ) -> None:
        """Mark ``doc_id`` as a near-duplicate of ``duplicate_of`` (the latest verdict wins)."""
        if doc_id == duplicate_of:
            raise StoreError(f"document {doc_id} cannot be a duplicate of itself")
        with self._transaction("record_duplicate") as conn:
            conn.execute(
                "INSERT INTO duplicates (doc_id, duplicate_of, similarity, run_id, detected_at)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (doc_id) DO UPDATE SET"
                " duplicate_of = excluded.duplicate_of, similarity = excluded.similarity,"
                " run_id = excluded.run_id, detected_at = excluded.detected_at",
                (doc_id, duplicate_of, similarity, run_id, self._now()),
            )

    def duplicates(self) -> dict[str, str]:
        """Document id -> id of the document it duplicates."""
        rows = self._db().execute("SELECT doc_id, duplicate_of FROM duplicates ORDER BY doc_id").fetchall()
        return {row["doc_id"]: row["duplicate_of"] for row in rows}


def display_url(url: str) -> str:
    """The URL without its password or options, for messages and logs."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "the PostgreSQL URL given"
    host = info.get("host") or "localhost"
    return (
        f"postgresql://{info.get('user') or ''}@{host}:{info.get('port') or 5432}/{info.get('dbname') or ''}"
    )


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


def _document(row: Mapping[str, Any]) -> Document:
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

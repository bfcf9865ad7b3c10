"""The PostgreSQL repository: the same :class:`~tacitus.store.repository.Repository` as SQLite, for a server.

Why a server at all: one SQLite file has one writer at a time and lives on one disk. A newsroom archive of
millions of articles, a web API with several readers and writers, or a team sharing one store wants
PostgreSQL, and the rest of Tacitus must not notice (it talks to ``Repository`` only; the contract tests
run the same checks against both backends).

How it mirrors the SQLite store: the same tables and columns (migrations_pg/, numbered like migrations/),
the same ``_migrations`` bookkeeping, and the same Repository methods, written once in
:class:`~tacitus.store.sql_repository.SqlRepositoryBase`. What is PostgreSQL's own stays here: connecting
(optionally into a schema of its own), transactions (the connection runs in autocommit mode and every
write is an explicit transaction), ``%s`` placeholders, reading ``JSONB`` back as text, locking a
document's row while it is stored, and full-text search: a generated ``tsvector`` column with a GIN
index, ``ts_rank`` for ranking and ``ts_headline`` for the snippet.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Self

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from tacitus.errors import StoreError
from tacitus.store.postgres_schema import migrate
from tacitus.store.postgres_search import headline_options, to_tsquery
from tacitus.store.repository import SearchHit
from tacitus.store.sql import to_pyformat
from tacitus.store.sql_repository import Clock, SqlRepositoryBase, closed_on_failure, search_hit, utc_now

log = logging.getLogger(__name__)

Connection = psycopg.Connection[dict[str, Any]]


class PostgresRepository(SqlRepositoryBase[Connection]):
    """:class:`~tacitus.store.repository.Repository` on a PostgreSQL database (see docs/scale.md)."""

    #: ``record`` is ``JSONB``: read back as its text, which the models parse as SQLite's ``TEXT``.
    record_text = "record::text AS record"
    #: Writers run concurrently: a document's current row is locked while it is stored.
    lock_clause = " FOR UPDATE"

    def __init__(self, conn: Connection, url: str, clock: Clock = utc_now) -> None:
        super().__init__(conn, clock)
        self.url = url

    @classmethod
    def open(
        cls,
        url: str,
        *,
        schema: str | None = None,
        connect_timeout: int = 10,
        clock: Clock = utc_now,
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
        with closed_on_failure(conn.close, psycopg.Error, display_url(url)):
            if schema is not None:
                conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
                conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
            migrate(conn)
        return cls(conn, url, clock)

    # -- the backend hooks of SqlRepositoryBase ---------------------------------------------------------

    def location(self) -> str:
        return display_url(self.url)

    def _execute(
        self, conn: Connection, statement: str, params: Sequence[Any] = ()
    ) -> psycopg.Cursor[dict[str, Any]]:
        return conn.execute(to_pyformat(statement), tuple(params))

    def _executemany(self, conn: Connection, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        with conn.cursor() as cursor:
            cursor.executemany(to_pyformat(statement), rows)

    @contextmanager
    def _transaction(self, what: str) -> Iterator[Connection]:
        """One write transaction; any database failure rolls it back whole and becomes a StoreError."""
        conn = self._db()
        try:
            with conn.transaction():
                yield conn
        except psycopg.Error as exc:
            raise StoreError(f"{what} failed and was rolled back: {exc}") from exc

    # -- full-text search -------------------------------------------------------------------------------

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
        return [search_hit(row) for row in rows]


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

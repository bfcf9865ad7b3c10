"""The SQLite repository: the embedded default store, one file that datasette or any SQL tool can open.

Why these settings: WAL lets readers (datasette, the web API, a second process) read while a batch
writes; ``synchronous=NORMAL`` in WAL mode keeps every committed transaction across a process crash at a
fraction of FULL's fsync cost; each document is stored in exactly one transaction, so a batch killed
half-way leaves every committed document whole and no document half-written. Only parameterised SQL is
used; table names come from the fixed list in :mod:`tacitus.store.rows`.

The Repository methods themselves live in :class:`~tacitus.store.sql_repository.SqlRepositoryBase`
(shared with PostgreSQL); this module keeps what is SQLite's own: opening the file, ``BEGIN IMMEDIATE``
transactions, FTS5 search and ``PRAGMA optimize`` on close.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from tacitus.errors import StoreError
from tacitus.model import Document
from tacitus.store.repository import SearchHit
from tacitus.store.schema import migrate
from tacitus.store.sql_repository import (
    DOCUMENT_COLUMNS,
    Clock,
    SqlRepositoryBase,
    closed_on_failure,
    content_hash_of,
    document_from_row,
    search_hit,
    utc_now,
)

__all__ = ["SQLiteRepository", "content_hash_of", "fts5_query"]

log = logging.getLogger(__name__)


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


class SQLiteRepository(SqlRepositoryBase[sqlite3.Connection]):
    """:class:`~tacitus.store.repository.Repository` on one SQLite file (see docs/schema.md)."""

    def __init__(self, conn: sqlite3.Connection, path: str, clock: Clock = utc_now) -> None:
        super().__init__(conn, clock)
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, busy_timeout_ms: int = 10_000, clock: Clock = utc_now) -> Self:
        """Open (creating if needed) a database file and bring its schema up to date."""
        location = str(path)
        try:
            conn = sqlite3.connect(location, timeout=busy_timeout_ms / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot open database {location}: {exc}; check that its folder exists and is writable"
            ) from exc
        with closed_on_failure(conn.close, sqlite3.DatabaseError, location):
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal" and location != ":memory:":
                log.warning("database %s could not switch to WAL (journal_mode=%s)", location, mode)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
        return cls(conn, location, clock)

    # -- the backend hooks of SqlRepositoryBase ---------------------------------------------------------

    def location(self) -> str:
        return self.path

    def _execute(
        self, conn: sqlite3.Connection, statement: str, params: Sequence[Any] = ()
    ) -> sqlite3.Cursor:
        return conn.execute(statement, tuple(params))

    def _executemany(self, conn: sqlite3.Connection, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        conn.executemany(statement, rows)

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``); any failure rolls it back whole.

        ``IMMEDIATE`` takes the write lock at the start, so the reads a write depends on (a document's
        current hash) cannot be overtaken by another process between read and write.
        """
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

    def _release(self, conn: sqlite3.Connection) -> None:
        """Let SQLite refresh its planner statistics before the file is released."""
        conn.execute("PRAGMA optimize")

    # -- what SQLite does its own way -------------------------------------------------------------------

    def iter_documents(self) -> Iterator[Document]:
        """Every current document in the order first stored, from one statement (one read snapshot)."""
        for row in self._db().execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY pk"):
            yield document_from_row(row)

    def search(
        self, query: str, limit: int = 20, *, highlight: tuple[str, str] = ("[", "]")
    ) -> list[SearchHit]:
        """FTS5 search over title and text, ranked by BM25 with titles weighted double.

        The query uses FTS5 syntax (``"human shields"``, ``mosul AND drone``, ``displace*``); a query that
        is not valid FTS5 (``al-Shifa``, ``5%``) is read with each word quoted (see :func:`fts5_query`).
        """
        rows = self._db().execute(
            "SELECT d.id, d.title, d.url, d.path, d.published,"
            " snippet(documents_fts, -1, ?, ?, '…', 16) AS snippet,"
            " bm25(documents_fts, 2.0, 1.0) AS rank"
            " FROM documents_fts JOIN documents AS d ON d.pk = documents_fts.rowid"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (highlight[0], highlight[1], fts5_query(self._db(), query), limit),
        )
        return [search_hit(row) for row in rows]

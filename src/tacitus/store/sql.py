"""A small SQL layer for the companion stores (review, tokens) that run on SQLite and on PostgreSQL.

Why not an ORM or a query builder: the companion modules issue a dozen short statements, and what differs
between the two backends is narrow and known: placeholders (``?`` vs ``%s``), how rows come back
(``sqlite3.Row`` vs dicts), and how JSON columns come back (``TEXT`` to decode vs ``JSONB`` already
decoded). Everything else they use (``ON CONFLICT ... DO UPDATE``, ``INSERT ... RETURNING``, ``LIMIT ...
OFFSET``) is the same SQL on both (SQLite has had ``RETURNING`` since 3.35). So the statements are written
once, with ``?`` placeholders, and :class:`SqlAccess` adapts them; queries that really need different SQL
(JSON array functions) branch on :attr:`SqlAccess.dialect`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from tacitus.store.sqlite import SQLiteRepository

if TYPE_CHECKING:
    from typing import TypeAlias

    from tacitus.store.postgres import PostgresRepository

    #: Either repository: what the review and token functions take.
    SqlRepository: TypeAlias = SQLiteRepository | PostgresRepository
    #: Either repository, or an :class:`SqlAccess` already made for one.
    ReviewStore: TypeAlias = SQLiteRepository | PostgresRepository | "SqlAccess"

Dialect = Literal["sqlite", "postgresql"]


class Writer(Protocol):
    """Statements inside one write transaction."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        ...

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        """Run a statement and return its first row (a SELECT, or an INSERT ... RETURNING)."""
        ...


def to_pyformat(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled so psycopg does not read it)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _SqliteWriter:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.conn.execute(sql, tuple(params)).rowcount

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        cursor = self.conn.execute(sql, tuple(params))
        row = cursor.fetchone()
        cursor.fetchall()  # an INSERT ... RETURNING completes only when its rows are consumed
        return dict(row) if row is not None else None


class _PostgresWriter:
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        rowcount: int = self.conn.execute(to_pyformat(sql), tuple(params)).rowcount
        return rowcount

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        row = self.conn.execute(to_pyformat(sql), tuple(params)).fetchone()
        return dict(row) if row is not None else None


class SqlAccess:
    """Reads and write transactions on either repository, with ``?`` placeholders and dict rows."""

    def __init__(self, repo: SqlRepository) -> None:
        self.repo = repo
        self.dialect: Dialect = "sqlite" if isinstance(repo, SQLiteRepository) else "postgresql"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """All rows of a read query, as dicts keyed by column name."""
        if isinstance(self.repo, SQLiteRepository):
            return [dict(row) for row in self.repo.connection().execute(sql, tuple(params))]
        return [dict(row) for row in self.repo.connection().execute(to_pyformat(sql), tuple(params))]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        """The first row of a read query, or None."""
        found = self.rows(sql, params)
        return found[0] if found else None

    @contextmanager
    def transaction(self, what: str) -> Iterator[Writer]:
        """One write transaction, rolled back whole on any failure (a StoreError)."""
        if isinstance(self.repo, SQLiteRepository):
            with self.repo.transaction(what) as conn:
                yield _SqliteWriter(conn)
        else:
            with self.repo.transaction(what) as pg:
                yield _PostgresWriter(pg)

    def load_json(self, value: Any) -> Any:
        """A JSON column's value as Python data: SQLite returns the text, PostgreSQL the decoded JSONB."""
        if self.dialect == "sqlite" and isinstance(value, str | bytes):
            return json.loads(value)
        return value


def dump_json(value: Any) -> str | None:
    """A value for a JSON column (both backends accept the text; None stays SQL NULL)."""
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def access(repo: ReviewStore) -> SqlAccess:
    """An :class:`SqlAccess` for ``repo`` (itself when it already is one)."""
    return repo if isinstance(repo, SqlAccess) else SqlAccess(repo)


def open_sql_repository(db: str | Path) -> SqlRepository:
    """Open ``db`` as :func:`tacitus.store.open_repository` does, typed for the review and token functions."""
    from tacitus.store import POSTGRES_SCHEMES

    if isinstance(db, str) and db.startswith(POSTGRES_SCHEMES):
        from tacitus.store.postgres import PostgresRepository

        return PostgresRepository.open(db)
    return SQLiteRepository.open(db)

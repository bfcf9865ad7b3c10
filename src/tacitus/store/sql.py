"""A small SQL layer for the companion stores (review, tokens) that run on SQLite and on PostgreSQL.

Why not an ORM or a query builder: the companion modules issue a dozen short statements, and what differs
between the two backends is narrow and known: placeholders (``?`` vs ``%s``), how rows come back
(``sqlite3.Row`` vs dicts), and how JSON columns come back (``TEXT`` to decode vs ``JSONB`` already
decoded). Everything else they use (``ON CONFLICT ... DO UPDATE``, ``INSERT ... RETURNING``, ``LIMIT ...
OFFSET``) is the same SQL on both (SQLite has had ``RETURNING`` since 3.35). So the statements are written
once, with ``?`` placeholders, and :class:`SqlAccess` adapts them.

Where the SQL itself differs, :class:`SqlAccess` writes the piece for its dialect, so a query (the API's
list queries, the review store) is written once around these pieces:

- a field inside a JSON column: ``json_extract(rec, '$.a.b')`` on SQLite, ``rec #>> '{a,b}'`` on
  PostgreSQL, cast to ``double precision`` where a number is wanted (``#>>`` gives text);
- the elements of a JSON array as rows: ``json_each`` against ``jsonb_array_elements_text``;
- a case-insensitive substring test: ``instr`` against ``strpos``;
- the documents matching a full-text query: the FTS5 table against the generated ``tsvector`` column,
  in the one query language of :meth:`Repository.search`;
- byte-order text comparison: SQLite compares text by bytes; a PostgreSQL database may use a
  linguistic collation (``en_US.UTF-8`` orders ``-`` and case differently), so sort keys and ISO-date
  comparisons say ``COLLATE "C"`` there and both backends page in the same order.

JSON paths are tuples of names fixed in the calling code; they are checked to be plain identifiers
before they are written into SQL.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from tacitus.store.sqlite import SQLiteRepository, fts5_query

if TYPE_CHECKING:
    from typing import TypeAlias

    from tacitus.store.postgres import PostgresRepository

    #: Either repository: what the review and token functions take.
    SqlRepository: TypeAlias = SQLiteRepository | PostgresRepository
    #: Either repository, or an :class:`SqlAccess` already made for one.
    ReviewStore: TypeAlias = SQLiteRepository | PostgresRepository | "SqlAccess"

Dialect = Literal["sqlite", "postgresql"]

_PATH_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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

    # -- the pieces of SQL that differ between the dialects --------------------------------------------

    def json_text(self, column: str, *path: str) -> str:
        """SQL for the value at ``path`` inside the JSON ``column`` (text, or SQLite's native value)."""
        names = _checked(path)
        if self.dialect == "sqlite":
            return f"json_extract({column}, '$.{'.'.join(names)}')"
        return f"({column} #>> '{{{','.join(names)}}}')"

    def json_number(self, column: str, *path: str) -> str:
        """SQL for the number at ``path`` inside the JSON ``column`` (NULL when absent)."""
        if self.dialect == "sqlite":
            return self.json_text(column, *path)
        return f"CAST({self.json_text(column, *path)} AS double precision)"

    def json_elements(self, column: str, path: str, alias: str) -> str:
        """A FROM item: one row per element of the JSON array at ``path``, its text as ``alias.value``."""
        (name,) = _checked((path,))
        if self.dialect == "sqlite":
            return f"json_each({column}, '$.{name}') AS {alias}"
        return f"jsonb_array_elements_text({column} -> '{name}') AS {alias}(value)"

    def contains(self, expr: str) -> str:
        """SQL true when one ``?`` parameter occurs in ``expr``, ignoring case (NULL never matches)."""
        position = "instr" if self.dialect == "sqlite" else "strpos"
        return f"{position}(lower(coalesce({expr}, '')), lower(?)) > 0"

    def bytewise(self, expr: str) -> str:
        """``expr`` compared and sorted by bytes, as SQLite does and whatever the PostgreSQL collation."""
        return expr if self.dialect == "sqlite" else f'({expr}) COLLATE "C"'

    def text_matches(self, query: str) -> tuple[str, list[Any]]:
        """A subquery selecting the ids of documents that match a full-text query, and its parameters.

        The query language is :meth:`Repository.search`'s on either backend: on SQLite FTS5 syntax (an
        invalid query read with each word quoted, :func:`~tacitus.store.sqlite.fts5_query`); on
        PostgreSQL the same words, phrases, ``prefix*``, ``OR`` and ``NOT`` turned into a ``tsquery``
        over the indexed ``documents.fts`` column (English stemming and stop words, so a query of stop
        words only matches nothing there). Raises StoreError for an empty query.
        """
        if isinstance(self.repo, SQLiteRepository):
            checked = fts5_query(self.repo.connection(), query)
            return (
                "SELECT fd.id FROM documents_fts JOIN documents AS fd ON fd.pk = documents_fts.rowid"
                " WHERE documents_fts MATCH ?",
                [checked],
            )
        from tacitus.errors import StoreError
        from tacitus.store.postgres_search import tsquery_sql

        if not query.split():
            raise StoreError("empty search query; give one or more words, e.g. 'human shields'")
        translated = tsquery_sql(query)
        if translated is None:
            return "SELECT fd.id FROM documents AS fd WHERE false", []
        expression, params = translated
        return f"SELECT fd.id FROM documents AS fd WHERE fd.fts @@ ({expression})", list(params)


def _checked(path: Sequence[str]) -> tuple[str, ...]:
    """Path names that are plain identifiers (they are written into SQL text, never taken from input)."""
    for name in path:
        if not _PATH_NAME.fullmatch(name):
            raise ValueError(f"JSON path name {name!r} is not a plain identifier")
    if not path:
        raise ValueError("a JSON path needs at least one name")
    return tuple(path)


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

"""PostgreSQL migrations: the same numbers and names as the SQLite ones, written in PostgreSQL's dialect.

Why parallel files rather than translating the SQLite DDL at load time: the two dialects differ where it
matters (FTS5 virtual tables and triggers against a generated ``tsvector`` column with a GIN index, 8-byte
``REAL`` against ``DOUBLE PRECISION``, ``json_valid`` checks against ``JSONB``), and a regex translator
would be a second, untested schema. Instead every SQLite migration must have a PostgreSQL file with the
same number and name (checked on open and by the contract tests), and a test compares the tables and
columns of both databases. The bookkeeping table ``_migrations`` is the same as SQLite's.

Several processes may open one database at once (scale-out workers, the API), so each migration takes a
transaction-scoped advisory lock and re-reads ``_migrations`` before applying: the first one applies it,
the others find it done.
"""

from __future__ import annotations

import datetime as dt
import logging
from importlib import resources
from typing import Any

import psycopg
from psycopg.rows import tuple_row

from tacitus.errors import StoreError
from tacitus.store.schema import _NAME, Migration, available_migrations

log = logging.getLogger(__name__)

#: Advisory lock key: the schema name is hashed in too, so databases in different schemas do not wait.
_LOCK = "SELECT pg_advisory_xact_lock(hashtext('tacitus.migrate:' || current_schema()))"


def postgres_migrations() -> list[Migration]:
    """The migrations in ``migrations_pg/``, checked against the SQLite ones (same numbers and names)."""
    found: list[Migration] = []
    for entry in resources.files("tacitus.store").joinpath("migrations_pg").iterdir():
        match = _NAME.match(entry.name)
        if match is not None:
            found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.number)
    ours = [(m.number, m.name) for m in found]
    theirs = [(m.number, m.name) for m in available_migrations()]
    if ours != theirs:
        raise StoreError(
            f"PostgreSQL migrations {ours} do not match the SQLite migrations {theirs}; every "
            "store/migrations/NNNN_name.sql needs a store/migrations_pg/NNNN_name.sql with the same tables"
        )
    return found


def applied_migrations(conn: psycopg.Connection[Any]) -> list[int]:
    """Numbers of the migrations recorded in this schema (creates ``_migrations`` if needed)."""
    with conn.transaction():
        conn.execute(_LOCK)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations ("
            " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    with conn.cursor(row_factory=tuple_row) as cursor:
        return [int(row[0]) for row in cursor.execute("SELECT number FROM _migrations ORDER BY number")]


def migrate(conn: psycopg.Connection[Any], upto: int | None = None) -> list[int]:
    """Apply every pending migration (or those up to ``upto``), each in its own transaction.

    ``conn`` must be in autocommit mode so the transactions here are the only ones.
    """
    migrations = postgres_migrations()
    newest = max(applied_migrations(conn), default=0)
    if newest > len(migrations):
        raise StoreError(
            f"this database is at schema migration {newest}, newer than this Tacitus knows "
            f"({len(migrations)}); upgrade Tacitus or open a different database"
        )
    applied: list[int] = []
    for migration in migrations:
        if upto is not None and migration.number > upto:
            break
        try:
            with conn.transaction():
                conn.execute(_LOCK)
                done = conn.execute(
                    "SELECT 1 FROM _migrations WHERE number = %s", (migration.number,)
                ).fetchone()
                if done is not None:
                    continue
                # No parameters: psycopg sends the whole file as one simple query, several statements.
                conn.execute(migration.sql.encode("utf-8"))
                conn.execute(
                    "INSERT INTO _migrations (number, name, applied_at) VALUES (%s, %s, %s)",
                    (migration.number, migration.name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )
        except psycopg.Error as exc:
            raise StoreError(
                f"schema migration {migration.number:04d}_{migration.name} failed: {exc}; "
                "the database was left at the previous migration"
            ) from exc
        log.info("applied PostgreSQL schema migration %04d_%s", migration.number, migration.name)
        applied.append(migration.number)
    return applied

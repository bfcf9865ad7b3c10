"""Numbered schema migrations (SQL files in ``migrations/``), applied in order, recorded in ``_migrations``.

Why files and not code: a migration is plain SQL anyone can read next to docs/schema.md, and the number in
its name (``0001_initial.sql``) fixes the order. Each migration runs in its own transaction together with
the row that records it, so a crash leaves the database at the previous migration, never half-way.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from tacitus.errors import StoreError

log = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, its name and the SQL that performs it."""

    number: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """The migrations shipped in ``tacitus/store/migrations/``, sorted by number."""
    found: list[Migration] = []
    for entry in resources.files("tacitus.store").joinpath("migrations").iterdir():
        match = _NAME.match(entry.name)
        if match is None:
            continue
        found.append(Migration(int(match.group(1)), match.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StoreError(f"migrations must be numbered 1..n without gaps, found {numbers}")
    return found


def applied_migrations(conn: sqlite3.Connection) -> list[int]:
    """Numbers of the migrations already recorded in this database (creates ``_migrations`` if needed)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT number FROM _migrations ORDER BY number")]


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> list[int]:
    """Apply every pending migration (or those up to ``upto``); return the numbers applied now.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so the explicit transactions here are
    the only ones.
    """
    migrations = available_migrations()
    done = set(applied_migrations(conn))
    newest = max(done, default=0)
    if newest > len(migrations):
        raise StoreError(
            f"this database is at schema migration {newest}, newer than this Tacitus knows "
            f"({len(migrations)}); upgrade Tacitus or open a different database file"
        )
    applied: list[int] = []
    for migration in migrations:
        if migration.number in done or (upto is not None and migration.number > upto):
            continue
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (migration.number, migration.name, now),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"schema migration {migration.number:04d}_{migration.name} failed: {exc}; "
                "the database was left at the previous migration"
            ) from exc
        log.info("applied schema migration %04d_%s", migration.number, migration.name)
        applied.append(migration.number)
    return applied


def _statements(script: str) -> list[str]:
    """Split a migration into complete statements (triggers contain ``;`` inside BEGIN ... END)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise StoreError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:80]!r}")
    return statements

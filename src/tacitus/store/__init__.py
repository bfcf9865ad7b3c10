"""Storage: the repository interface and its SQLite implementation (schema in docs/schema.md)."""

from pathlib import Path

from tacitus.store.repository import (
    COUNT_NAMES,
    SEVERITIES,
    Failure,
    Repository,
    SearchHit,
    Severity,
    StoreOutcome,
)
from tacitus.store.sqlite import SQLiteRepository

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_repository(db: str | Path) -> Repository:
    """Open the store ``db`` names: a ``postgresql://`` URL (PostgreSQL), else a SQLite file path.

    psycopg is imported only for PostgreSQL, so SQLite users need nothing more than Python.
    """
    if isinstance(db, str) and db.startswith(POSTGRES_SCHEMES):
        from tacitus.store.postgres import PostgresRepository

        return PostgresRepository.open(db)
    return SQLiteRepository.open(db)


__all__ = [
    "COUNT_NAMES",
    "POSTGRES_SCHEMES",
    "SEVERITIES",
    "Failure",
    "Repository",
    "SQLiteRepository",
    "SearchHit",
    "Severity",
    "StoreOutcome",
    "open_repository",
]

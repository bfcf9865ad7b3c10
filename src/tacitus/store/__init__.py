"""Storage: the repository interface and its SQLite implementation (schema in docs/schema.md)."""

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

__all__ = [
    "COUNT_NAMES",
    "SEVERITIES",
    "Failure",
    "Repository",
    "SQLiteRepository",
    "SearchHit",
    "Severity",
    "StoreOutcome",
]

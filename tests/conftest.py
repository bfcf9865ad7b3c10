"""Shared fixtures: benchmark data and real example articles, the actor dictionary and the spaCy pipeline
with its actor patterns, and PostgreSQL schemas.

PostgreSQL tests use the server at ``TACITUS_TEST_PG_URL`` (default
postgresql://postgres@127.0.0.1:5432/postgres; PGPASSWORD honoured) and skip cleanly when psycopg is
missing or no server answers. Each store lives in a fresh schema, reached through a URL whose
``options=-csearch_path=<schema>`` selects it (as docs/scale.md describes), and is dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tacitus.actors.dictionary import ActorDictionary
from tacitus.nlp.model_loader import load_model

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$TACITUS_SHARED``, else the ``shared`` folder beside the repository (as CI lays it out)."""
    env = os.environ.get("TACITUS_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    """The packaged actor dictionary (per module, as the tests that use it may extend it)."""
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def nlp(dictionary: ActorDictionary) -> Any:
    """spaCy with the EntityRuler fed by the actor dictionary; modules that need another one define it."""
    return load_model(patterns=tuple(dictionary.patterns()))


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="session")
def real_examples(shared: Path) -> list[Path]:
    """The two real articles of ../shared/examples (skip when absent)."""
    files = sorted((shared / "examples").glob("*.txt"))
    if not files:
        pytest.skip("no real example articles in shared/examples")
    return files


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The project's own sample articles."""
    return REPO / "examples"


PG_URL = os.environ.get("TACITUS_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def with_search_path(url: str, schema: str) -> str:
    """``url`` with a libpq option that makes ``schema`` the connection's search_path."""
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"


@dataclass(frozen=True)
class PgSchema:
    """A fresh PostgreSQL schema: its name and a URL whose connections use it."""

    name: str
    url: str


@pytest.fixture(scope="session")
def pg_url() -> str:
    """The test server's URL, or a skip when psycopg is missing or no server answers."""
    psycopg = pytest.importorskip("psycopg")
    try:
        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL at TACITUS_TEST_PG_URL ({exc.__class__.__name__})")
    return PG_URL


@pytest.fixture(scope="session")
def pg_schemas(pg_url: str) -> Callable[[str], AbstractContextManager[PgSchema]]:
    """``with pg_schemas("prefix") as schema:`` creates a fresh schema and drops it on exit."""
    import psycopg
    from psycopg import sql

    @contextmanager
    def fresh(prefix: str) -> Iterator[PgSchema]:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
        try:
            yield PgSchema(name, with_search_path(pg_url, name))
        finally:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))

    return fresh


@pytest.fixture
def pg_store_url(pg_schemas: Callable[[str], AbstractContextManager[PgSchema]]) -> Iterator[str]:
    """A URL of an empty store in a fresh schema, for one test."""
    with pg_schemas("tacitus_test") as schema:
        yield schema.url

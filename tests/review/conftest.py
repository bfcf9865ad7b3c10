"""A real database built from the sample articles (once per session), copied for each test.

``repo`` is parametrised over both backends: a copy of the SQLite file, and the same documents, results
and incidents stored into a fresh PostgreSQL schema (dropped afterwards) on the server at
``TACITUS_TEST_PG_URL`` (the ``pg_url`` fixture of tests/conftest.py). The PostgreSQL parameter skips when
psycopg is missing or no server answers.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tacitus.build import build_pipeline
from tacitus.link.linker import link
from tacitus.runner import ingest_paths
from tacitus.settings import Settings
from tacitus.store.sqlite import SQLiteRepository

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("review-db") / "examples.db"
    settings = Settings(db=str(path))
    with SQLiteRepository.open(path) as repo:
        run = repo.start_run("test", {}, {})
        ingest_paths([REPO / "examples"], settings, repo, build_pipeline(settings), run)
        repo.save_incidents(link(list(repo.iter_results())).incidents(), replace=True)
    return path


@pytest.fixture
def db(built_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "review.db"
    shutil.copyfile(built_db, copy)
    return copy


@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[str]:
    """A fresh schema for one test, dropped afterwards."""
    import psycopg
    from psycopg import sql

    name = f"tacitus_test_{uuid.uuid4().hex[:12]}"
    yield name
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))


def copy_to_postgres(source: Path, url: str, schema: str) -> Any:
    """A PostgresRepository holding the documents, results and incidents of the SQLite store ``source``."""
    from tacitus.store.postgres import PostgresRepository

    target = PostgresRepository.open(url, schema=schema)
    with SQLiteRepository.open(source) as src:
        run = target.start_run("copy", {}, {})
        for result in src.iter_results():
            target.store_document(result.document, result, run)
        target.save_incidents(list(src.iter_incidents()), replace=True)
    return target


@pytest.fixture(params=["sqlite", "postgres"])
def repo(request: pytest.FixtureRequest, db: Path) -> Iterator[Any]:
    """The examples store on each backend (both have the same documents, results and incidents)."""
    if request.param == "sqlite":
        with SQLiteRepository.open(db) as opened:
            yield opened
        return
    target = copy_to_postgres(db, request.getfixturevalue("pg_url"), request.getfixturevalue("pg_schema"))
    try:
        yield target
    finally:
        target.close()

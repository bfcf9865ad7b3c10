"""``tacitus run`` through typer's CliRunner: SQLite and (when a server answers) PostgreSQL stores."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tacitus.cli.run import run
from tacitus.store import SQLiteRepository, open_repository

PG_URL = os.environ.get("TACITUS_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

app = typer.Typer()
app.command()(run)
runner = CliRunner()


@pytest.fixture
def pg_store() -> Iterator[str]:
    """A URL whose search_path is a fresh schema (created here, dropped afterwards)."""
    psycopg = pytest.importorskip("psycopg")
    schema = f"tacitus_cli_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(psycopg.sql.SQL("CREATE SCHEMA {}").format(psycopg.sql.Identifier(schema)))
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL at TACITUS_TEST_PG_URL: {exc.__class__.__name__}")
    yield PG_URL + ("&" if "?" in PG_URL else "?") + f"options=-csearch_path%3D{schema}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP SCHEMA {} CASCADE").format(psycopg.sql.Identifier(schema)))


def test_run_local_into_sqlite_then_rerun_is_idempotent(tmp_path: Path, sample_dir: Path) -> None:
    db = tmp_path / "t.db"
    first = runner.invoke(app, [str(sample_dir), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "docs/s" in first.output
    with SQLiteRepository.open(db) as repo:
        counts = repo.counts()
    assert counts["documents"] >= 3 and counts["claims"] > 0
    again = runner.invoke(app, [str(sample_dir), "--db", str(db), "--quiet"])
    assert again.exit_code == 0 and again.output == ""
    with SQLiteRepository.open(db) as repo:
        assert repo.counts() == counts | {"runs": 2}


def test_run_local_into_postgres(pg_store: str, sample_dir: Path) -> None:
    note = sample_dir / "undated-field-note.txt"
    result = runner.invoke(app, [str(note), "--db", pg_store])
    assert result.exit_code == 0, result.output
    assert "password" not in result.output and "options=" not in result.output
    with open_repository(pg_store) as repo:
        assert repo.counts()["documents"] == 1
        assert [r.document.path for r in repo.iter_results()] == [str(note)]


def test_workers_need_the_dask_engine(tmp_path: Path, sample_dir: Path) -> None:
    result = runner.invoke(app, [str(sample_dir), "--db", str(tmp_path / "t.db"), "--workers", "2"])
    assert result.exit_code == 2
    assert "--engine dask" in result.output


def test_unreachable_postgres_is_reported(sample_dir: Path) -> None:
    result = runner.invoke(app, [str(sample_dir), "--db", "postgresql://u:secret@127.0.0.1:1/none", "-q"])
    assert result.exit_code == 2
    assert "cannot connect to PostgreSQL" in result.output and "secret" not in result.output

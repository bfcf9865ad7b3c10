"""``tacitus run`` through typer's CliRunner: SQLite and (when a server answers) PostgreSQL stores."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from tacitus.cli.run import run
from tacitus.store import SQLiteRepository, open_repository

app = typer.Typer()
app.command()(run)
runner = CliRunner()


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


def test_run_local_into_postgres(pg_store_url: str, sample_dir: Path) -> None:
    note = sample_dir / "undated-field-note.txt"
    result = runner.invoke(app, [str(note), "--db", pg_store_url])
    assert result.exit_code == 0, result.output
    assert "password" not in result.output and "options=" not in result.output
    with open_repository(pg_store_url) as repo:
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

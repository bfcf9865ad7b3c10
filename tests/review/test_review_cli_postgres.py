"""``tacitus review`` and ``tacitus token`` on a PostgreSQL store; ``tacitus serve`` naming a dead one.

The store is the examples database copied into a fresh PostgreSQL schema (see conftest.py); the CLI gets
it as a URL whose ``search_path`` option selects that schema, as docs/scale.md describes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tacitus.cli.review import app
from tacitus.cli.serve import serve, token_app
from tacitus.store.sqlite import SQLiteRepository

from .conftest import copy_to_postgres


@pytest.fixture
def pg_store(db: Path, pg_url: str, pg_schema: str) -> Iterator[str]:
    """A postgresql:// URL of the examples store."""
    copy_to_postgres(db, pg_url, pg_schema).close()
    sep = "&" if "?" in pg_url else "?"
    yield f"{pg_url}{sep}options=-csearch_path%3D{pg_schema}"


def test_review_and_token_commands_on_postgres(db: Path, pg_store: str) -> None:
    runner = CliRunner()
    with SQLiteRepository.open(db) as repo:
        result = next(r for r in repo.iter_results() if r.claims)
        ids = sorted(i.id for i in repo.iter_incidents())[:2]
    ref = f"{result.document.id}:c0"
    accepted = runner.invoke(app, ["accept", ref, "--db", pg_store, "--who", "alice", "--why", "ok"])
    assert accepted.exit_code == 0, accepted.output
    edited = runner.invoke(app, ["edit", ref, "--db", pg_store, "--who", "bob", "--set", "best=3"])
    assert edited.exit_code == 0, edited.output
    assert json.loads(edited.stdout.strip().splitlines()[0])["value"]["best"] == 3
    merged = runner.invoke(app, ["merge", *ids, "--db", pg_store, "--who", "dana"])
    assert merged.exit_code == 0, merged.output
    audit = runner.invoke(app, ["audit", "--db", pg_store])
    assert audit.exit_code == 0, audit.output
    rows = [json.loads(line) for line in audit.stdout.strip().splitlines()]
    assert [(r["who"], r["action"]) for r in rows] == [
        ("alice", "accept"),
        ("bob", "edit"),
        ("dana", "merge"),
    ]

    created = runner.invoke(token_app, ["create", "--name", "alice", "--db", pg_store])
    assert created.exit_code == 0, created.output
    listed = runner.invoke(token_app, ["list", "--db", pg_store])
    assert [json.loads(line)["name"] for line in listed.stdout.strip().splitlines()] == ["alice"]
    assert runner.invoke(token_app, ["revoke", "alice", "--db", pg_store]).exit_code == 0


def test_serve_names_an_unreachable_postgres_clearly() -> None:
    cli = typer.Typer()
    cli.command()(serve)
    refused = CliRunner().invoke(cli, ["--db", "postgresql://u:p@127.0.0.1:1/db"])
    assert refused.exit_code == 2
    assert "cannot connect to PostgreSQL" in " ".join(refused.output.split())

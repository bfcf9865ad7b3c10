"""``tacitus serve`` accepts a SQLite file and a postgresql:// URL alike, and names a dead server clearly.

uvicorn.run is replaced by a function that serves the app the command built on a free loopback port
(lifespan included), asks it two questions and stops it, so the test checks the command's real app.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
import uvicorn
from typer.testing import CliRunner

from tacitus.cli.serve import serve

from .conftest import BACKENDS, copy_store, start_app, stop_server

cli = typer.Typer()
cli.command()(serve)


@pytest.mark.parametrize("backend", BACKENDS)
def test_serve_answers_on_either_backend(
    backend: str, request: pytest.FixtureRequest, examples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: dict[str, Any] = {}

    def fake_run(app: Any, host: str, port: int, log_level: str) -> None:
        assert (host, port) == ("127.0.0.1", 8000)
        server, thread, url = start_app(app)
        try:
            with httpx.Client(base_url=url, timeout=10) as client:
                answers["health"] = client.get("/api/health").json()
                answers["incidents"] = client.get("/api/incidents", params={"q": "Kirkuk"}).json()
        finally:
            stop_server(server, thread)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    if backend == "sqlite":
        result = CliRunner().invoke(cli, ["--db", str(examples_db)])
    else:
        schemas: Callable[[str], AbstractContextManager[Any]] = request.getfixturevalue("pg_schemas")
        with schemas("tacitus_serve") as schema:
            copy_store(examples_db, schema.url)
            result = CliRunner().invoke(cli, ["--db", schema.url])
        assert "postgres:postgres@" not in result.output  # the password is never printed
    assert result.exit_code == 0, result.output
    assert answers["health"]["counts"]["documents"] == 10  # examples/README.md is not an article
    assert answers["incidents"]["total"] > 0


def test_serve_names_an_unreachable_postgres() -> None:
    result = CliRunner().invoke(cli, ["--db", "postgresql://u:secret@127.0.0.1:1/db"])
    assert result.exit_code == 2
    flat = " ".join(result.output.split())
    assert "cannot connect to PostgreSQL" in flat and "secret" not in flat

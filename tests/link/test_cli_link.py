"""The link, incidents and show commands over a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from tacitus.cli.link import register
from tacitus.store.sqlite import SQLiteRepository

from .builders import shield_reports, zanjili_reports


def make_app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_link_then_list_and_show(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("test", {}, {})
        for result in zanjili_reports() + shield_reports():
            repo.store_document(result.document, result, run)
    app = make_app()
    runner = CliRunner()
    linked = runner.invoke(app, ["link", "--db", str(db)])
    assert linked.exit_code == 0, linked.output
    assert "in 2 incidents" in linked.output

    with SQLiteRepository.open(db) as repo:  # reopened: the incidents hit the disk
        incidents = list(repo.iter_incidents())
        assert len(incidents) == 2
        assert repo.duplicates() == {"z1copy": "z1"} or repo.duplicates() == {"z1": "z1copy"}

    listed = runner.invoke(app, ["incidents", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines() if line.startswith("{")]
    zanjili = next(r for r in rows if r["documents"] == 4)
    assert zanjili["killed"] == {"min": 5.0, "max": 8.0, "best": 5.0, "reported": 5.0}
    assert zanjili["conflicts"] == ["killed"] and zanjili["sources"] == 3

    shown = runner.invoke(app, ["show", zanjili["id"], "--db", str(db), "--json"])
    assert shown.exit_code == 0, shown.output
    payload = json.loads(shown.stdout)
    assert len(payload["claims"]) == 5
    assert {c["source_type"] for c in payload["claims"]} >= {"NGO", "local witness"}

    table = runner.invoke(app, ["show", zanjili["id"], "--db", str(db)])
    assert table.exit_code == 0 and "Eight civilians were killed" in table.stdout
    assert runner.invoke(app, ["incidents", "--db", str(db)]).exit_code == 0
    missing = runner.invoke(app, ["show", "inc-nope", "--db", str(db)])
    assert missing.exit_code == 1


def test_link_is_incremental_over_the_database(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    results = zanjili_reports() + shield_reports()
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("test", {}, {})
        for result in results[:-1]:
            repo.store_document(result.document, result, run)
    runner = CliRunner()
    first = runner.invoke(make_app(), ["link", "--db", str(db)])
    assert first.exit_code == 0 and "full relink" in first.output
    assert (tmp_path / "t.db.link.json.gz").is_file()
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("test", {}, {})
        repo.store_document(results[-1].document, results[-1], run)
    second = runner.invoke(make_app(), ["link", "--db", str(db)])
    assert second.exit_code == 0 and "incremental: 1 new of 6" in second.output
    assert "in 2 incidents" in second.output  # the late human-shield report joined its incident
    with SQLiteRepository.open(db) as repo:
        assert sorted(len(i.documents) for i in repo.iter_incidents()) == [2, 4]
    again = runner.invoke(make_app(), ["link", "--db", str(db), "--threshold", "0.5"])
    assert again.exit_code == 0 and "full relink" in again.output  # another config: relinked


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in ("link", "incidents", "show"):
        result = runner.invoke(make_app(), [command, "--help"])
        assert result.exit_code == 0 and "--db" in result.stdout

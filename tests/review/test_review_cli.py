"""``tacitus review`` and ``tacitus token`` through typer's CliRunner on real database files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tacitus.cli.review import app
from tacitus.cli.serve import token_app
from tacitus.store.sqlite import SQLiteRepository
from tacitus.store.tokens import verify_token


def _claim_ref(db: Path) -> str:
    with SQLiteRepository.open(db) as repo:
        result = next(r for r in repo.iter_results() if r.claims)
        return f"{result.document.id}:c0"


def test_review_commands_and_audit(db: Path) -> None:
    runner = CliRunner()
    ref = _claim_ref(db)
    accepted = runner.invoke(app, ["accept", ref, "--db", str(db), "--who", "alice", "--why", "ok"])
    assert accepted.exit_code == 0, accepted.output
    edited = runner.invoke(
        app, ["edit", ref, "--db", str(db), "--who", "bob", "--set", "best=3", "--set", "modality=alleged"]
    )
    assert edited.exit_code == 0, edited.output
    value = json.loads(edited.stdout.strip().splitlines()[0])["value"]
    assert value["best"] == 3 and value["modality"] == "alleged"
    rejected = runner.invoke(app, ["reject", ref, "--db", str(db), "--who", "carol"])
    assert rejected.exit_code == 0, rejected.output
    bad = runner.invoke(app, ["edit", ref, "--db", str(db), "--set", "modality=certain"])
    assert bad.exit_code == 1 and "invalid edit" in bad.output
    missing = runner.invoke(app, ["accept", "nope", "--db", str(db)])
    assert missing.exit_code == 1

    with SQLiteRepository.open(db) as repo:
        ids = sorted(i.id for i in repo.iter_incidents())[:2]
    merged = runner.invoke(app, ["merge", *ids, "--db", str(db), "--who", "dana", "--why", "same event"])
    assert merged.exit_code == 0, merged.output
    merged_incident = json.loads(merged.stdout.strip().splitlines()[0])
    moved = merged_incident["documents"][-1]
    split = runner.invoke(app, ["split", merged_incident["id"], "--document", moved, "--db", str(db)])
    assert split.exit_code == 0 or "at least one report" in split.output, split.output

    audit = runner.invoke(app, ["audit", "--db", str(db)])
    assert audit.exit_code == 0, audit.output
    rows = [json.loads(line) for line in audit.stdout.strip().splitlines()]
    assert [r["action"] for r in rows][:4] == ["accept", "edit", "reject", "merge"]
    assert rows[0]["who"] == "alice" and rows[0]["why"] == "ok"
    flags = runner.invoke(app, ["flags", "--db", str(db)])
    assert flags.exit_code == 0, flags.output


def test_token_commands(db: Path) -> None:
    runner = CliRunner()
    created = runner.invoke(token_app, ["create", "--name", "alice", "--role", "analyst", "--db", str(db)])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip()
    with SQLiteRepository.open(db) as repo:
        info = verify_token(repo, secret)
        assert info is not None and info.role == "analyst"
    listed = runner.invoke(token_app, ["list", "--db", str(db)])
    assert listed.exit_code == 0 and secret not in listed.output
    assert json.loads(listed.stdout.strip().splitlines()[0])["name"] == "alice"
    assert (
        runner.invoke(token_app, ["create", "--name", "x", "--role", "root", "--db", str(db)]).exit_code == 1
    )
    assert runner.invoke(token_app, ["revoke", "alice", "--db", str(db)]).exit_code == 0
    assert runner.invoke(token_app, ["revoke", "alice", "--db", str(db)]).exit_code == 1
    with SQLiteRepository.open(db) as repo:
        assert verify_token(repo, secret) is None

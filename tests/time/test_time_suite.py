"""The date suite: its shape, the accuracy floor, and the ``eval time`` CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tacitus.cli.eval_time import app
from tacitus.time.suite import evaluate, load_suite

SUITE = Path(__file__).resolve().parents[1] / "data" / "dates_suite.jsonl"
#: Measured 100% (202/202) on 2026-11-23; the floor leaves room for a deliberate policy change.
FLOOR = 0.95


def test_suite_has_enough_varied_cases() -> None:
    cases = load_suite(SUITE)
    assert len(cases) >= 120
    assert len({c.id for c in cases}) == len(cases)
    assert sum(c.published is None for c in cases) >= 15
    assert sum(bool(c.future) for c in cases) >= 8
    assert sum(c.context is not None for c in cases) >= 15


def test_suite_accuracy_floor(nlp: Any) -> None:
    report = evaluate(load_suite(SUITE), nlp)
    failures = [(f.case.id, f.case.text, f.got.start, f.got.end, f.got.precision) for f in report.failures]
    assert report.accuracy >= FLOOR, failures


def test_cli_prints_accuracy_and_json() -> None:
    runner = CliRunner()
    plain = runner.invoke(app, ["time", "--suite", str(SUITE)])
    assert plain.exit_code == 0, plain.output
    assert "accuracy" in plain.output
    as_json = runner.invoke(app, ["time", "--suite", str(SUITE), "--json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output)["total"] >= 120


def test_cli_missing_suite_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["time", "--suite", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2


def test_cli_has_help() -> None:
    assert CliRunner().invoke(app, ["time", "--help"]).exit_code == 0

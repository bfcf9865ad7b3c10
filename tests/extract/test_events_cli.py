"""The ``events`` evaluation command, run on a few rows."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tacitus.cli.eval_events import app

SUITE = Path(__file__).resolve().parents[1] / "data" / "events_suite.jsonl"


def test_events_command_prints_json(tmp_path: Path) -> None:
    suite = tmp_path / "suite.jsonl"
    suite.write_text("\n".join(SUITE.read_text(encoding="utf-8").splitlines()[:5]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--shared", str(tmp_path), "--suite", str(suite), "--skip-muc"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["suite"]["passages"] == 5
    assert "case2021_dev_half" not in report


def test_events_command_has_help() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0 and "CASE 2021" in result.stdout

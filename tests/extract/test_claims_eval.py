"""Evaluation gate: pinned floors (slightly under the measured figures, docs/benchmarks/claims.md)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from tacitus.cli.eval_claims import app
from tacitus.extract.eval_claims import (
    SUITE,
    SuiteScores,
    evaluate_gvc,
    evaluate_suite,
    score_item,
    shared_dir,
)

# Measured 2026-11-23: F1 0.972, exact 0.955, modality 1.000, source 0.934 (244 items, 222 claims).
SUITE_FLOORS = {"f1": 0.96, "exact": 0.94, "modality": 0.97, "source": 0.90, "victim": 0.95, "unit": 0.97}
# Measured on the first 25 GVC train+dev incidents (54 documents): killed 0.84, injured 0.92. Test
# incidents are never pinned or looked at while developing; they are reported in docs/benchmarks/claims.md.
GVC_FLOORS = {"killed_accuracy": 0.80, "injured_accuracy": 0.88}


@pytest.fixture(scope="module")
def suite() -> SuiteScores:
    return evaluate_suite()


def test_suite_is_big_enough() -> None:
    items = [json.loads(line) for line in SUITE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 200
    assert sum(1 for i in items if not i["claims"]) >= 30  # negatives


def test_suite_floors(suite: SuiteScores) -> None:
    summary = suite.summary()
    for name, floor in SUITE_FLOORS.items():
        assert summary[name] >= floor, (name, summary[name])


def test_matching_rule() -> None:
    gold = [
        {
            "kind": "killed",
            "min": 12,
            "max": None,
            "best": 12,
            "unit": "people",
            "per": None,
            "modality": "asserted",
            "victim": "people",
            "actor": None,
            "source": None,
        }
    ]
    near: dict[str, Any] = {**gold[0], "max": 12}
    scores = SuiteScores()
    assert not score_item(gold, [near], scores)
    assert (scores.matched, scores.exact) == (1, 0)
    other = {**gold[0], "kind": "injured"}
    scores = SuiteScores()
    score_item(gold, [other], scores)
    assert scores.matched == 0 and scores.precision == 0


def test_gvc_floors() -> None:
    scores = evaluate_gvc(limit=25, splits=("train", "dev"))
    if scores is None:
        pytest.skip(f"GVC is absent under {shared_dir()}")
    summary = scores.summary()
    for name, floor in GVC_FLOORS.items():
        assert summary[name] >= floor, (name, summary[name])


def test_cli_json() -> None:
    result = CliRunner().invoke(app, ["--no-gvc", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["suite"]["f1"] >= SUITE_FLOORS["f1"]


def test_cli_help() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0 and "GVC" in result.output

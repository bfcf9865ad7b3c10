"""UDS-IH2 factuality: the target rebuilt from raw annotations, the scoring, floors and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli.eval_attribution import app
from tacitus.extract.eval_factuality import (
    Predicate,
    calibrate,
    evaluate_uds,
    pearson,
    rudinger_target,
    score,
)
from tacitus.model import Modality
from tacitus.nlp.model_loader import load_model


@pytest.fixture(scope="module")
def uds(shared: Path) -> Path:
    path = shared / "datasets" / "factuality" / "uds_ih2"
    if not (path / "uds_factuality_test.tsv").is_file():
        pytest.skip("UDS-IH2 not in shared/datasets")
    return path


def test_rudinger_target() -> None:
    assert rudinger_target("27:0:4|41:0:2") == pytest.approx(-2.25)
    assert rudinger_target("1:1:4|20:1:3") == pytest.approx(2.625)
    assert rudinger_target("5:1:0") == 0.0


def test_cli_factuality_table(uds: Path) -> None:
    result = CliRunner().invoke(app, ["factuality", "--data", str(uds), "--limit", "20"])
    assert result.exit_code == 0, result.output
    assert "UDS-IH2 test" in result.stdout


def test_pearson() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1], [1, 2]) == 0.0


def test_score_binary_and_calibration() -> None:
    def pred(value: float) -> Predicate:
        return Predicate("s", ("a",), 0, "a", value, value * 2)

    predicates = [pred(1.0), pred(1.0), pred(-1.0), pred(-1.0)]
    predicted: list[Modality | None] = ["asserted", "asserted", "negated", None]
    calibration = calibrate(predicates, predicted)
    assert calibration["asserted"] == 2.0
    assert calibration["negated"] == -2.0
    report = score("unit", predicates, predicted, calibration)
    assert report.aligned == 3
    assert report.accuracy == 1.0
    assert report.nonfactual_f1 == 1.0
    assert report.mae == 0.0


@pytest.mark.slow
def test_uds_floors(uds: Path) -> None:
    report = evaluate_uds(uds, load_model())
    # measured 2026-11-23 with the modality module of that day: accuracy 71.8% (majority 61.4%),
    # non-factual F1 57.1%, macro-F1 68.0%, r 0.434, MAE 1.69 (2,544 of 2,548 predicates aligned)
    assert report.aligned >= 2540
    assert report.accuracy >= 0.67
    assert report.accuracy > report.majority_accuracy
    assert report.macro_f1 >= 0.62
    assert report.pearson_r >= 0.35
    assert report.mae <= 1.85


def test_cli_factuality_json(uds: Path) -> None:
    result = CliRunner().invoke(app, ["factuality", "--data", str(uds), "--limit", "40", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["split"] == "test"
    assert 40 <= data["predicates"] <= 200
    assert 0.0 <= data["accuracy"] <= 1.0

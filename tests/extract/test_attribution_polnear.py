"""PolNeAR attribution scores: the .ann reader, the scoring, floors on the test split, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tacitus.cli.eval_attribution import app
from tacitus.extract.attribution import Attribution
from tacitus.extract.eval_attribution import (
    Article,
    AttributionReport,
    evaluate_polnear,
    parse_ann,
    score_article,
    to_polnear,
)
from tacitus.nlp.model_loader import load_model

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tthe thing fives\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 40 52\taccording to\n"
    "T6\tContent 31 39\tno source\n"
    "E2\tAttribution:T5 Cue:T5 Content:T6\n"
    "#1\tAnnotatorNotes T1\tchecked\n"
)


@pytest.fixture(scope="module")
def polnear(shared: Path) -> Path:
    path = shared / "datasets" / "attribution" / "polnear"
    if not (path / "polnear_v1.0.0_text_attributions.zip").is_file():
        pytest.skip("PolNeAR not in shared/datasets")
    return path


def test_parse_ann_reads_fragments_and_missing_sources() -> None:
    first, second = parse_ann(ANN)
    assert first.source == ((0, 5),)
    assert first.cue == ((6, 10),)
    assert first.content == ((11, 20), (25, 30))
    assert second.source is None


def test_continuation_joins_and_nested_quote_is_dropped() -> None:
    attributions = [
        Attribution(0, 10, True, "speech", "said", (12, 16), (17, 22), "Thomas"),
        Attribution(30, 40, True, "continuation", "said", None, (17, 22), "Thomas"),
        Attribution(50, 90, False, "speech", "told", (45, 49), (41, 44), "Scrocca"),
        Attribution(60, 80, True, "speech", "told", (45, 49), (41, 44), "Scrocca"),
    ]
    predicted = to_polnear(attributions)
    assert [p.content for p in predicted] == [((0, 10), (30, 40)), ((50, 90),)]


def test_scoring_perfect_prediction() -> None:
    text = "Smith said the thing is fine, according to them."
    gold = parse_ann(
        "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 28\tx\nE1\tCue:T2 Source:T1 Content:T3\n"
    )
    report = AttributionReport(split="unit")
    score_article(
        Article("a", text, gold), [Attribution(11, 28, False, "speech", "said", (6, 10), (0, 5))], report
    )
    data = report.as_dict()
    for role in ("source", "cue", "content"):
        assert data["spans"][role]["exact"]["f1"] == 1.0
    assert data["links"]["source_and_cue_accuracy"] == 1.0


@pytest.mark.slow
def test_polnear_test_floors(polnear: Path) -> None:
    report = evaluate_polnear(polnear, load_model(), "test").as_dict()
    spans, links = report["spans"], report["links"]
    # measured 2026-11-23 (84 articles, 2,044 attributions): content overlap F1 74.3, exact 49.2;
    # source overlap F1 71.6, exact 66.9; cue overlap F1 67.3, exact 54.6; link source 82.5, cue 82.9
    assert report["articles"] == 84
    assert spans["content"]["overlap"]["f1"] >= 0.71
    assert spans["content"]["exact"]["f1"] >= 0.46
    assert spans["source"]["overlap"]["f1"] >= 0.68
    assert spans["source"]["exact"]["f1"] >= 0.63
    assert spans["cue"]["overlap"]["f1"] >= 0.64
    assert spans["cue"]["exact"]["f1"] >= 0.52
    assert links["source_accuracy"] >= 0.78
    assert links["cue_accuracy"] >= 0.80


def test_cli_attribution_json_on_a_few_articles(polnear: Path) -> None:
    result = CliRunner().invoke(app, ["attribution", "--data", str(polnear), "--limit", "3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 3
    assert set(data["spans"]) == {"source", "cue", "content"}


def test_cli_attribution_table(polnear: Path) -> None:
    result = CliRunner().invoke(app, ["attribution", "--data", str(polnear), "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "PolNeAR test" in result.stdout
    assert "published" in result.stdout


def test_cli_missing_data_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["attribution", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "TACITUS_SHARED" in result.output


def test_cli_help_for_every_command() -> None:
    for command in ("attribution", "factuality"):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "--json" in result.stdout

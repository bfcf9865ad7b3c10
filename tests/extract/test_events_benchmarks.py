"""Pinned floors for the event finder (docs/benchmarks/events.md): a change may not silently lower them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tacitus.extract import event_eval
from tacitus.extract.event_classifier import EventTypeClassifier, Example
from tacitus.extract.event_eval import (
    EventAnalyser,
    cross_validate_case,
    evaluate_case,
    evaluate_suite,
    weighted_f1,
)
from tacitus.extract.event_muc import evaluate_muc

SUITE = Path(__file__).resolve().parents[1] / "data" / "events_suite.jsonl"


@pytest.fixture(scope="module")
def analyser() -> EventAnalyser:
    return EventAnalyser()


def test_weighted_f1_matches_the_definition() -> None:
    scores = weighted_f1(["A", "A", "B", "C"], ["A", "B", "B", None], ["A", "B", "C"])
    # A: p 1, r .5, f .667 (2); B: p .5, r 1, f .667 (1); C: 0 (1)
    assert scores.weighted_f1 == pytest.approx((2 * 2 / 3 + 2 / 3) / 4)
    assert scores.accuracy == 0.5


def test_suite_floor(analyser: EventAnalyser) -> None:
    result = evaluate_suite(analyser, SUITE)
    assert result.passages >= 100
    assert result.type_f1 >= 0.97
    assert result.sub_type_f1 >= 0.97
    assert result.modality_accuracy >= 0.97
    assert result.actor1_accuracy >= 0.92
    assert result.uncounted_asserted == 0


@pytest.mark.slow
def test_case2021_floor(analyser: EventAnalyser, shared: Path) -> None:
    """Protocol (a): the packaged classifier (no CASE row in training) on the whole dev half."""
    path = shared / "datasets" / "events" / "case2021_task2" / "dev_half.tsv"
    if not path.is_file():
        pytest.skip(f"CASE 2021 data not found at {path}")
    result = evaluate_case(analyser, path)
    assert result.acled_rows > 400
    assert result.scores.weighted_f1 >= 0.75  # measured 0.768 (codebook lexicon review, window scores)
    assert result.false_event_rate <= 0.16  # measured 0.129 of the non-ACLED rows get an event


@pytest.mark.slow
def test_case2021_cross_validation_floor(analyser: EventAnalyser, shared: Path) -> None:
    """Protocol (b): stratified 5-fold CV, each fold's model trained on the packaged data + other folds."""
    path = shared / "datasets" / "events" / "case2021_task2" / "dev_half.tsv"
    if not path.is_file():
        pytest.skip(f"CASE 2021 data not found at {path}")
    result = cross_validate_case(analyser, path)
    assert len(result.fold_f1) == 5
    assert result.mean_f1 >= 0.74  # measured 0.754 +- 0.011 (pooled 0.761)
    assert result.pooled.false_event_rate <= 0.12  # measured 0.082


_CLASHES = [
    "Soldiers and rebels fought for hours near the river crossing on Monday.",
    "Police exchanged fire with a gang in the hills, and two gunmen died.",
    "Militia fighters clashed with the army on the edge of the capital.",
    "Troops repelled an insurgent assault on their outpost after a long gun battle.",
    "Two armed factions battled over the market district overnight.",
]
_TALKS = [
    "The foreign ministers met to discuss visas and trade.",
    "The envoy presented his credentials to the president on Tuesday.",
    "The two governments agreed to reopen their embassies next month.",
    "Diplomats held a further round of talks on fishing rights.",
    "The prime minister received a delegation from the neighbouring state.",
]


def test_cross_validation_never_scores_a_row_it_trained_on(
    analyser: EventAnalyser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [(str(i), t, "ARMED_CLASH") for i, t in enumerate(_CLASHES)]
    rows += [(str(i + 5), t, "DIPLO") for i, t in enumerate(_TALKS)]
    path = tmp_path / "case.tsv"
    lines = ["id\tEventSnippet\tSubType", *("\t".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    trained: list[set[str]] = []
    scored: list[set[str]] = []
    real_train = EventTypeClassifier.train
    real_predict = event_eval._predict_case

    def train(examples: Sequence[Example], c: float = 0.5) -> EventTypeClassifier:
        trained.append({e.text for e in examples})
        return real_train(examples, c)

    def predict(analyser: EventAnalyser, parsed: Sequence[tuple[str, Any]]) -> list[str | None]:
        scored.append({text for text, _ in parsed})
        return real_predict(analyser, parsed)

    monkeypatch.setattr(EventTypeClassifier, "train", staticmethod(train))
    monkeypatch.setattr(event_eval, "_predict_case", predict)
    result = cross_validate_case(analyser, path)
    assert len(trained) == len(scored) == len(result.fold_f1) == 5
    for seen, typed in zip(trained, scored, strict=True):
        assert typed and not typed & seen
        assert len(seen & {r[1] for r in rows}) == 8  # the other four folds' rows
    assert set().union(*scored) == {r[1] for r in rows}
    assert 0.0 <= result.std_f1 <= result.mean_f1 <= 1.0


def test_muc4_floor(shared: Path) -> None:
    muc = shared / "datasets" / "events" / "muc4"
    if not (muc / "grit_processed" / "test.json").is_file():
        pytest.skip(f"MUC-4 data not found at {muc}")
    result = evaluate_muc(muc)
    assert result.documents == 200
    assert result.f1 >= 0.27

"""The written quote suite (tests/data/quotes_suite.jsonl): pinned floors for finding and attributing.

The suite's passages were written for Tacitus (never copied from an outlet) and were used while the
rules were built, so it is a regression gate; PolNeAR (test_attribution_polnear.py) is the held-out
measure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tacitus.extract.quotes import QuoteStage
from tacitus.model import Document, Quote
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis

SUITE = Path(__file__).resolve().parents[1] / "data" / "quotes_suite.jsonl"
STRIP = " \t\n\"'“”‘’.,;:"
FIELDS = ("speaker", "role", "organization")


def _norm(text: str) -> str:
    return text.strip(STRIP).lower()


def _field(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.lower().strip()
    for det in ("the ", "a ", "an "):
        value = value.removeprefix(det)
    return value


@dataclass
class SuiteScore:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    attributed: int = 0
    direct_right: int = 0
    predicted_right: int = 0


@pytest.fixture(scope="module")
def cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SUITE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results(cases: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[Quote]]]:
    nlp, stage = load_model(), QuoteStage()
    out = []
    for case, doc in zip(cases, nlp.pipe([c["text"] for c in cases]), strict=True):
        analysis = Analysis(document=Document(id=case["id"], text=case["text"]), parsed=doc)
        out.append((case, stage(analysis).quotes))
    return out


@pytest.fixture(scope="module")
def score(results: list[tuple[dict[str, Any], list[Quote]]]) -> SuiteScore:
    s = SuiteScore()
    for case, quotes in results:
        s.predicted += len(quotes)
        golds = {_norm(g["text"]) for g in case["quotes"]}
        s.predicted_right += sum(_norm(q.text) in golds for q in quotes)
        for gold in case["quotes"]:
            s.gold += 1
            match = next((q for q in quotes if _norm(q.text) == _norm(gold["text"])), None)
            if match is None:
                continue
            s.found += 1
            s.direct_right += match.direct == gold["direct"]
            s.attributed += all(_field(getattr(match, f)) == _field(gold[f]) for f in FIELDS)
    return s


def test_suite_is_big_enough_and_its_gold_is_in_the_text(cases: list[dict[str, Any]]) -> None:
    assert len(cases) >= 60
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        for gold in case["quotes"]:
            assert gold["text"] in case["text"]
            assert set(gold) == {"text", "speaker", "role", "organization", "direct"}


def test_every_quote_is_a_slice_of_its_text(results: list[tuple[dict[str, Any], list[Quote]]]) -> None:
    for case, quotes in results:
        for quote in quotes:
            assert case["text"][quote.start : quote.end] == quote.text


def test_floors(score: SuiteScore) -> None:
    # measured 2026-11-23: found 70/70, attributed 70/70, direct 70/70, predicted 69/69 right
    assert score.found / score.gold >= 0.95
    assert score.attributed / score.gold >= 0.92
    assert score.direct_right / max(score.found, 1) >= 0.97
    assert score.predicted_right / max(score.predicted, 1) >= 0.93

"""Modality cues read off the parse: alleged, negated, generic, hypothetical, asserted."""

from __future__ import annotations

from typing import Any

import pytest

from tacitus.extract.modality import modality_of, modality_of_span
from tacitus.nlp.model_loader import load_model


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


CASES = [
    ("The airstrike allegedly killed 200 civilians.", "killed", "alleged"),
    ("The group claimed to have killed 30 soldiers.", "killed", "alleged"),
    ("Thirteen civilians were reported killed on Monday.", "killed", "alleged"),
    ("The strike did not kill anyone.", "kill", "negated"),
    ("The army denied that its soldiers had killed 12 civilians.", "killed", "negated"),
    ("Militants never released the hostages.", "released", "negated"),
    ("Airstrikes routinely kill civilians in the province.", "kill", "generic"),
    ("Bandits kill dozens of herders every year.", "kill", "generic"),
    ("The offensive could displace 400,000 people.", "displace", "hypothetical"),
    ("The militants threatened to kill 12 hostages.", "kill", "hypothetical"),
    ("Gunmen killed three farmers on Sunday.", "killed", "asserted"),
    ("The ministry reported that 60 people were killed.", "killed", "asserted"),
]


@pytest.mark.parametrize(("text", "word", "expected"), CASES)
def test_modality_of(nlp: Any, text: str, word: str, expected: str) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert modality_of(token) == expected


def test_span_helper(nlp: Any) -> None:
    doc = nlp("Up to 100,000 people could be displaced if the dam is breached.")
    assert modality_of_span(doc[:]) == "hypothetical"
    assert modality_of_span(nlp("Police arrested 45 suspects.")[:]) == "asserted"

"""An event's place is read in its own clause first: a place of a nested clause belongs to that
clause's action, not to the event's (passages written for this test)."""

from __future__ import annotations

from typing import Any

import pytest

from tacitus.extract.event_anchors import clause_tokens, place_for
from tacitus.model import Document, Evidence, Place
from tacitus.pipeline import Analysis

PRECISION = {"city": 2, "neighbourhood": 1}


def _analysis(nlp: Any, text: str, names: dict[str, str]) -> Analysis:
    places = []
    for name, kind in names.items():
        start = text.index(name)
        evidence = Evidence(start=start, end=start + len(name), text=name)
        places.append(Place(name=name, precision=PRECISION[kind], where_prec=3, evidence=evidence))
    return Analysis(document=Document(id="t", text=text), parsed=nlp(text), places=places)


def _root(analysis: Analysis, word: str) -> Any:
    return next(t for t in analysis.parsed if t.text == word)


@pytest.mark.parametrize(
    ("text", "trigger", "names", "expected"),
    [
        (
            "Fighting raged in Falluja as police moved to clear the Askari district.",
            "Fighting",
            {"Falluja": "city", "Askari": "neighbourhood"},
            "Falluja",
        ),
        (
            "Police moved to clear the Askari district as fighting raged in Falluja.",
            "clear",
            {"Askari": "neighbourhood", "Falluja": "city"},
            "Askari",
        ),
        (
            "Gunmen shot dead two guards in Kirkuk after driving in from Hawija.",
            "shot",
            {"Kirkuk": "city", "Hawija": "city"},
            "Kirkuk",
        ),
        (
            "A bomb exploded in the Karrada district of Baghdad on Sunday.",
            "exploded",
            {"Karrada": "neighbourhood", "Baghdad": "city"},
            "Karrada",
        ),
    ],
)
def test_place_of_the_triggers_own_clause(
    nlp: Any, text: str, trigger: str, names: dict[str, str], expected: str
) -> None:
    analysis = _analysis(nlp, text, names)
    root = _root(analysis, trigger)
    place = place_for([], analysis, 0, len(text), root)
    assert place is not None and place.name == expected


def test_without_a_place_in_its_clause_the_sentence_rule_applies(nlp: Any) -> None:
    text = "Officials in Basra said that the attack killed four."
    analysis = _analysis(nlp, text, {"Basra": "city"})
    place = place_for([], analysis, 0, len(text), _root(analysis, "attack"))
    assert place is not None and place.name == "Basra"


def test_a_noun_trigger_belongs_to_the_clause_of_the_verb_above_it(nlp: Any) -> None:
    doc = nlp("The siege continues in Deir ez-Zor while talks resume in Geneva.")
    siege = next(t for t in doc if t.text == "siege")
    tokens = clause_tokens(siege)
    words = {doc[i].text for i in tokens}
    assert {"siege", "continues", "Deir"} <= words
    assert "Geneva" not in words and "talks" not in words


def test_a_sentence_without_a_verb_ends_at_its_root(nlp: Any) -> None:
    """Headlines and fragments have a noun as their root: the climb must stop there, not loop."""
    doc = nlp("Heavy fighting in Falluja.")
    fighting = next(t for t in doc if t.text == "fighting")
    assert {doc[i].text for i in clause_tokens(fighting)} >= {"fighting", "Falluja"}

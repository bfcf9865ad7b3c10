"""Regression tests for the second hand check of the Mosul examples (docs/handcheck.md): a counted violent
main clause keeps its violence against the classifier, a generic pattern named again by a noun is one
event, and the PLOVER mode is set only when the text states the means.

Every passage is written for the test; none is copied from the examples.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.stage import ActorStage
from tacitus.extract.claims import find_claims
from tacitus.extract.event_means import stated_mode
from tacitus.extract.event_patterns import same_family
from tacitus.extract.event_sentence import carries_sentence
from tacitus.extract.events import EventStage
from tacitus.model import Document, Event
from tacitus.pipeline import Analysis


@pytest.fixture(scope="module")
def stage(dictionary: ActorDictionary) -> EventStage:
    return EventStage(dictionary)


def _events(nlp: Any, dictionary: ActorDictionary, stage: EventStage, text: str) -> list[Event]:
    doc = nlp(text)
    analysis = Analysis(
        document=Document(id="t", text=text, published=dt.date(2024, 5, 10)),
        parsed=doc,
        claims=find_claims(doc),
        dates=[],
    )
    events = stage(ActorStage(dictionary)(analysis)).events
    for event in events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    return events


# 1. A counted violent mention that is its sentence's main predicate, with both participants parsed,
#    keeps a violent type: a time adjunct ("following the movement of ...") is no change of activity.


def test_a_main_clause_firing_stays_a_clash_after_a_movement_adjunct(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "Following the movement of residents the insurgents opened fire on government troops."
    events = _events(nlp, dictionary, stage, text)
    assert [(e.type, e.sub_type, e.modality) for e in events] == [("Battles", "Armed clash", "asserted")]
    assert events[0].actor2 == "Military Forces"


def test_a_repeated_firing_merges_into_the_clash_it_repeats(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = (
        "The footage shows rebels firing at army troops from a mosque. "
        "After the movement of the convoy the rebels began firing at army troops."
    )
    events = _events(nlp, dictionary, stage, text)
    assert [e.sub_type for e in events] == ["Armed clash"]


def test_carries_sentence_needs_the_main_predicate_and_both_participants(nlp: Any) -> None:
    doc = nlp("After the march the rebels began shooting at the soldiers.")
    shooting = next(t for t in doc if t.lower_ == "shooting")
    assert carries_sentence(shooting, True, True)
    assert not carries_sentence(shooting, True, False)
    side = nlp("Residents who saw the shooting left the town.")
    noun = next(t for t in side if t.lower_ == "shooting")
    assert not carries_sentence(noun, True, True)


# 2. One generic event per pattern: a later noun of the same word family restates it.


def test_a_pattern_named_again_by_a_noun_is_one_generic_event(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = (
        "Cases of gunmen kidnapping traders on the highway have become a common tactic of the rebels. "
        "Besides such kidnappings, the rebels routinely extort taxes from farmers."
    )
    events = _events(nlp, dictionary, stage, text)
    kidnaps = [e for e in events if e.sub_type == "Abduction/forced disappearance"]
    assert [e.modality for e in kidnaps] == ["generic"]


def test_two_different_patterns_stay_two_events(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "Rebels routinely kidnap traders on the highway. They also often attack army checkpoints at night."
    events = _events(nlp, dictionary, stage, text)
    assert {e.sub_type for e in events} >= {"Abduction/forced disappearance"}
    assert len([e for e in events if e.modality == "generic"]) == 2


def test_same_family_compares_word_families_not_any_prefix() -> None:
    assert same_family("execute", "execution")
    assert same_family("kill", "killing")
    assert same_family("massacre", "massacre")
    assert not same_family("attack", "execution")
    assert not same_family("war", "warplane")


# 3. PLOVER mode: from the sub-type when its name fixes the means, else only from words of the text.


def test_shielding_without_a_weapon_has_no_mode(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "Gunmen forced villagers into a school and kept them there as human shields."
    events = _events(nlp, dictionary, stage, text)
    assert [(e.sub_type, e.plover_type, e.plover_mode) for e in events] == [("Attack", "ASSAULT", None)]


def test_shooting_gives_firearms_and_a_strike_stays_aerial(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    shots = _events(nlp, dictionary, stage, "Militants opened fire on villagers in the market.")
    assert [(e.sub_type, e.plover_mode) for e in shots] == [("Attack", "firearms")]
    strike = _events(nlp, dictionary, stage, "A Russian airstrike hit a market in Idlib on Monday.")
    assert [(e.sub_type, e.plover_mode) for e in strike] == [("Air/drone strike", "aerial")]


def test_the_firing_of_another_event_is_no_means_of_the_shielding(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "Gunmen forced villagers into a school and then opened fire on soldiers from its roof."
    events = _events(nlp, dictionary, stage, text)
    shielding = [e for e in events if "human_shield" in e.tags]
    assert [e.plover_mode for e in shielding] == [None]


def test_stated_mode_keeps_a_sub_types_own_mode(nlp: Any) -> None:
    doc = nlp("Soldiers beat a protester in the square.")
    sentence = next(iter(doc.sents))
    beat = next(t for t in doc if t.lower_ == "beat")
    assert stated_mode("ASSAULT", "aerial", sentence, beat) == "aerial"
    assert stated_mode("ASSAULT", None, sentence, beat) == "beat"
    assert stated_mode("MOBILIZE", None, sentence, beat) is None
    quiet = nlp("Soldiers detained a protester in the square.")
    detained = next(t for t in quiet if t.lower_ == "detained")
    assert stated_mode("ASSAULT", None, next(iter(quiet.sents)), detained) is None


# 4. Violence against civilians is violence on the unarmed: a firing whose parsed target is an armed actor
#    stays a clash even when the classifier, hearing a shielding beside it, says Attack.


def test_a_firing_on_soldiers_beside_a_shielding_stays_a_clash(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "Gunmen forced villagers into a school and then opened fire on soldiers from its roof."
    rows = sorted((e.sub_type, e.actor2, tuple(e.tags)) for e in _events(nlp, dictionary, stage, text))
    assert rows == [
        ("Armed clash", "Military Forces", ()),
        ("Attack", "Civilians", ("human_shield",)),
    ]

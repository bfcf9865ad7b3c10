"""Regression tests for the general rules the hand check of the Mosul examples led to (docs/handcheck.md).

Each sentence is written for the test (none is copied from the examples) and exercises one rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.mentions import find_mentions
from tacitus.actors.stage import ActorStage
from tacitus.extract.claims import find_claims
from tacitus.extract.event_merge import dates_compatible
from tacitus.extract.event_sentence import event_dates
from tacitus.extract.events import EventStage
from tacitus.model import Claim, Document, Event, Evidence, TimeSpan
from tacitus.pipeline import Analysis


@pytest.fixture(scope="module")
def stage(dictionary: ActorDictionary) -> EventStage:
    return EventStage(dictionary)


def _events(
    nlp: Any,
    dictionary: ActorDictionary,
    stage: EventStage,
    text: str,
    dates: list[TimeSpan] | None = None,
    claims: list[Claim] | None = None,
) -> list[Event]:
    analysis = Analysis(
        document=Document(id="t", text=text, published=dt.date(2024, 5, 10)),
        parsed=nlp(text),
        claims=claims if claims is not None else find_claims(nlp(text)),
        dates=dates or [],
    )
    analysis = stage(ActorStage(dictionary)(analysis))
    for event in analysis.events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    return analysis.events


def _rows(events: list[Event]) -> list[tuple[str, str, str | None]]:
    return [(e.sub_type, e.modality, e.actor1) for e in events]


def test_a_provoked_strike_is_hypothetical_and_does_not_retype_the_firing(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "Gunmen fired on Syrian troops from a school in an attempt to provoke a Russian airstrike."
    events = _events(nlp, dictionary, stage, text)
    strikes = [e for e in events if e.sub_type == "Air/drone strike"]
    assert [e.modality for e in strikes] == ["hypothetical"]
    assert strikes[0].actor1 == "Military Forces of Russia"
    assert all(e.modality != "asserted" for e in strikes)
    assert any(e.modality == "asserted" and e.type == "Battles" for e in events)


def test_a_national_modifier_names_the_forces(dictionary: ActorDictionary) -> None:
    entry = dictionary.by_modifier("U.S.")
    assert entry is not None and entry.name == "Military Forces of the United States"
    assert dictionary.by_modifier("Turkish") is not None
    assert dictionary.by_modifier("Generic") is None


def test_a_wish_in_a_relative_clause_on_the_attacker_is_no_second_event(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "The supply road is often attacked by gunmen who want to cause as much damage as they can."
    events = _events(nlp, dictionary, stage, text)
    assert [e.modality for e in events] == ["generic"]


def test_a_danger_guarded_against_is_no_event(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "The rebels keep villagers in the town so that they serve as a shield against drone strikes."
    events = _events(nlp, dictionary, stage, text)
    assert all(e.sub_type != "Air/drone strike" for e in events)


def test_a_source_is_not_the_perpetrator_of_an_unattributed_strike(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = (
        "The footage was cited by Pentagon officials after the opening of an inquiry into an airstrike "
        "near Raqqa that had reportedly killed 30 civilians."
    )
    strikes = [e for e in _events(nlp, dictionary, stage, text) if e.sub_type == "Air/drone strike"]
    assert len(strikes) == 1 and strikes[0].modality == "alleged"
    assert strikes[0].actor1 is None


def test_witnesses_are_not_attackers(nlp: Any, dictionary: ActorDictionary, stage: EventStage) -> None:
    text = "A Turkish drone strike hit a car near Qamishli. Residents said four died in the strike."
    strikes = [e for e in _events(nlp, dictionary, stage, text) if e.sub_type == "Air/drone strike"]
    assert len(strikes) == 1
    assert strikes[0].actor1 == "Military Forces of Turkey"


def test_an_ongoing_tactic_in_the_progressive_is_generic(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "A commander told reporters that the militants were herding families into houses to deter strikes."
    events = _events(nlp, dictionary, stage, text)
    shields = [e for e in events if "human_shield" in e.tags]
    assert shields and all(e.modality == "generic" for e in shields)
    assert not [e for e in events if e.modality in {"asserted", "alleged"}]


def test_the_narrower_victim_of_two_mentions_of_one_attack(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "In an attack on civilians near the camp, gunmen opened fire at displaced families."
    attacks = [e for e in _events(nlp, dictionary, stage, text) if e.sub_type == "Attack"]
    assert len(attacks) == 1 and attacks[0].actor2 == "Refugees/IDPs"


def _span(text: str, phrase: str, start: str) -> TimeSpan:
    at = text.index(phrase)
    evidence = Evidence(start=at, end=at + len(phrase), text=phrase)
    return TimeSpan(start=start, end=start, precision="day", text=phrase, evidence=evidence)


def test_the_date_of_a_statement_does_not_date_the_event(nlp: Any) -> None:
    text = "On May 9, an army spokesman told reporters that fighters had forced families into a school."
    doc = nlp(text)
    trigger = next(t for t in doc if t.lower_ == "forced")
    statement = _span(text, "May 9", "2024-05-09")
    assert event_dates(trigger, [statement]) == []
    inside = "Fighters forced families into a school on May 8, an army spokesman said on May 9."
    doc = nlp(inside)
    trigger = next(t for t in doc if t.lower_ == "forced")
    kept = event_dates(trigger, [_span(inside, "May 8", "2024-05-08"), _span(inside, "May 9", "2024-05-09")])
    assert [d.text for d in kept] == ["May 8"]


def test_a_publication_day_fallback_never_splits_an_occurrence() -> None:
    stated = TimeSpan(start="2024-05-08", end="2024-05-08", precision="day", text="May 8")
    fallback = TimeSpan(
        start="2024-05-10", end="2024-05-10", precision="day", text="", reason="publication date"
    )
    assert dates_compatible(stated, fallback)
    other = TimeSpan(start="2024-05-01", end="2024-05-01", precision="day", text="May 1")
    assert not dates_compatible(stated, other)


def test_a_compass_half_is_a_region_not_a_share(nlp: Any) -> None:
    claims = find_claims(nlp("The army launched an offensive to retake the eastern half of the town."))
    assert not [c for c in claims if c.unit == "percent"]
    claims = find_claims(nlp("The army retook half of the town on Sunday."))
    assert [(c.kind, c.min, c.modality) for c in claims] == [("territory_retaken", 50, "asserted")]


def test_a_bare_numeral_takes_its_victims_from_the_object_before_it(nlp: Any) -> None:
    text = "Fighters pushed villagers into a mosque killed two who refused and then fired at soldiers."
    claims = [c for c in find_claims(nlp(text)) if c.kind == "killed"]
    assert [(c.min, c.max) for c in claims] == [(2, 2)]
    assert claims[0].victim == "villagers"
    assert claims[0].actor == "Fighters"
    assert text[claims[0].evidence.start : claims[0].evidence.end] == claims[0].evidence.text
    claims = find_claims(nlp("Gunmen stormed the hall and killed three."))
    assert [c.victim for c in claims if c.kind == "killed"] == [None]


def test_the_movement_of_people_is_no_anaphor(nlp: Any, dictionary: ActorDictionary) -> None:
    doc = nlp("ISIS fighters held the street. After the movement of civilians the fighters opened fire.")
    texts = [m.text for m in find_mentions(doc, dictionary)]
    assert "movement" not in texts


def test_a_habit_is_not_dated_to_the_day_of_the_report(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "Militants often attack convoys on the northern road.\n\nThe army arrived in the town on Monday."
    events = _events(nlp, dictionary, stage, text, dates=[_span(text, "Monday", "2024-05-06")])
    habits = [e for e in events if e.modality == "generic"]
    assert habits and all(e.date is None for e in habits)


def test_an_untriggered_event_in_a_reported_clause_keeps_the_clause_negation(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    text = "The militia said its fighters never returned fire."
    events = _events(nlp, dictionary, stage, text)
    assert all(e.modality != "asserted" for e in events), _rows(events)

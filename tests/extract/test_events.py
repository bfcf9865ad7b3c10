"""The event stage on real parses: typing, actors, modality, fatalities, merging, evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.stage import ActorStage
from tacitus.extract.event_merge import fatalities, same_occurrence
from tacitus.extract.events import EventStage
from tacitus.model import Claim, Document, Event, Evidence, TimeSpan
from tacitus.pipeline import Analysis, Pipeline


def run(nlp: Any, dictionary: ActorDictionary, text: str, claims: list[Claim] | None = None) -> list[Event]:
    analysis = Analysis(
        document=Document(id="t", text=text, published=dt.date(2024, 5, 1)),
        parsed=nlp(text),
        claims=claims or [],
    )
    analysis = ActorStage(dictionary)(analysis)
    events = EventStage(dictionary)(analysis).events
    for event in events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    return events


@pytest.mark.parametrize(
    ("text", "sub_type", "actor1", "actor2"),
    [
        (
            "Iraqi forces recaptured the village of Imam Gharbi from ISIS on Tuesday.",
            "Government regains territory",
            "Military Forces of Iraq",
            "Islamic State",
        ),
        (
            "Islamic State militants seized the town of Hit.",
            "Non-state actor overtakes territory",
            "Islamic State",
            None,
        ),
        (
            "Russian warplanes bombed a market in Idlib.",
            "Air/drone strike",
            "Military Forces of Russia",
            None,
        ),
        (
            "A suicide bomber blew himself up at a mosque in Kabul, killing 20 worshippers.",
            "Suicide bomb",
            None,
            None,
        ),
        (
            "Gunmen kidnapped two aid workers near Gao.",
            "Abduction/forced disappearance",
            "Unidentified Armed Group",
            None,
        ),
        (
            "Police used tear gas to disperse protesters in Nairobi.",
            "Protest with intervention",
            "Protesters",
            "Police Forces",
        ),
        ("ISIS militants opened fire at displaced families.", "Attack", "Islamic State", "Refugees/IDPs"),
        (
            "The SDF clashed with Syrian government forces in Qamishli.",
            "Armed clash",
            "Syrian Democratic Forces",
            "Military Forces of Syria",
        ),
    ],
)
def test_types_and_actors(
    nlp: Any, dictionary: ActorDictionary, text: str, sub_type: str, actor1: str | None, actor2: str | None
) -> None:
    events = run(nlp, dictionary, text)
    assert [e.sub_type for e in events] == [sub_type]
    event = events[0]
    if actor1 is not None:
        assert event.actor1 == actor1
        assert event.inter1 == dictionary.entries[actor1].type
    if actor2 is not None:
        assert event.actor2 == actor2
    assert event.plover_type is not None


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The Coalition did not respond with an airstrike against the position.", "negated"),
        ("The militants threatened to attack the town if the army advanced.", "hypothetical"),
        ("Turkey plans to carry out airstrikes on Kurdish positions next week.", "hypothetical"),
        (
            "Militants executing civilians caught fleeing have become a common trope of ISIS attacks.",
            "generic",
        ),
        ("In 2014 the Islamic State seized Mosul in a matter of days.", "generic"),
    ],
)
def test_uncounted_modalities(nlp: Any, dictionary: ActorDictionary, text: str, modality: str) -> None:
    events = run(nlp, dictionary, text)
    assert events and all(e.modality == modality for e in events)
    assert all(e.fatalities is None and e.claims == [] for e in events)


def _claim(text: str, phrase: str, **fields: Any) -> Claim:
    start = text.index(phrase)
    return Claim(evidence=Evidence(start=start, end=start + len(phrase), text=phrase), **fields)


def test_fatalities_from_killed_claims_conservatively(nlp: Any, dictionary: ActorDictionary) -> None:
    text = (
        "A US airstrike killed at least 12 civilians in Jilib on Friday. "
        "Locals said 20 died in the airstrike."
    )
    claims = [
        _claim(text, "killed at least 12 civilians", kind="killed", min=12, best=12),
        _claim(text, "20 died", kind="killed", min=20, max=20, best=20),
        _claim(text, "killed at least 12 civilians", kind="injured", min=3, best=3),
    ]
    events = run(nlp, dictionary, text, claims)
    strikes = [e for e in events if e.sub_type == "Air/drone strike"]
    assert len(strikes) == 1  # two mentions, one occurrence
    assert strikes[0].claims == [0, 1, 2]
    assert strikes[0].fatalities is not None
    assert strikes[0].fatalities.best == 12 and strikes[0].fatalities.max == 20


def test_a_ceiling_alone_is_no_best_figure() -> None:
    evidence = Evidence(start=0, end=1, text="x")
    figure = fatalities([Claim(kind="killed", max=200, modality="alleged", evidence=evidence)])
    assert figure is not None and figure.max == 200 and figure.best is None
    assert fatalities([Claim(kind="killed", min=5, modality="negated", evidence=evidence)]) is None


def test_different_dates_are_different_occurrences(dictionary: ActorDictionary) -> None:
    evidence = Evidence(start=0, end=1, text="x")
    base = Event(
        type="Violence against civilians",
        sub_type="Attack",
        actor1="Islamic State",
        actor2="Civilians",
        evidence=evidence,
        tags=["human_shield"],
    )
    march = base.model_copy(
        update={"date": TimeSpan(start="2017-03-29", end="2017-03-29", precision="day", text="March 29")}
    )
    april = base.model_copy(
        update={"date": TimeSpan(start="2017-04-05", end="2017-04-05", precision="day", text="April 5")}
    )
    assert same_occurrence(march, base, dictionary.compatible)
    assert not same_occurrence(march, april, dictionary.compatible)
    assert not same_occurrence(base, base.model_copy(update={"actor1": "Houthis"}), dictionary.compatible)


def test_human_shielding_is_tagged(nlp: Any, dictionary: ActorDictionary) -> None:
    events = run(nlp, dictionary, "ISIS fighters forced civilians into a building in west Mosul.")
    assert [(e.sub_type, e.tags) for e in events] == [("Attack", ["human_shield"])]
    sieges = run(nlp, dictionary, "Islamic State militants have besieged the town of Deir ez-Zor.")
    assert any("siege" in e.tags and e.sub_type == "Other" for e in sieges)


def test_stage_fits_the_pipeline(dictionary: ActorDictionary) -> None:
    assert EventStage.requires == frozenset({"parsed", "claims", "actors", "dates", "places"})
    from tacitus.nlp.stage import SpacyStage

    class Provider:
        name = "fake"
        version = "1"
        requires: frozenset[str] = frozenset({"parsed"})
        provides = frozenset({"claims", "dates", "places"})

        def __call__(self, analysis: Analysis) -> Analysis:
            return analysis

    pipeline = Pipeline(
        [
            SpacyStage(patterns=dictionary.patterns()),
            Provider(),
            ActorStage(dictionary),
            EventStage(dictionary),
        ]
    )
    [result] = list(pipeline.run([Document(id="d", text="Police arrested five ISIS members in Kirkuk.")]))
    assert [e.sub_type for e in result.events] == ["Arrests"]
    assert result.errors == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "a",
                "b",
                " ",
                "IS",
                "ISF",
                "clash",
                ".",
                ",",
                "\n",
                "'",
                '"',
                "attack",
                "not",
                "ISIS",
                "the group",
                "they",
                "killed",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_never_raises(nlp: Any, dictionary: ActorDictionary, text: str) -> None:
    run(nlp, dictionary, text)

"""Countries used as noun modifiers ("a U.S. airstrike") are reported but never locate a claim or event."""

from __future__ import annotations

from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Span

from tacitus.geo.assign import focus_place, locations, place_for_span
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.modifiers import head_lexicon, modifies_noun
from tacitus.geo.stage import PlaceStage
from tacitus.model import Claim, Document, Evidence, Place
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis

US = 6252001
Role = Literal["location", "modifier"]


@pytest.fixture(scope="module")
def nlp(packaged: Gazetteer) -> Any:
    return load_model(patterns=tuple(packaged.patterns()))


def _toponym(doc: Any, text: str) -> Any:
    return next(e for e in doc.ents if e.text == text and e.label_ in {"GPE", "LOC", "FAC"})


@pytest.mark.parametrize(
    ("sentence", "toponym"),
    [
        ("The fighters fired in an apparent attempt to provoke a U.S. airstrike.", "U.S."),
        ("The video was first referenced by U.S. military officials on Friday.", "U.S."),
        ("Iraq's prime minister visited the front on Sunday.", "Iraq"),
        ("Iran-backed militias entered the town at dawn.", "Iran"),
    ],
)
def test_a_country_modifying_an_actor_or_action_is_flagged(nlp: Any, sentence: str, toponym: str) -> None:
    assert modifies_noun(_toponym(nlp(sentence), toponym))


@pytest.mark.parametrize(
    ("sentence", "toponym"),
    [
        ("Syria's war has killed half a million people.", "Syria"),
        ("Troops pushed into Iraq's second largest city on Sunday.", "Iraq"),
        ("Protesters rallied across the United States on Saturday.", "the United States"),
        ("Shelling hit Mosul again overnight.", "Mosul"),
    ],
)
def test_a_country_that_says_where_is_not_flagged(nlp: Any, sentence: str, toponym: str) -> None:
    assert not modifies_noun(_toponym(nlp(sentence), toponym))


def test_a_toponym_whose_head_is_in_an_organisation_is_flagged(nlp: Any) -> None:
    # NER may split "U.S. Central Command" into GPE "U.S." + ORG "Central Command"; the GPE then names
    # the organisation's country, not a place where anything happens.
    doc = nlp("U.S. Central Command released the video on Friday.")
    us = doc[0:1]
    command = next(i for i, t in enumerate(doc) if t.text == "Command")
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, command - 1, command + 1, label="ORG")]
    assert us.root.head.ent_type_ == "ORG"
    assert modifies_noun(doc.ents[0])


def test_the_lexicon_is_packaged_data() -> None:
    lexicon = head_lexicon()
    assert {"city", "border", "war"} <= lexicon.locative and "led" in lexicon.agentive
    assert "officials" not in lexicon.locative and "airstrike" not in lexicon.locative


TEXT = (
    "Fighting raged in west Mosul on Monday.\n"
    "ISIS fighters fired from a home in an attempt to provoke a U.S. airstrike that killed 12 civilians.\n"
    "Later, U.S. officials said 40 people had fled a Mosul home.\n"
    "Protesters rallied in the United States, where 3 people were arrested."
)


def _claim(phrase: str) -> Claim:
    start = TEXT.index(phrase)
    return Claim(kind="killed", evidence=Evidence(start=start, end=start + len(phrase), text=phrase))


@pytest.fixture(scope="module")
def analysed(nlp: Any, packaged: Gazetteer) -> Analysis:
    claims = [
        _claim("a U.S. airstrike that killed 12 civilians"),
        _claim("U.S. officials said 40 people had fled"),
        _claim("3 people were arrested"),
    ]
    analysis = Analysis(document=Document(id="modifiers", text=TEXT), parsed=nlp(TEXT), claims=claims)
    return PlaceStage(packaged)(analysis)


def _places_of(analysis: Analysis, surface: str) -> list[Place]:
    return [p for p in analysis.places if p.evidence is not None and p.evidence.text == surface]


def test_modifiers_are_reported_with_their_role_and_exact_evidence(analysed: Analysis) -> None:
    us = _places_of(analysed, "U.S.")
    assert us and all(p.geonameid == US and p.role == "modifier" for p in us)
    states = _places_of(analysed, "the United States") or _places_of(analysed, "United States")
    assert states and all(p.role == "location" for p in states)
    # "a Mosul home": a town before a noun still locates.
    assert all(p.role == "location" for p in analysed.places if p.country == "IQ")
    for place in analysed.places:
        assert place.evidence is not None
        assert TEXT[place.evidence.start : place.evidence.end] == place.evidence.text


def test_claims_never_get_a_modifier_as_their_place(analysed: Analysis) -> None:
    strike, fled, arrested = analysed.claims
    # The sentence names only "a U.S. airstrike": the place is the focus, Mosul, not the United States.
    assert strike.place is not None and strike.place.country == "IQ" and strike.place.role == "location"
    # The span holds "U.S." (a modifier); its sentence names "a Mosul home".
    assert fled.place is not None and fled.place.country == "IQ"
    assert fled.place.evidence is not None and fled.place.evidence.text == "Mosul"
    # A country that says where still places a claim.
    assert arrested.place is not None and arrested.place.geonameid == US


def _place(name: str, start: int, role: Role, precision: int = 3) -> Place:
    return Place(
        name=name,
        precision=precision,
        role=role,
        evidence=Evidence(start=start, end=start + len(name), text=name),
    )


def test_focus_ignores_modifiers_however_often_named() -> None:
    places = [_place("U.S.", i * 10, "modifier") for i in range(5)] + [_place("Mosul", 100, "location", 1)]
    focus = focus_place(places)
    assert focus is not None and focus.name == "Mosul"
    assert focus_place([p for p in places if p.role == "modifier"]) is None
    assert locations(places) == places[-1:]


@given(
    st.lists(st.sampled_from(["location", "modifier"]), max_size=8), st.integers(0, 90), st.integers(0, 90)
)
def test_place_for_span_never_returns_a_modifier(roles: list[Role], a: int, b: int) -> None:
    text = "x" * 100
    places = [_place("Abc", i * 11, role) for i, role in enumerate(roles)]
    start, end = sorted((a, b))
    found = place_for_span(places, text, start, end)
    assert found is None or found.role == "location"
    assert (found is None) == all(role == "modifier" for role in roles)

"""Names the gazetteer lacks are placed at the place the document puts them in, flagged and never
finer than precision 2; names nothing marks as places are not (tacitus.geo.enclosing, place_cues)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.geo.enclosing import enclose_unfound
from tacitus.geo.gazetteer import Candidate, Gazetteer
from tacitus.geo.modifiers import head_lexicon
from tacitus.geo.place_cues import marked_as_place
from tacitus.geo.resolve import Mention, Resolution, Resolver
from tacitus.geo.stage import to_place
from tacitus.nlp.model_loader import load_model


def _c(key: str, fclass: str, code: str, country: str = "US", lat: float = 1.0) -> Candidate:
    return Candidate(key, None, key, lat, 2.0, fclass, code, country, "LA", "071", 0, None, "t")


TOWN = _c("new-orleans", "P", "PPLA2")
OTHER_TOWN = _c("baton-rouge", "P", "PPLA")
PARISH = _c("orleans-parish", "A", "ADM2")
STATE = _c("louisiana", "A", "ADM1")
COUNTRY = _c("us", "A", "PCLI")


def _r(start: int, candidate: Candidate | None, *, known: bool = True) -> Resolution:
    mention = Mention(f"m{start}", start, start + 3, known_place=known)
    return Resolution(mention=mention, candidate=candidate, part=False, score=0.0)


def _picked(resolutions: list[Resolution]) -> list[tuple[str | None, bool]]:
    return [(r.candidate.key if r.candidate else None, r.enclosing) for r in enclose_unfound(resolutions)]


def test_an_unfound_name_takes_the_nearest_town_or_district_named_before_it() -> None:
    rs = [_r(0, OTHER_TOWN), _r(10, STATE), _r(20, TOWN), _r(30, None), _r(40, OTHER_TOWN), _r(50, PARISH)]
    assert _picked(rs)[3] == ("new-orleans", True)
    assert _picked([*rs, _r(60, None)])[-1] == ("orleans-parish", True)


def test_with_nothing_before_it_the_most_named_town_then_any_place() -> None:
    assert _picked([_r(0, None), _r(10, OTHER_TOWN), _r(20, TOWN), _r(30, TOWN)])[0] == ("new-orleans", True)
    assert _picked([_r(0, None), _r(10, COUNTRY), _r(20, STATE), _r(30, STATE)])[0] == ("louisiana", True)


def test_found_names_and_supported_fuzzy_matches_are_kept() -> None:
    zanjili = replace(_c("zanjili", "P", "PPLX"), fuzzy=True)
    helmetta = replace(_c("helmetta", "P", "PPL", country="NJ-ELSEWHERE"), fuzzy=True)
    rs = [_r(0, TOWN), _r(10, zanjili), _r(20, helmetta)]
    assert _picked(rs) == [("new-orleans", False), ("zanjili", False), ("new-orleans", True)]


def test_a_small_town_abroad_is_doubted_a_big_one_or_one_at_home_is_not() -> None:
    hamlet = replace(_c("atlantic-iowa", "P", "PPL", country="ELSEWHERE"), population=7_000)
    city = replace(_c("london", "P", "PPLC", country="GB"), population=8_000_000)
    village = replace(_c("village", "P", "PPL"), population=300)
    rs = [_r(0, TOWN), _r(10, hamlet), _r(20, city), _r(30, village)]
    assert _picked(rs) == [
        ("new-orleans", False),
        ("new-orleans", True),
        ("london", False),
        ("village", False),
    ]
    assert _picked([_r(0, hamlet)]) == [("atlantic-iowa", False)]  # nothing else to compare with


def test_names_not_marked_as_places_are_never_enclosed() -> None:
    far = replace(_c("scrocca-village", "P", "PPL", country="IT"), fuzzy=True)
    rs = [_r(0, TOWN), _r(10, None, known=False), _r(20, far, known=False)]
    assert _picked(rs) == [("new-orleans", False), (None, False), (None, False)]


def test_a_document_without_any_found_place_is_left_as_it_is() -> None:
    assert _picked([_r(0, None), _r(10, None)]) == [(None, False), (None, False)]


def test_an_enclosed_place_is_flagged_and_at_most_precision_two(packaged: Gazetteer) -> None:
    text = "Crowds gathered on Frenchmen Street, New Orleans, and later on Frenchmen Street again."
    mentions = [Mention("Frenchmen Street", 19, 35, label="FAC"), Mention("New Orleans", 37, 48)]
    resolutions = Resolver(packaged).resolve(mentions, text)
    street = to_place(resolutions[0], packaged, text, "test")
    city = to_place(resolutions[1], packaged, text, "test")
    assert street is not None and city is not None
    assert street.geonameid == city.geonameid and street.approximate and not city.approximate
    assert (street.precision, street.where_prec) == (2, 2) and (city.precision, city.where_prec) == (1, 1)
    assert street.evidence is not None and street.evidence.text == "Frenchmen Street"


@pytest.fixture(scope="module")
def nlp(packaged: Gazetteer) -> Any:
    return load_model(patterns=tuple(packaged.patterns()))


@pytest.mark.parametrize(
    ("sentence", "name", "marked"),
    [
        ("Heavy fighting was reported in Zanjili on Sunday.", "Zanjili", True),
        ("Troops moved into west Mosul at dawn.", "Mosul", True),
        ("Fighting spread to the Zanjili district overnight.", "Zanjili", True),
        ("Zanjili and al-Shifa were retaken.", "Zanjili", True),  # a list with a place
        ("On March 30, Colonel Joe Scrocca, a coalition spokesman, told reporters.", "Scrocca", False),
    ],
)
def test_the_text_marks_a_name_as_a_place(nlp: Any, sentence: str, name: str, marked: bool) -> None:
    # The span is labelled GPE as the recogniser labels these names in the examples; the parse is real.
    doc = nlp(sentence)
    start = sentence.index(name)
    span = doc.char_span(start, start + len(name), label="GPE")
    assert span is not None
    assert marked_as_place(span, head_lexicon(), frozenset({"west"})) is marked


def test_loc_and_fac_entities_are_places_by_their_label(nlp: Any) -> None:
    doc = nlp("The Euphrates was low this year.")
    span = doc.char_span(4, 13, label="LOC")
    assert span is not None and marked_as_place(span, head_lexicon(), frozenset())


_POOL = [
    TOWN,
    OTHER_TOWN,
    PARISH,
    STATE,
    COUNTRY,
    replace(TOWN, key="hamlet-abroad", country="XX", population=50),
]


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, *range(len(_POOL))]), st.booleans(), st.sampled_from(["a", "b", "c"])
        ),
        max_size=12,
    )
)
def test_enclosing_only_fills_in_and_only_from_backed_places(
    rows: list[tuple[int | None, bool, str]],
) -> None:
    resolutions = [
        Resolution(
            mention=Mention(text, 10 * i, 10 * i + 3, known_place=known),
            candidate=None if pick is None else _POOL[pick],
            part=False,
            score=0.0,
        )
        for i, (pick, known, text) in enumerate(rows)
    ]
    out = enclose_unfound(resolutions)
    assert [r.mention for r in out] == [r.mention for r in resolutions]
    backed = {r.candidate.key for r, o in zip(resolutions, out, strict=True) if r.candidate and r == o}
    for before, after in zip(resolutions, out, strict=True):
        if after.enclosing:
            assert after.mention.known_place and after.candidate is not None
            assert after.candidate.key in backed
        elif after != before:
            assert after.candidate is None and not before.mention.known_place

"""The two real Mosul articles: every place the reports name resolves as an analyst would code it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.stage import PlaceStage
from tacitus.model import Claim, Document, Evidence, Place
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis

MOSUL = 99072
IRAQ = 99237


@pytest.fixture(scope="module")
def nlp(packaged: Gazetteer) -> Any:
    return load_model(patterns=tuple(packaged.patterns()))


def _analyse(
    name: str, nlp: Any, gazetteer: Gazetteer, shared: Path, claims: Sequence[tuple[str, str]] = ()
) -> Analysis:
    path = shared / "examples" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    text = path.read_text(encoding="utf-8")
    records = []
    for kind, phrase in claims:
        start = text.index(phrase)
        records.append(Claim(kind=kind, evidence=Evidence(start=start, end=start + len(phrase), text=phrase)))
    analysis = Analysis(document=Document(id=name, text=text), parsed=nlp(text), claims=records)
    return PlaceStage(gazetteer)(analysis)


def _by_text(places: list[Place]) -> dict[str, list[Place]]:
    found: dict[str, list[Place]] = {}
    for place in places:
        assert place.evidence is not None
        found.setdefault(place.evidence.text, []).append(place)
    return found


@pytest.fixture(scope="module")
def corridors(nlp: Any, packaged: Gazetteer, shared: Path) -> Iterator[Analysis]:
    yield _analyse(
        "mosul-corridors.txt",
        nlp,
        packaged,
        shared,
        claims=[
            ("displaced", "10,000 civilians were fleeing the city every day last week"),
            ("trapped", "an estimated 180,000 people still under ISIS control"),
        ],
    )


def test_mosul_and_its_parts(corridors: Analysis) -> None:
    places = _by_text(corridors.places)
    assert {p.geonameid for p in places["Mosul"]} == {MOSUL}
    west = places["west Mosul"][0]
    assert (west.geonameid, west.precision, west.where_prec) == (MOSUL, 2, 2)
    assert places["Mosul"][0].precision == 1 and places["Mosul"][0].country == "IQ"


def test_neighbourhoods_are_the_curated_entries(corridors: Analysis) -> None:
    places = _by_text(corridors.places)
    zanjili = {(p.name, p.lat, p.lon) for p in places["Zanjili"] + places["Zanjali"]}
    assert len(zanjili) == 1 and next(iter(zanjili))[0] == "Zanjili"
    assert places["al-Shafaa"][0].name == "al-Shifa"
    assert places["Bab Sinjar"][0].name == "Bab Sinjar"
    assert {p.name for p in places["Old City"]} == {"Old City"}
    for name in ("Zanjili", "al-Shafaa", "Bab Sinjar", "Old City"):
        place = places[name][0]
        assert (place.country, place.feature_code, place.precision) == ("IQ", "PPLX", 1)
        assert place.lat is not None and abs(place.lat - 36.34) < 0.1 and abs(place.lon - 43.12) < 0.1  # type: ignore[operator]


def test_claims_get_the_place_their_sentence_names(corridors: Analysis) -> None:
    fleeing, trapped = corridors.claims
    # "... fleeing the city every day" names no place in its sentence: the paragraph's Mosul.
    assert fleeing.place is not None and fleeing.place.geonameid == MOSUL
    # "180,000 people still under ISIS control in the Old City, and the neighbourhoods of ...": the most
    # specific place of the sentence, a curated neighbourhood.
    assert trapped.place is not None and trapped.place.feature_code == "PPLX"


def test_drone_video_names_iraq_and_west_mosul(nlp: Any, packaged: Gazetteer, shared: Path) -> None:
    analysis = _analyse("mosul-drone-video.txt", nlp, packaged, shared)
    places = _by_text(analysis.places)
    assert {p.geonameid for p in places["Iraq"]} == {IRAQ}
    assert places["Iraq"][0].precision == 3 and places["Iraq"][0].where_prec == 6
    assert all(p.geonameid == MOSUL and p.precision == 2 for p in places["west Mosul"])
    assert "Scrocca" not in places  # a surname NER calls GPE must not resolve to a far-off village


@pytest.mark.parametrize("name", ["mosul-corridors.txt", "mosul-drone-video.txt"])
def test_every_place_evidence_is_the_exact_text(
    name: str, nlp: Any, packaged: Gazetteer, shared: Path
) -> None:
    analysis = _analyse(name, nlp, packaged, shared)
    text = analysis.document.text
    assert analysis.places
    for place in analysis.places:
        assert place.evidence is not None
        assert text[place.evidence.start : place.evidence.end] == place.evidence.text

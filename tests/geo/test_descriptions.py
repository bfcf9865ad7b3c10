"""A town described by its country ("Iraq's second largest city") is the town of that country the text
named last; nothing is added without one, nor when the description names its town (geo.descriptions)."""

from __future__ import annotations

from typing import Any

import pytest

from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.stage import PlaceStage
from tacitus.model import Document, Place
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis

MOSUL = 99072


@pytest.fixture(scope="module")
def nlp(packaged: Gazetteer) -> Any:
    return load_model(patterns=tuple(packaged.patterns()))


def _described(nlp: Any, packaged: Gazetteer, text: str) -> list[Place]:
    analysis = Analysis(document=Document(id="descriptions", text=text), parsed=nlp(text))
    return [p for p in PlaceStage(packaged)(analysis).places if p.approximate]


def test_the_description_is_the_town_named_before_it(nlp: Any, packaged: Gazetteer) -> None:
    text = (
        "Civilians were moved into a west Mosul home. The video was taken at the height of the push "
        "to retake the western half of Iraq's second largest city from ISIS."
    )
    described = _described(nlp, packaged, text)
    assert [(p.geonameid, p.precision, p.where_prec) for p in described] == [(MOSUL, 2, 2)]
    assert described[0].evidence is not None and described[0].evidence.text == "Iraq's second largest city"


@pytest.mark.parametrize(
    "text",
    [
        "Troops pushed to retake the western half of Iraq's second largest city on Sunday.",
        "Fighting went on in Aleppo. Troops pushed into Iraq's second largest city on Sunday.",
        "Fighting went on in Mosul. Troops pushed into Iraq's second largest city, Basra, on Sunday.",
    ],
)
def test_no_town_is_added_without_one_of_that_country_or_when_it_is_named(
    nlp: Any, packaged: Gazetteer, text: str
) -> None:
    assert _described(nlp, packaged, text) == []

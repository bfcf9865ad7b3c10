"""Hand-made records over a short conflict report, covering every record type the store keeps."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import pytest

from tacitus.model import (
    Actor,
    Claim,
    Document,
    DocumentResult,
    Event,
    Evidence,
    Figure,
    Place,
    Quote,
    Source,
    StageError,
    TimeSpan,
)

TEXT = (
    "ISIS militants opened fire at displaced families who were used as human shields in Mosul on "
    "March 29, killing at least 35 civilians, an Army Lieutenant said. "
    '"Our priority is to save the man before the land," he told reporters.'
)


def evidence(text: str, phrase: str, stage: str = "test") -> Evidence:
    start = text.index(phrase)
    return Evidence(start=start, end=start + len(phrase), text=phrase, stage=stage)


def make_document(doc_id: str = "doc-mosul", text: str = TEXT, **fields: object) -> Document:
    values: dict[str, object] = {
        "id": doc_id,
        "text": text,
        "title": "Iraqi Officer: ISIS militants opened fire at displaced families",
        "url": f"https://example.org/{doc_id}",
        "published": dt.date(2017, 4, 1),
        "source": "Example News",
        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
    }
    values.update(fields)
    return Document.model_validate(values)


def make_result(doc: Document) -> DocumentResult:
    text = doc.text
    mosul = Place(
        name="Mosul",
        geonameid=99072,
        lat=36.335,
        lon=43.11889,
        country="IQ",
        admin1="Nineveh",
        feature_code="PPLA",
        precision=1,
        evidence=evidence(text, "Mosul"),
    )
    day = TimeSpan(
        start="2017-03-29",
        end="2017-03-29",
        precision="day",
        text="March 29",
        evidence=evidence(text, "March 29"),
    )
    claim = Claim(
        kind="killed",
        min=35,
        best=35,
        quantity_text="at least 35",
        victim="civilians",
        actor="Islamic State",
        source=Source(speaker="an Army Lieutenant", role="Army Lieutenant"),
        date=day,
        place=mosul,
        evidence=evidence(text, "killing at least 35 civilians"),
    )
    event = Event(
        type="Violence against civilians",
        sub_type="Attack",
        actor1="Islamic State",
        actor2="Civilians (Iraq)",
        inter1=2,
        inter2=7,
        date=day,
        place=mosul,
        fatalities=Figure(min=35, best=35),
        claims=[0],
        tags=["human shields"],
        evidence=evidence(text, "ISIS militants opened fire at displaced families"),
    )
    said = "Our priority is to save the man before the land,"
    quote = Quote(
        speaker="an Army Lieutenant",
        text=said,
        direct=True,
        start=text.index(said),
        end=text.index(said) + len(said),
        cue="told",
    )
    actor = Actor(
        name="Islamic State",
        aliases_seen=["ISIS militants"],
        type=2,
        evidence=evidence(text, "ISIS militants"),
        mentions=[evidence(text, "ISIS militants")],
    )
    return DocumentResult(
        document=doc,
        claims=[claim],
        events=[event],
        quotes=[quote],
        places=[mosul],
        actors=[actor],
        dates=[day],
        errors=[StageError(stage="geo.v1", message="gazetteer has no Zanjili")],
    )


@pytest.fixture
def document() -> Document:
    return make_document()


@pytest.fixture
def result(document: Document) -> DocumentResult:
    return make_result(document)


@pytest.fixture
def new_document() -> Callable[..., Document]:
    """A factory: ``new_document(doc_id, text, **fields)``."""
    return make_document


@pytest.fixture
def new_result() -> Callable[[Document], DocumentResult]:
    """A factory: ``new_result(document)`` gives a result with one record of each kind."""
    return make_result

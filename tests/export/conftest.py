"""Hand-made results with events of every coding case the exports handle."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from tacitus.model import (
    Actor,
    Claim,
    Conflict,
    Document,
    DocumentResult,
    Event,
    Evidence,
    Figure,
    Incident,
    Place,
    TimeSpan,
)

MOSUL_TEXT = (
    "ISIS militants opened fire at displaced families who were used as human shields in Mosul on March 29, "
    "killing at least 35 civilians. Iraqi forces clashed with ISIS militants in Zanjili last week. "
    "The army denied that an airstrike killed 10 people in Tal Afar. "
    "A car bomb wounded several people near Hammam al-Alil."
)
SYRIA_TEXT = "Government forces retook the town of Palmyra in March, a monitor said."


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def span(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(start=start, end=start + len(phrase), text=phrase)


MOSUL = Place(
    name="Mosul", geonameid=99072, lat=36.335, lon=43.11889, country="IQ", admin1="Nineveh", precision=1
)
TAL_AFAR = Place(name="Tal Afar", geonameid=90393, lat=36.37909, lon=42.44863, country="IQ", precision=1)
ZANJILI = Place(name="Zanjili", country="IQ", precision=1)  # a neighbourhood without coordinates


def mosul_result() -> DocumentResult:
    text = MOSUL_TEXT
    doc = Document(
        id="doc-mosul",
        text=text,
        title="Mosul corridors",
        url="https://example.org/mosul",
        published=dt.date(2017, 4, 1),
        source="Example News",
        content_hash=digest(text),
    )
    day = TimeSpan(start="2017-03-29", end="2017-03-29", precision="day", text="March 29")
    week = TimeSpan(start="2017-03-20", end="2017-03-26", precision="week", text="last week")
    events = [
        Event(
            type="Violence against civilians",
            sub_type="Attack",
            actor1="Islamic State",
            actor2="Civilians (Iraq)",
            inter1=2,
            inter2=7,
            date=day,
            place=MOSUL.model_copy(update={"evidence": span(text, "Mosul")}),
            fatalities=Figure(min=35, best=35),
            claims=[0],
            tags=["human shields", "displaced"],
            evidence=span(text, "ISIS militants opened fire at displaced families"),
        ),
        Event(
            type="Battles",
            sub_type="Armed clash",
            actor1="Islamic State",
            actor2="Military Forces of Iraq (2014-)",
            inter1=2,
            inter2=1,
            date=week,
            place=ZANJILI.model_copy(update={"evidence": span(text, "Zanjili")}),
            evidence=span(text, "Iraqi forces clashed with ISIS militants"),
        ),
        Event(
            type="Explosions/Remote violence",
            sub_type="Air/drone strike",
            actor1="Military Forces of Iraq (2014-)",
            inter1=1,
            place=TAL_AFAR,
            fatalities=Figure(min=10, max=10, best=10),
            modality="negated",
            evidence=span(text, "an airstrike killed 10 people"),
        ),
        Event(
            type="Explosions/Remote violence",
            sub_type="Remote explosive/landmine/IED",
            date=TimeSpan(start="--03-30", end="--03-30", precision="day", text="Thursday"),
            fatalities=Figure(min=3, max=12),
            evidence=span(text, "A car bomb wounded several people"),
        ),
    ]
    places = [
        MOSUL.model_copy(update={"evidence": span(text, "Mosul")}),
        ZANJILI.model_copy(update={"evidence": span(text, "Zanjili")}),
        TAL_AFAR.model_copy(update={"evidence": span(text, "Tal Afar")}),
        Place(
            name="Hammam al-Alil", lat=36.15, lon=43.25, country="IQ", evidence=span(text, "Hammam al-Alil")
        ),
    ]
    claims = [
        Claim(
            kind="killed",
            min=35,
            best=35,
            victim="civilians",
            evidence=span(text, "killing at least 35 civilians"),
        )
    ]
    actors = [
        Actor(name="Islamic State", aliases_seen=["ISIS militants"], type=2, evidence=span(text, "ISIS"))
    ]
    return DocumentResult(
        document=doc, claims=claims, events=events, places=places, actors=actors, dates=[day]
    )


def syria_result() -> DocumentResult:
    doc = Document(
        id="doc-syria", text=SYRIA_TEXT, published=dt.date(2017, 3, 31), content_hash=digest(SYRIA_TEXT)
    )
    event = Event(
        type="Battles",
        sub_type="Government regains territory",
        actor1="Military Forces of Syria (2000-2024)",
        inter1=1,
        date=TimeSpan(start="2017-03-01", end="2017-03-31", precision="month", text="in March"),
        place=Place(name="Palmyra", geonameid=170592, lat=34.56, lon=38.28, country="SY", precision=2),
        evidence=span(SYRIA_TEXT, "Government forces retook the town of Palmyra"),
    )
    return DocumentResult(document=doc, events=[event])


def quiet_result() -> DocumentResult:
    text = "Nothing happened today."
    return DocumentResult(document=Document(id="doc-quiet", text=text, content_hash=digest(text)))


@pytest.fixture
def results() -> list[DocumentResult]:
    return [mosul_result(), syria_result(), quiet_result()]


@pytest.fixture
def incidents() -> list[Incident]:
    return [
        Incident(
            id="inc-mosul-0329",
            documents=["doc-mosul", "doc-syria"],
            events=["doc-mosul:0"],
            date=TimeSpan(start="2017-03-29", end="2017-03-29", precision="day", text="March 29"),
            place=MOSUL,
            type="Violence against civilians",
            sub_type="Attack",
            actors=["Islamic State", "Civilians (Iraq)", "Displaced families"],
            killed=Figure(min=35, max=40, best=35),
            injured=Figure(min=12),
            sources=2,
            source_types=["news", "military"],
            conflicts=[Conflict(field="killed", values=["35", "40"], documents=["doc-mosul", "doc-syria"])],
            grading="corroborated",
            grading_reason="two independent sources",
        ),
        Incident(id="inc-nowhere", documents=["doc-quiet"], events=[], type="Battles"),
    ]

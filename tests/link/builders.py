"""Hand-built DocumentResults for linking tests: every span is found in the text, so evidence is exact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tacitus.model import Claim, Document, DocumentResult, Event, Evidence, Place, Source, TimeSpan

MOSUL = Place(
    name="Mosul", geonameid=99072, lat=36.335, lon=43.119, country="IQ", admin1="Nineveh", precision=1
)
ZANJILI = Place(
    name="Zanjili", geonameid=None, lat=36.352, lon=43.105, country="IQ", admin1="Nineveh", admin2="Mosul"
)
TAL_AFAR = Place(name="Tal Afar", geonameid=90393, lat=36.376, lon=42.449, country="IQ", admin1="Nineveh")
KIRKUK = Place(name="Kirkuk", geonameid=94787, lat=35.468, lon=44.392, country="IQ", admin1="Kirkuk")


def evidence(text: str, span: str) -> Evidence:
    start = text.index(span)
    return Evidence(start=start, end=start + len(span), text=span)


def day(iso: str) -> TimeSpan:
    return TimeSpan(start=iso, end=iso, precision="day", text=iso)


@dataclass
class Report:
    """A small builder: one event with its casualty claims, in a text that contains every span."""

    doc_id: str
    outlet: str
    published: str
    text: str
    event_span: str
    place: Place | None = MOSUL
    date: str | None = None
    etype: str = "Violence against civilians"
    sub_type: str = "Attack"
    actor1: str | None = "Islamic State"
    killed: list[tuple[str, float, Source | None]] = field(default_factory=list)
    injured: list[tuple[str, float, Source | None]] = field(default_factory=list)
    title: str = ""

    def result(self) -> DocumentResult:
        claims = [
            Claim(
                kind=kind,
                min=value,
                max=value,
                best=value,
                source=source,
                evidence=evidence(self.text, span),
                actor=self.actor1,
            )
            for kind, items in (("killed", self.killed), ("injured", self.injured))
            for span, value, source in items
        ]
        when = day(self.date) if self.date else None
        event = Event(
            type=self.etype,
            sub_type=self.sub_type,
            actor1=self.actor1,
            date=when,
            place=self.place,
            claims=list(range(len(claims))),
            evidence=evidence(self.text, self.event_span),
        )
        return DocumentResult(
            document=Document(
                id=self.doc_id,
                text=self.text,
                title=self.title or None,
                source=self.outlet,
                published=dt.date.fromisoformat(self.published),
            ),
            claims=claims,
            events=[event],
        )


ARMY = Source(speaker="Karim Jaber", role="colonel", organization="Iraqi army")
WITNESS = Source(speaker="Ahmed Saleh", role="shopkeeper", organization=None)
UN = Source(speaker=None, role="spokesperson", organization="United Nations")


def zanjili_reports() -> list[DocumentResult]:
    """Three outlets on one shooting of fleeing families (tolls 5, 8, 5) and one near-copy of the first."""
    wire = (
        "Islamic State militants opened fire on displaced families fleeing the Zanjili neighbourhood "
        "of Mosul on Tuesday, killing five civilians, an army colonel said. The families were crossing "
        "an open road towards army lines when snipers began shooting at them from the rooftops."
    )
    return [
        Report(
            "z1",
            "Northern Wire",
            "2017-03-29",
            wire,
            "opened fire on displaced families",
            place=ZANJILI,
            date="2017-03-28",
            killed=[("killing five civilians", 5, ARMY)],
        ).result(),
        Report(
            "z1copy",
            "Tigris Daily",
            "2017-03-29",
            "MOSUL — " + wire,
            "opened fire on displaced families",
            place=ZANJILI,
            date="2017-03-28",
            killed=[("killing five civilians", 5, ARMY)],
        ).result(),
        Report(
            "z2",
            "Rafidain Herald",
            "2017-03-29",
            "Eight civilians were killed on Tuesday when snipers shot at displaced families escaping "
            "Zanjili in west Mosul, said Ahmed Saleh, a shopkeeper who reached the army lines.",
            "snipers shot at displaced families",
            place=MOSUL,
            date="2017-03-28",
            killed=[("Eight civilians were killed", 8, WITNESS)],
        ).result(),
        Report(
            "z3",
            "Levant Monitor",
            "2017-03-30",
            "At least five civilians were killed and 11 wounded when Islamic State fighters shot at "
            "displaced families fleeing Zanjili in Mosul on Tuesday, a United Nations spokesperson said.",
            "shot at displaced families fleeing Zanjili",
            place=ZANJILI,
            date="2017-03-28",
            killed=[("five civilians were killed", 5, UN)],
            injured=[("11 wounded", 11, UN)],
        ).result(),
    ]


def shield_reports() -> list[DocumentResult]:
    """A different incident in the same city and week: civilians forced into a house as human shields."""
    return [
        Report(
            "s1",
            "Crescent News",
            "2017-03-31",
            "Drone video shows Islamic State fighters forcing about 30 civilians into a house in west Mosul "
            "on Wednesday to use them as human shields, a coalition spokesman said. Gunmen fired on "
            "troops from the roof of the house.",
            "forcing about 30 civilians into a house",
            date="2017-03-29",
            sub_type="Abduction/forced disappearance",
        ).result(),
        Report(
            "s2",
            "Mesopotamia Observer",
            "2017-04-01",
            "Residents said Islamic State militants held about 40 people in a house near Bab Sinjar in Mosul "
            "on Wednesday as human shields, with fighters on the roof firing at troops.",
            "held about 40 people in a house",
            date="2017-03-29",
            sub_type="Abduction/forced disappearance",
        ).result(),
    ]

"""Typed records that every stage speaks.

Why one module: the output contract (docs/output-contract.md) is the public promise of Tacitus, and a
single place for its records makes a rename or a removed field visible in review. Records are frozen and
reject unknown fields, so a stage cannot smuggle untyped data to the next one.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal["asserted", "alleged", "negated", "generic", "hypothetical"]
Precision = Literal["day", "week", "month", "year"]

MODALITIES: tuple[Modality, ...] = ("asserted", "alleged", "negated", "generic", "hypothetical")


class Record(BaseModel):
    """Base of every record: frozen and strict about its fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(Record):
    """The exact span of the document's text that supports a record: ``text == doc.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    stage: str | None = None


class Document(Record):
    """One article as ingested. ``id`` is a hash of the canonical URL, else of the normalised text."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: dt.date | None = None
    source: str | None = None
    language: str = "en"
    content_hash: str = ""
    fmt: str = "txt"


class Source(Record):
    """Who the text attributes a statement to; ``None`` in a claim means the reporter's own voice."""

    speaker: str | None = None
    role: str | None = None
    organization: str | None = None


class TimeSpan(Record):
    """A resolved date interval. ``start``/``end`` are ISO dates, or ``--MM-DD`` when the year is unknown."""

    start: str | None
    end: str | None
    precision: Precision | None
    text: str
    reason: str = ""
    future: bool = False
    evidence: Evidence | None = None


class Place(Record):
    """A toponym resolved to GeoNames (or to the project's curated additions)."""

    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = None
    precision: int | None = Field(default=None, ge=1, le=3)
    where_prec: int | None = Field(default=None, ge=1, le=7)
    #: The mention's own name is not in the gazetteer; this is the place the document puts it in
    #: (ACLED codes a small unknown location at the nearest named place, geo_precision 2).
    approximate: bool = False
    evidence: Evidence | None = None
    role: Literal["location", "modifier"] = "location"  # "modifier": "a U.S. airstrike" (who, not where)


class Figure(Record):
    """A reconciled number: never an average; ``best`` follows ACLED's conservative rule."""

    min: float | None = None
    max: float | None = None
    best: float | None = None
    reported: float | None = None  # consensus: the figure most independent sources assert (docs/link.md)


class Claim(Record):
    """One statement of a number of people or a share of territory, with its hedge, source and span."""

    kind: str
    min: float | None = None
    max: float | None = None
    best: float | None = None
    approximate: bool = False
    quantity_text: str | None = None
    unit: str = "people"
    per: str | None = None
    victim: str | None = None
    actor: str | None = None
    modality: Modality = "asserted"
    source: Source | None = None
    date: TimeSpan | None = None
    place: Place | None = None
    evidence: Evidence


class Quote(Record):
    """A direct quotation or a reported statement and who made it."""

    speaker: str | None = None
    role: str | None = None
    organization: str | None = None
    text: str
    direct: bool
    start: int
    end: int
    cue: str | None = None


class Actor(Record):
    """A canonical actor with the surface forms this document used for it."""

    name: str
    aliases_seen: list[str] = Field(default_factory=list)
    type: int | None = Field(default=None, ge=1, le=8)
    parent: str | None = None
    country: str | None = None
    evidence: Evidence | None = None
    mentions: list[Evidence] = Field(default_factory=list)


class Event(Record):
    """One occurrence in ACLED's taxonomy, with PLOVER's type and mode beside it."""

    type: str
    sub_type: str
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    date: TimeSpan | None = None
    place: Place | None = None
    fatalities: Figure | None = None
    modality: Modality = "asserted"
    claims: list[int] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    plover_type: str | None = None
    plover_mode: str | None = None
    evidence: Evidence


class StageError(Record):
    """A stage that failed on one document: recorded, never fatal to the batch."""

    stage: str
    message: str


class Conflict(Record):
    """Sources that disagree on one field of an incident, each value with who gave it."""

    field: str
    values: list[str]
    documents: list[str]


class Incident(Record):
    """Reports of the same occurrence merged across documents; figures reconciled, never averaged."""

    id: str
    documents: list[str]
    events: list[str]
    date: TimeSpan | None = None
    place: Place | None = None
    type: str | None = None
    sub_type: str | None = None
    actors: list[str] = Field(default_factory=list)
    killed: Figure | None = None
    injured: Figure | None = None
    sources: int = 0
    source_types: list[str] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    grading: str = "single-source"
    grading_reason: str = ""
    claims: list[str] = Field(default_factory=list)  # "<doc id>:c<index>" of every figure each source gave


class DocumentResult(Record):
    """Everything the pipeline found in one document: the unit of ``tacitus extract`` output."""

    document: Document
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    dates: list[TimeSpan] = Field(default_factory=list)
    errors: list[StageError] = Field(default_factory=list)

"""How each extracted record becomes a table row: scalar columns for SQL users plus the full JSON record.

Why both: the scalar columns make the file useful in datasette or any SQL tool (filter by kind, sum
fatalities), while ``record`` keeps every field so :meth:`iter_results` can rebuild the exact records even
after fields are added to the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from tacitus.model import (
    Actor,
    Claim,
    DocumentResult,
    Event,
    Evidence,
    Incident,
    Place,
    Quote,
    StageError,
    TimeSpan,
)

Row = tuple[Any, ...]


def record_json(record: BaseModel) -> str:
    """The record as compact JSON (the ``record`` column)."""
    return record.model_dump_json()


def _span(evidence: Evidence | None) -> tuple[int | None, int | None]:
    return (evidence.start, evidence.end) if evidence is not None else (None, None)


def _date(span: TimeSpan | None) -> tuple[str | None, str | None, str | None]:
    return (span.start, span.end, span.precision) if span is not None else (None, None, None)


def _place(place: Place | None) -> tuple[str | None, float | None, float | None, str | None]:
    return (
        (place.name, place.lat, place.lon, place.country) if place is not None else (None, None, None, None)
    )


def claim_row(claim: Claim) -> Row:
    speaker = (claim.source.speaker or claim.source.organization) if claim.source is not None else None
    return (
        claim.kind,
        claim.min,
        claim.max,
        claim.best,
        int(claim.approximate),
        claim.unit,
        claim.per,
        claim.victim,
        claim.actor,
        claim.modality,
        speaker,
        *_date(claim.date),
        *_place(claim.place),
        claim.evidence.start,
        claim.evidence.end,
        claim.evidence.text,
    )


def event_row(event: Event) -> Row:
    figure = event.fatalities
    return (
        event.type,
        event.sub_type,
        event.actor1,
        event.actor2,
        event.inter1,
        event.inter2,
        *_date(event.date),
        *_place(event.place),
        figure.min if figure else None,
        figure.max if figure else None,
        figure.best if figure else None,
        event.modality,
        event.evidence.start,
        event.evidence.end,
        event.evidence.text,
    )


def quote_row(quote: Quote) -> Row:
    return (
        quote.speaker,
        quote.role,
        quote.organization,
        quote.text,
        int(quote.direct),
        quote.cue,
        quote.start,
        quote.end,
    )


def place_row(place: Place) -> Row:
    return (
        place.name,
        place.geonameid,
        place.lat,
        place.lon,
        place.country,
        place.admin1,
        place.admin2,
        place.feature_code,
        place.precision,
        *_span(place.evidence),
    )


def actor_row(actor: Actor) -> Row:
    return (actor.name, actor.type, actor.parent, actor.country)


def date_row(span: TimeSpan) -> Row:
    return (*_date(span), span.text)


def error_row(error: StageError) -> Row:
    return (error.stage, error.message)


@dataclass(frozen=True)
class Table:
    """One extraction table: its name, its scalar columns, and how to read them from the result."""

    name: str
    columns: tuple[str, ...]
    model: type[BaseModel]
    field: str
    to_row: Callable[[Any], Row]

    def records(self, result: DocumentResult) -> Sequence[BaseModel]:
        items: Sequence[BaseModel] = getattr(result, self.field)
        return items

    @property
    def insert_sql(self) -> str:
        names = ("doc_id", "idx", "run_id", *self.columns, "record")
        marks = ", ".join("?" for _ in names)
        return f"INSERT INTO {self.name} ({', '.join(names)}) VALUES ({marks})"


_DATE_COLUMNS = ("date_start", "date_end", "date_precision")
_PLACE_COLUMNS = ("place_name", "lat", "lon", "country")

#: Every per-document extraction table, in the order of DocumentResult's fields.
TABLES: tuple[Table, ...] = (
    Table(
        "claims",
        (
            "kind",
            "min",
            "max",
            "best",
            "approximate",
            "unit",
            "per",
            "victim",
            "actor",
            "modality",
            "speaker",
            *_DATE_COLUMNS,
            *_PLACE_COLUMNS,
            "span_start",
            "span_end",
            "evidence",
        ),
        Claim,
        "claims",
        claim_row,
    ),
    Table(
        "events",
        (
            "type",
            "sub_type",
            "actor1",
            "actor2",
            "inter1",
            "inter2",
            *_DATE_COLUMNS,
            *_PLACE_COLUMNS,
            "fatalities_min",
            "fatalities_max",
            "fatalities_best",
            "modality",
            "span_start",
            "span_end",
            "evidence",
        ),
        Event,
        "events",
        event_row,
    ),
    Table(
        "quotes",
        ("speaker", "role", "organization", "text", "direct", "cue", "span_start", "span_end"),
        Quote,
        "quotes",
        quote_row,
    ),
    Table(
        "places",
        (
            "name",
            "geonameid",
            "lat",
            "lon",
            "country",
            "admin1",
            "admin2",
            "feature_code",
            "precision",
            "span_start",
            "span_end",
        ),
        Place,
        "places",
        place_row,
    ),
    Table("actors", ("name", "type", "parent", "country"), Actor, "actors", actor_row),
    Table("dates", ("date_start", "date_end", "precision", "text"), TimeSpan, "dates", date_row),
    Table("stage_errors", ("stage", "message"), StageError, "errors", error_row),
)


def incident_row(incident: Incident) -> Row:
    """Scalar columns of the ``incidents`` table, in schema order after ``id``."""
    killed = incident.killed.best if incident.killed is not None else None
    return (
        incident.type,
        incident.sub_type,
        *_date(incident.date)[:2],
        *_place(incident.place),
        killed,
        incident.sources,
        incident.grading,
        record_json(incident),
    )

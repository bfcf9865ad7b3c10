"""ACLED-shaped CSV: one row per Event, with ACLED's column names and coding rules, plus Tacitus's extras.

Why ACLED's shape: analysts already have tools and habits for ACLED's export, so a Tacitus CSV can be
loaded beside ACLED's own data. The rules follow ACLED's codebook:

- ``fatalities`` is the conservative figure: the reported best, else the lower bound, else 0. Negated,
  hypothetical and generic events keep their row (the text did say them) with 0 fatalities, and the
  ``modality`` column says why; ``fatalities_min``/``fatalities_max`` keep the numbers as written.
- ``interaction`` is ``inter1*10 + inter2`` with the lower code first (2 and 1 give 12); one actor alone
  gives ``inter*10``.
- ``time_precision`` is 1 for a day, 2 for a week, 3 for a month, a year or no date. An event without a
  full date takes the document's publication date with precision 3.
- ``event_id_cnty`` is the ISO alpha-3 code (``ZZZ``, user-assigned, when the country is unknown) + a number
  derived from the document id and the event's position: the first 48 bits of SHA-256, in decimal. It is
  stable across runs and exports (ACLED's own counter is sequential, which only ACLED can keep).
- ``iso`` is the ISO 3166-1 numeric code, ``country`` ACLED's spelling of the name, ``region`` ACLED's.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import time
from collections.abc import Iterable, Iterator
from typing import TextIO

from tacitus.export.conventions import UNKNOWN_ISO3, civilian_targeting, country, disorder_type
from tacitus.model import DocumentResult, Event, Figure, Modality, Place, Precision, TimeSpan

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS: tuple[str, ...] = (
    "fatalities_min",
    "fatalities_max",
    "modality",
    "evidence",
    "document_id",
    "url",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

#: Modalities under which an event's fatalities are not counted (the event is not said to have happened).
UNCOUNTED_MODALITIES: frozenset[Modality] = frozenset({"negated", "hypothetical", "generic"})

_PRECISION_CODES: dict[Precision, int] = {"day": 1, "week": 2, "month": 3, "year": 3}


def conservative_fatalities(figure: Figure | None, modality: Modality = "asserted") -> int:
    """ACLED's fatalities: the best figure, else the lower bound, else 0; 0 for uncounted modalities."""
    if figure is None or modality in UNCOUNTED_MODALITIES:
        return 0
    for value in (figure.best, figure.min):
        if value is not None:
            return max(0, int(value))
    return 0


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: both inter codes, lower first (2 and 1 give "12"); one alone gives "10"."""
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return ""
    if len(codes) == 1:
        return str(codes[0] * 10)
    return str(codes[0] * 10 + codes[1])


def time_precision(precision: Precision | None) -> int:
    """ACLED's time_precision: 1 day, 2 week, 3 month, year or unknown."""
    return _PRECISION_CODES.get(precision, 3) if precision is not None else 3


def stable_number(*parts: str) -> str:
    """A decimal number from the first 48 bits of SHA-256 over the parts: stable, collisions ~n²/2⁴⁹."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return str(int(digest[:12], 16))


def event_id_cnty(alpha_2: str | None, *parts: str) -> str:
    """ACLED-style id: ISO alpha-3 of the country (``ZZZ`` when unknown) + a stable number."""
    found = country(alpha_2)
    return (found.alpha_3 if found is not None else UNKNOWN_ISO3) + stable_number(*parts)


def date_columns(span: TimeSpan | None, published: dt.date | None) -> dict[str, str]:
    """``event_date``, ``year`` and ``time_precision`` from a resolved date, else the publication date."""
    day = _full_date(span.start) if span is not None else None
    precision = time_precision(span.precision) if day is not None and span is not None else 3
    if day is None:
        day = published
    if day is None:
        return {"event_date": "", "year": "", "time_precision": str(precision)}
    return {"event_date": day.isoformat(), "year": str(day.year), "time_precision": str(precision)}


def place_columns(place: Place | None) -> dict[str, str]:
    """ACLED's geographic columns from a resolved place."""
    found = country(place.country) if place is not None else None
    return {
        "iso": found.numeric if found else "",
        "region": found.region if found else "",
        "country": found.name if found else "",
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": _coordinate(place.lat if place else None),
        "longitude": _coordinate(place.lon if place else None),
        "geo_precision": str(place.precision) if place and place.precision is not None else "",
    }


def event_row(result: DocumentResult, idx: int, event: Event, timestamp: int) -> dict[str, str]:
    """One CSV row for the ``idx``-th event of a document."""
    doc = result.document
    figure = event.fatalities
    row = {
        "event_id_cnty": event_id_cnty(event.place.country if event.place else None, doc.id, str(idx)),
        **date_columns(event.date, doc.published),
        "disorder_type": disorder_type(event.type, event.sub_type),
        "event_type": event.type,
        "sub_event_type": event.sub_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": "",
        "inter1": _number(event.inter1),
        "actor2": event.actor2 or "",
        "assoc_actor_2": "",
        "inter2": _number(event.inter2),
        "interaction": interaction(event.inter1, event.inter2),
        "civilian_targeting": civilian_targeting(event),
        **place_columns(event.place),
        "source": doc.source or "",
        "source_scale": "",
        "notes": event.evidence.text,
        "fatalities": str(conservative_fatalities(figure, event.modality)),
        "tags": "; ".join(event.tags),
        "timestamp": str(timestamp),
        "fatalities_min": _number(figure.min if figure else None),
        "fatalities_max": _number(figure.max if figure else None),
        "modality": event.modality,
        "evidence": f"{event.evidence.start}:{event.evidence.end}",
        "document_id": doc.id,
        "url": doc.url or "",
    }
    return {column: row[column] for column in CSV_COLUMNS}


def acled_rows(
    results: Iterable[DocumentResult], *, timestamp: int | None = None
) -> Iterator[dict[str, str]]:
    """One row per Event, in document order; ``timestamp`` (Unix seconds) defaults to now."""
    stamp = int(time.time()) if timestamp is None else timestamp
    for result in results:
        for idx, event in enumerate(result.events):
            yield event_row(result, idx, event, stamp)


def write_csv(results: Iterable[DocumentResult], out: TextIO, *, timestamp: int | None = None) -> int:
    """Write the ACLED-shaped CSV (header included); return the number of event rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in acled_rows(results, timestamp=timestamp):
        writer.writerow(row)
        count += 1
    return count


def _full_date(value: str | None) -> dt.date | None:
    if not value or value.startswith("--"):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"

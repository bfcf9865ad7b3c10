"""Exports of incidents (reports merged across documents): JSON Lines and ACLED-shaped CSV.

Why a ``urls`` mapping: an Incident names its documents by id; the export adds each document's URL so a
reader can go to the reports, and the caller (CLI, API) looks the URLs up in the store once.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from tacitus.export.acled import (
    ACLED_COLUMNS,
    conservative_fatalities,
    date_columns,
    event_id_cnty,
    place_columns,
)
from tacitus.export.conventions import disorder_type
from tacitus.model import Figure, Incident

INCIDENT_EXTRA_COLUMNS: tuple[str, ...] = (
    "incident_id",
    "killed_min",
    "killed_max",
    "killed_best",
    "injured_min",
    "injured_max",
    "injured_best",
    "sources",
    "source_types",
    "grading",
    "grading_reason",
    "conflicts",
    "document_ids",
    "urls",
)
INCIDENT_CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + INCIDENT_EXTRA_COLUMNS


def incident_record(incident: Incident, urls: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """The JSON object for one incident: its fields, with ``documents`` as ``[{"id", "url"}]``."""
    record: dict[str, Any] = incident.model_dump(mode="json")
    lookup = urls or {}
    record["documents"] = [{"id": doc_id, "url": lookup.get(doc_id)} for doc_id in incident.documents]
    return record


def write_incidents_jsonl(
    incidents: Iterable[Incident], out: TextIO, urls: Mapping[str, str | None] | None = None
) -> int:
    """One JSON object per incident; return how many were written."""
    count = 0
    for incident in incidents:
        out.write(json.dumps(incident_record(incident, urls), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def incident_row(
    incident: Incident, timestamp: int, urls: Mapping[str, str | None] | None = None
) -> dict[str, str]:
    """One ACLED-shaped row for an incident: ``fatalities`` is the conservative killed figure."""
    lookup = urls or {}
    actors = incident.actors
    row = {
        "event_id_cnty": event_id_cnty(incident.place.country if incident.place else None, incident.id),
        **date_columns(incident.date, None),
        "disorder_type": disorder_type(incident.type, incident.sub_type),
        "event_type": incident.type or "",
        "sub_event_type": incident.sub_type or "",
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[2:]),
        "inter1": "",
        "actor2": actors[1] if len(actors) > 1 else "",
        "assoc_actor_2": "",
        "inter2": "",
        "interaction": "",
        "civilian_targeting": "Civilian targeting" if incident.type == "Violence against civilians" else "",
        **place_columns(incident.place),
        "source": "; ".join(incident.source_types),
        "source_scale": "",
        "notes": incident.grading_reason,
        "fatalities": str(conservative_fatalities(incident.killed)),
        "tags": "",
        "timestamp": str(timestamp),
        "incident_id": incident.id,
        **_figure_columns("killed", incident.killed),
        **_figure_columns("injured", incident.injured),
        "sources": str(incident.sources),
        "source_types": "; ".join(incident.source_types),
        "grading": incident.grading,
        "grading_reason": incident.grading_reason,
        "conflicts": "; ".join(
            f"{conflict.field}: {' vs '.join(conflict.values)}" for conflict in incident.conflicts
        ),
        "document_ids": "; ".join(incident.documents),
        "urls": "; ".join(lookup.get(doc_id) or "" for doc_id in incident.documents),
    }
    return {column: row[column] for column in INCIDENT_CSV_COLUMNS}


def incident_rows(
    incidents: Iterable[Incident],
    urls: Mapping[str, str | None] | None = None,
    *,
    timestamp: int | None = None,
) -> Iterator[dict[str, str]]:
    """One row per incident; ``timestamp`` (Unix seconds) defaults to now."""
    stamp = int(time.time()) if timestamp is None else timestamp
    for incident in incidents:
        yield incident_row(incident, stamp, urls)


def write_incidents_csv(
    incidents: Iterable[Incident],
    out: TextIO,
    urls: Mapping[str, str | None] | None = None,
    *,
    timestamp: int | None = None,
) -> int:
    """Write incidents as ACLED-shaped CSV with incident columns; return the number of rows."""
    writer = csv.DictWriter(out, fieldnames=INCIDENT_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in incident_rows(incidents, urls, timestamp=timestamp):
        writer.writerow(row)
        count += 1
    return count


def _figure_columns(name: str, figure: Figure | None) -> dict[str, str]:
    values = (figure.min, figure.max, figure.best) if figure is not None else (None, None, None)
    return {
        f"{name}_{part}": "" if value is None else f"{value:g}"
        for part, value in zip(("min", "max", "best"), values, strict=True)
    }

"""Exports: the JSON Lines contract, ACLED-shaped CSV and GeoJSON, for documents and for incidents."""

from tacitus.export.acled import ACLED_COLUMNS, CSV_COLUMNS, EXTRA_COLUMNS, acled_rows, write_csv
from tacitus.export.geojson import write_geojson, write_incidents_geojson
from tacitus.export.incidents import (
    INCIDENT_CSV_COLUMNS,
    incident_record,
    incident_rows,
    write_incidents_csv,
    write_incidents_jsonl,
)
from tacitus.export.jsonl import result_record, write_jsonl

__all__ = [
    "ACLED_COLUMNS",
    "CSV_COLUMNS",
    "EXTRA_COLUMNS",
    "INCIDENT_CSV_COLUMNS",
    "acled_rows",
    "incident_record",
    "incident_rows",
    "result_record",
    "write_csv",
    "write_geojson",
    "write_incidents_csv",
    "write_incidents_geojson",
    "write_incidents_jsonl",
    "write_jsonl",
]

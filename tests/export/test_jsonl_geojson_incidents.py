"""JSON Lines contract, GeoJSON, incident exports, and exports of results read back from a SQLite store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tacitus.export import (
    INCIDENT_CSV_COLUMNS,
    write_csv,
    write_geojson,
    write_incidents_csv,
    write_incidents_geojson,
    write_incidents_jsonl,
    write_jsonl,
)
from tacitus.model import DocumentResult, Incident
from tacitus.store import SQLiteRepository

URLS = {"doc-mosul": "https://example.org/mosul", "doc-syria": None, "doc-quiet": None}


def test_jsonl_follows_the_output_contract(results: list[DocumentResult]) -> None:
    out = io.StringIO()
    assert write_jsonl(results, out) == 3
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    for line, result in zip(lines, results, strict=True):
        record = json.loads(line)
        assert set(record) >= {"document", "claims", "events", "quotes", "places", "actors", "errors"}
        assert "text" not in record["document"]
        assert record["document"]["id"] == result.document.id
        restored = DocumentResult.model_validate(
            record | {"document": record["document"] | {"text": result.document.text}}
        )
        assert restored == result
    first = json.loads(lines[0])
    assert first["document"]["published"] == "2017-04-01"
    text = results[0].document.text
    for kind in ("claims", "events"):
        for item in first[kind]:
            ev = item["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"]


def test_geojson_has_events_and_unevented_places(results: list[DocumentResult]) -> None:
    out = io.StringIO()
    count = write_geojson(results, out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert count == len(features)
    events = [f for f in features if f["properties"]["kind"] == "event"]
    places = [f for f in features if f["properties"]["kind"] == "place"]
    # Mosul attack, Tal Afar strike, Palmyra; the Zanjili clash and the car bomb have no coordinates
    assert [f["properties"]["location"] for f in events] == ["Mosul", "Tal Afar", "Palmyra"]
    # Mosul and Tal Afar are shown by events already; Hammam al-Alil only as a place
    assert [f["properties"]["name"] for f in places] == ["Hammam al-Alil"]
    mosul = events[0]
    assert mosul["geometry"] == {"type": "Point", "coordinates": [43.11889, 36.335]}  # [lon, lat]
    assert mosul["properties"]["fatalities"] == 35
    assert events[1]["properties"]["fatalities"] == 0 and events[1]["properties"]["modality"] == "negated"


def test_incident_jsonl(incidents: list[Incident]) -> None:
    out = io.StringIO()
    assert write_incidents_jsonl(incidents, out, URLS) == 2
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["documents"] == [
        {"id": "doc-mosul", "url": "https://example.org/mosul"},
        {"id": "doc-syria", "url": None},
    ]
    for field in (
        "id",
        "date",
        "place",
        "type",
        "actors",
        "killed",
        "injured",
        "sources",
        "conflicts",
        "grading",
    ):
        assert field in first
    assert first["killed"] == {"min": 35, "max": 40, "best": 35, "reported": None}
    assert Incident.model_validate(first | {"documents": ["doc-mosul", "doc-syria"]}) == incidents[0]


def test_incident_csv(incidents: list[Incident]) -> None:
    out = io.StringIO()
    assert write_incidents_csv(incidents, out, URLS, timestamp=1) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(INCIDENT_CSV_COLUMNS)
    mosul, nowhere = rows
    assert mosul["event_id_cnty"].startswith("IRQ")
    assert (mosul["fatalities"], mosul["killed_max"], mosul["injured_min"]) == ("35", "40", "12")
    assert (mosul["actor1"], mosul["actor2"], mosul["assoc_actor_1"]) == (
        "Islamic State",
        "Civilians (Iraq)",
        "Displaced families",
    )
    assert mosul["conflicts"] == "killed: 35 vs 40"
    assert mosul["urls"] == "https://example.org/mosul; "
    assert mosul["civilian_targeting"] == "Civilian targeting"
    assert (nowhere["event_id_cnty"][:3], nowhere["fatalities"], nowhere["event_date"]) == ("ZZZ", "0", "")


def test_incident_geojson_skips_unlocated(incidents: list[Incident]) -> None:
    out = io.StringIO()
    assert write_incidents_geojson(incidents, out, URLS) == 1
    feature = json.loads(out.getvalue())["features"][0]
    assert feature["properties"]["id"] == "inc-mosul-0329"
    assert feature["properties"]["fatalities"] == 35


def test_exports_from_a_store_round_trip(
    tmp_path: Path, results: list[DocumentResult], incidents: list[Incident]
) -> None:
    path = tmp_path / "export.db"
    with SQLiteRepository.open(path) as repo:
        run = repo.start_run("extract", {}, {})
        for result in results:
            repo.store_document(result.document, result, run)
        repo.save_incidents(incidents)
    direct_jsonl, direct_csv = io.StringIO(), io.StringIO()
    write_jsonl(results, direct_jsonl)
    write_csv(results, direct_csv, timestamp=7)
    with SQLiteRepository.open(path) as repo:
        stored = list(repo.iter_results())
        urls = {doc.id: doc.url for doc in repo.iter_documents()}
        stored_incidents = list(repo.iter_incidents())
    from_store_jsonl, from_store_csv = io.StringIO(), io.StringIO()
    write_jsonl(stored, from_store_jsonl)
    write_csv(stored, from_store_csv, timestamp=7)
    assert from_store_jsonl.getvalue() == direct_jsonl.getvalue()
    assert from_store_csv.getvalue() == direct_csv.getvalue()
    direct_incidents, stored_out = io.StringIO(), io.StringIO()
    write_incidents_jsonl(incidents, direct_incidents, URLS)
    write_incidents_jsonl(stored_incidents, stored_out, urls)
    assert sorted(stored_out.getvalue().splitlines()) == sorted(direct_incidents.getvalue().splitlines())

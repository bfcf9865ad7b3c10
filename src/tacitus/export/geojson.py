"""GeoJSON (RFC 7946) FeatureCollections of events, unevented places and incidents, for maps.

Why places without an event are included: a report's places are often all a reader has before the event
stage codes anything, and a map of where reports talk about is useful on its own. A place already shown
by one of the document's events is not repeated. Coordinates are ``[longitude, latitude]`` as RFC 7946
requires; records without coordinates are left out of the map, not guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TextIO

from tacitus.export.acled import conservative_fatalities, event_id_cnty
from tacitus.export.incidents import incident_record
from tacitus.model import DocumentResult, Incident, Place

Feature = dict[str, Any]


def _point(place: Place | None) -> dict[str, Any] | None:
    if place is None or place.lat is None or place.lon is None:
        return None
    return {"type": "Point", "coordinates": [place.lon, place.lat]}


def _place_key(place: Place) -> tuple[object, ...]:
    return (place.geonameid,) if place.geonameid is not None else (place.name, place.lat, place.lon)


def result_features(result: DocumentResult) -> Iterator[Feature]:
    """Features of one document: its located events, then its located places no event stands on."""
    doc = result.document
    shown: set[tuple[object, ...]] = set()
    for idx, event in enumerate(result.events):
        geometry = _point(event.place)
        if geometry is None or event.place is None:
            continue
        shown.add(_place_key(event.place))
        figure = event.fatalities
        yield {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "kind": "event",
                "event_id_cnty": event_id_cnty(event.place.country, doc.id, str(idx)),
                "document_id": doc.id,
                "url": doc.url,
                "event_type": event.type,
                "sub_event_type": event.sub_type,
                "actor1": event.actor1,
                "actor2": event.actor2,
                "date": event.date.start if event.date else None,
                "precision": event.date.precision if event.date else None,
                "fatalities": conservative_fatalities(figure, event.modality),
                "fatalities_min": figure.min if figure else None,
                "fatalities_max": figure.max if figure else None,
                "modality": event.modality,
                "location": event.place.name,
                "country": event.place.country,
                "geo_precision": event.place.precision,
                "evidence": event.evidence.text,
            },
        }
    for place in result.places:
        geometry = _point(place)
        # A country named as a modifier ("a U.S. airstrike") says who, not where: it is no point on the map.
        if geometry is None or place.role != "location" or _place_key(place) in shown:
            continue
        shown.add(_place_key(place))
        yield {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "kind": "place",
                "document_id": doc.id,
                "url": doc.url,
                "name": place.name,
                "geonameid": place.geonameid,
                "country": place.country,
                "admin1": place.admin1,
                "feature_code": place.feature_code,
                "geo_precision": place.precision,
                "evidence": place.evidence.text if place.evidence else None,
            },
        }


def write_geojson(results: Iterable[DocumentResult], out: TextIO) -> int:
    """Write one FeatureCollection of every document's events and places; return the feature count."""
    features = [feature for result in results for feature in result_features(result)]
    return _write(features, out)


def incident_feature(incident: Incident, urls: Mapping[str, str | None] | None = None) -> Feature | None:
    """A located incident as a Feature (its record as properties), or None without coordinates."""
    geometry = _point(incident.place)
    if geometry is None:
        return None
    properties = incident_record(incident, urls)
    properties["fatalities"] = conservative_fatalities(incident.killed)
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def write_incidents_geojson(
    incidents: Iterable[Incident], out: TextIO, urls: Mapping[str, str | None] | None = None
) -> int:
    """Write a FeatureCollection of located incidents; return the feature count."""
    features = [f for f in (incident_feature(i, urls) for i in incidents) if f is not None]
    return _write(features, out)


def _write(features: list[Feature], out: TextIO) -> int:
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)

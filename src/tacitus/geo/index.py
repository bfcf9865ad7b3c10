"""The gazetteer's SQLite schema and the one writer every source goes through.

Why SQLite: one file, no server, opened read-only by any number of worker processes, and inspectable
with any SQL tool. ``places`` holds one row per place (GeoNames id, or a ``tacitus:`` key for curated
additions GeoNames lacks); ``names`` maps every normalised name and alternate name to its places;
``admin`` names GeoNames admin1/admin2 codes ("IQ.15" -> Nineveh); ``spans`` lists the countries a
world feature (a sea, a river, the Sahel) lies in or borders, its context when it has no country of its own.
"""

from __future__ import annotations

import logging
import sqlite3
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tacitus.geo.normalize import variants

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    key TEXT PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL,
    lon REAL,
    feature_class TEXT,
    feature_code TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    parent TEXT,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    norm TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (norm, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin (code TEXT PRIMARY KEY, name TEXT NOT NULL, key TEXT);
CREATE TABLE IF NOT EXISTS curated_names (key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (key, name));
CREATE TABLE IF NOT EXISTS spans (key TEXT NOT NULL, country TEXT NOT NULL, PRIMARY KEY (key, country));
"""


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One gazetteer entry as stored. ``admin1``/``admin2`` are GeoNames codes, not names."""

    key: str
    name: str
    source: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    parent: str | None = None


def geonames_key(geonameid: int) -> str:
    """The index key of a GeoNames place (also the EntityRuler id: ``geonames:99072``)."""
    return f"geonames:{geonameid}"


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) an index file with the schema in place."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    return conn


class IndexWriter:
    """Upserts places and their names in batches; the caller commits (one transaction per source).

    Names are deduplicated in memory and written sorted: inserting a million keys in order into the
    ``names`` B-tree is several times faster than in arrival order. ``names_batch`` bounds the memory
    (the packaged build holds all its ~1M names; streaming a GeoNames dump flushes every 160,000).
    """

    def __init__(self, conn: sqlite3.Connection, batch: int = 20_000, names_batch: int = 160_000) -> None:
        self.conn = conn
        self.batch = batch
        self.names_batch = names_batch
        self._places: list[tuple[object, ...]] = []
        self._names: dict[tuple[str, str], str] = {}
        self.places_written = 0
        self.names_written = 0

    def place(self, row: PlaceRow, names: Iterable[str] = ()) -> None:
        """Add or replace a place; its own name and ``names`` become lookup keys."""
        self._places.append(
            (
                row.key,
                row.geonameid,
                row.name,
                row.lat,
                row.lon,
                row.feature_class,
                row.feature_code,
                row.country,
                row.admin1,
                row.admin2,
                row.population,
                row.parent,
                row.source,
            )
        )
        self.names(row.key, [row.name], kind="primary")
        self.names(row.key, names, kind="alt")
        if len(self._places) >= self.batch:
            self._flush_places()

    def names(self, key: str, names: Iterable[str], kind: str = "alt") -> None:
        """Add lookup names for an existing (or about to be written) place."""
        buffer = self._names
        for name in names:
            for norm in variants(name):
                if len(norm) <= 80 and (kind == "primary" or (norm, key) not in buffer):
                    buffer[norm, key] = kind
        if len(buffer) >= self.names_batch:
            self.flush_names()

    def admin(self, code: str, name: str, key: str | None) -> None:
        """Record the name of an admin code ("IQ.15" or "IQ.15.9166649")."""
        self.conn.execute("INSERT OR REPLACE INTO admin VALUES (?, ?, ?)", (code, name, key))

    def flush(self) -> None:
        """Write what is buffered; a primary name wins over an alternate one for the same key."""
        self._flush_places()
        self.flush_names()

    def _flush_places(self) -> None:
        if self._places:
            self.conn.executemany(
                "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self._places
            )
            self.places_written += len(self._places)
            self._places = []

    def flush_names(self) -> None:
        """Write the buffered names in key order."""
        if self._names:
            self.conn.executemany(
                "INSERT INTO names VALUES (?, ?, ?) ON CONFLICT (norm, key) DO UPDATE SET kind = "
                "CASE WHEN excluded.kind = 'primary' THEN 'primary' ELSE names.kind END",
                [(norm, key, kind) for (norm, key), kind in sorted(self._names.items())],
            )
            self.names_written += len(self._names)
            self._names = {}


def fill_area_coordinates(conn: sqlite3.Connection) -> int:
    """Give areas without coordinates (and population) the centre of their populated places' extent.

    Why: the packaged sources and GeoNames' admin code files name areas but carry no coordinates. GeoNames
    puts an area's point near its geographic centre; the centre of the box spanning the 2nd-98th
    percentiles of the member places' latitudes and longitudes estimates that without being pulled by
    dense regions (a median would) or by overseas territories (a full bounding box would). docs/geo.md
    says these points are approximate. An area without a population gets its places' total, so that a
    province is weighed like the country it is in rather than like a hamlet.
    """
    conn.execute("CREATE INDEX IF NOT EXISTS places_area ON places (country, admin1, admin2)")
    rows = conn.execute(
        "SELECT key, feature_code, country, admin1, admin2 FROM places "
        "WHERE lat IS NULL AND feature_class = 'A'"
    ).fetchall()
    filled = 0
    for key, code, country, admin1, admin2 in rows:
        args: tuple[str, ...]
        if code == "ADM2" and admin2:
            where, args = "country = ? AND admin1 = ? AND admin2 = ?", (country, admin1, admin2)
        elif code == "ADM1" and admin1:
            where, args = "country = ? AND admin1 = ?", (country, admin1)
        elif country:
            where, args = "country = ?", (country,)
        else:
            continue
        points = conn.execute(
            f"SELECT lat, lon, population FROM places WHERE feature_class = 'P' AND lat IS NOT NULL "
            f"AND {where}",
            args,
        ).fetchall()
        if not points:
            continue
        lat, lon = _extent_centre([p[0] for p in points]), _extent_centre([p[1] for p in points])
        conn.execute(
            "UPDATE places SET lat = ?, lon = ?, population = max(population, ?) WHERE key = ?",
            (lat, lon, sum(p[2] for p in points), key),
        )
        filled += 1
    log.info("gave %d of %d areas coordinates from their populated places", filled, len(rows))
    return filled


def _extent_centre(values: list[float]) -> float:
    if len(values) < 3:
        return statistics.fmean(values)
    cuts = statistics.quantiles(values, n=50, method="inclusive")
    return (cuts[0] + cuts[-1]) / 2


def finish(conn: sqlite3.Connection) -> None:
    """Indexes that lookups need, created after bulk loading (much faster than during it)."""
    conn.execute("CREATE INDEX IF NOT EXISTS places_area ON places (country, admin1, admin2)")
    conn.execute("CREATE INDEX IF NOT EXISTS places_geonameid ON places (geonameid)")
    conn.execute("CREATE INDEX IF NOT EXISTS names_key ON names (key)")

"""Stream GeoNames dump files into the index (``tacitus gazetteer load``).

Why streaming: allCountries.zip is 1.5 GB unpacked and alternateNamesV2 over 16 million rows; they are
read line by line from inside the zip/gzip, never unpacked to disk or held in memory. Which file it is
comes from its name, else from its columns (19 numeric-led columns = geoname rows, 8-10 = alternate names,
4 = admin codes).
"""

from __future__ import annotations

import gzip
import io
import logging
import sqlite3
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

from tacitus.errors import InputError
from tacitus.geo.index import IndexWriter, PlaceRow, geonames_key
from tacitus.geo.normalize import useful_alternate

log = logging.getLogger(__name__)

#: alternateNames "languages" that are not names (links, ids, postal codes, transport codes).
_NOT_NAMES = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "tcid", "unlc", "fr_1793"})


def _is_id(text: str) -> bool:
    """An ASCII number (``str.isdigit`` also accepts "²", which ``int`` rejects)."""
    text = text.strip()
    return text.isascii() and text.isdigit()


class DumpKind(StrEnum):
    """The GeoNames files ``load`` understands."""

    GEONAMES = "geonames"
    ALTERNATE_NAMES = "alternate_names"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    COUNTRY_INFO = "country_info"


@contextmanager
def open_lines(path: Path) -> Iterator[Iterator[str]]:
    """Text lines of a plain, gzip or zip file (the zip's data member, not its readme)."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    name = path.name.lower()
    if name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise InputError(str(path), "zip holds no .txt data file")
            member = max(members, key=lambda m: archive.getinfo(m).file_size)
            with archive.open(member) as raw:
                yield iter(io.TextIOWrapper(raw, encoding="utf-8"))
    elif name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as text:
            yield iter(text)
    else:
        with path.open(encoding="utf-8") as text:
            yield iter(text)


def detect_kind(path: Path) -> DumpKind:
    """Which GeoNames file this is, by name first, then by the shape of its first data line."""
    name = path.name.lower()
    for marker, kind in (
        ("alternatename", DumpKind.ALTERNATE_NAMES),
        ("admin1code", DumpKind.ADMIN1),
        ("admin2code", DumpKind.ADMIN2),
        ("countryinfo", DumpKind.COUNTRY_INFO),
    ):
        if marker in name:
            return kind
    with open_lines(path) as lines:
        first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    cols = first.rstrip("\n").split("\t")
    if len(cols) >= 19 and _is_id(cols[0]):
        return DumpKind.GEONAMES
    if len(cols) >= 19:
        return DumpKind.COUNTRY_INFO
    if len(cols) in (8, 10) and _is_id(cols[0]) and _is_id(cols[1]):
        return DumpKind.ALTERNATE_NAMES
    if len(cols) == 4 and _is_id(cols[3]):
        return DumpKind.ADMIN2 if cols[0].count(".") == 2 else DumpKind.ADMIN1
    raise InputError(
        str(path),
        f"not a GeoNames file I know ({len(cols)} columns); expected allCountries/XX.zip/cities500 "
        "(19 columns), alternateNamesV2, admin1CodesASCII, admin2Codes or countryInfo",
    )


def _geonames(lines: Iterator[str], writer: IndexWriter) -> int:
    count = 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19 or not _is_id(cols[0]):
            continue
        geonameid = int(cols[0])
        try:
            lat, lon, population = float(cols[4]), float(cols[5]), int(cols[14] or 0)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("coordinates out of range")
        except ValueError:
            log.warning("skipped geoname row %s: bad coordinates or population", geonameid)
            continue
        alternates = [a for a in cols[3].split(",") if a and useful_alternate(a)]
        writer.place(
            PlaceRow(
                key=geonames_key(geonameid),
                geonameid=geonameid,
                name=cols[1],
                lat=lat,
                lon=lon,
                feature_class=cols[6] or None,
                feature_code=cols[7] or None,
                country=cols[8] or None,
                admin1=cols[10] or None,
                admin2=cols[11] or None,
                population=population,
                source="geonames",
            ),
            [cols[2], *alternates],
        )
        count += 1
    return count


def _alternate_names(lines: Iterator[str], writer: IndexWriter) -> int:
    known = {
        row[0] for row in writer.conn.execute("SELECT geonameid FROM places WHERE geonameid IS NOT NULL")
    }
    count = 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 8 or not _is_id(cols[1]) or cols[2] in _NOT_NAMES or cols[7] == "1":
            continue
        geonameid = int(cols[1])
        if geonameid in known and useful_alternate(cols[3]):
            writer.names(geonames_key(geonameid), [cols[3]])
            count += 1
    return count


def _admin(lines: Iterator[str], writer: IndexWriter, level: int) -> int:
    writer.flush()
    count = 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not _is_id(cols[3]):
            continue
        code, name, ascii_name, geonameid = cols[0], cols[1], cols[2], int(cols[3])
        parts = code.split(".")
        if len(parts) != level + 1:
            continue
        key = geonames_key(geonameid)
        writer.admin(code, name, key)
        writer.conn.execute(
            "INSERT OR IGNORE INTO places (key, geonameid, name, feature_class, feature_code, country, "
            "admin1, admin2, source) VALUES (?, ?, ?, 'A', ?, ?, ?, ?, 'geonames')",
            (key, geonameid, name, f"ADM{level}", parts[0], parts[1], parts[2] if level == 2 else None),
        )
        writer.names(key, [name, ascii_name])
        count += 1
    return count


def _country_info(lines: Iterator[str], writer: IndexWriter) -> int:
    writer.flush()
    count = 0
    for line in lines:
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 17 or not _is_id(cols[16]):
            continue
        key = geonames_key(int(cols[16]))
        population = int(cols[7]) if _is_id(cols[7]) else 0
        writer.conn.execute(
            "INSERT INTO places (key, geonameid, name, feature_class, feature_code, country, population, "
            "source) VALUES (?, ?, ?, 'A', 'PCLI', ?, ?, 'geonames') ON CONFLICT (key) DO UPDATE SET "
            "population = excluded.population, country = excluded.country",
            (key, int(cols[16]), cols[4], cols[0], population),
        )
        writer.names(key, [cols[4], cols[1]])
        count += 1
    return count


def load_dump(conn: sqlite3.Connection, path: Path, kind: DumpKind | None = None) -> tuple[DumpKind, int]:
    """Stream one GeoNames file into an open index; returns what it was and how many rows it added."""
    kind = kind or detect_kind(path)
    writer = IndexWriter(conn)
    with open_lines(path) as lines:
        if kind is DumpKind.GEONAMES:
            count = _geonames(lines, writer)
        elif kind is DumpKind.ALTERNATE_NAMES:
            count = _alternate_names(lines, writer)
        elif kind is DumpKind.COUNTRY_INFO:
            count = _country_info(lines, writer)
        else:
            count = _admin(lines, writer, 1 if kind is DumpKind.ADMIN1 else 2)
    writer.flush()
    log.info("loaded %d rows of %s from %s", count, kind.value, path)
    return kind, count

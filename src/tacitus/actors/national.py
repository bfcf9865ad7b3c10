"""National state forces of every country, generated from a country table instead of 190 entries.

Why generated: "Ethiopian troops", "Mali's army", "Kenyan police" follow one pattern for every state,
and ACLED names them the same way ("Military Forces of Ethiopia", "Police Forces of Kenya"). The
country table (``data/countries.csv``: ISO code, display name, country words, adjectives) was built once
from pycountry and countryinfo's demonyms and corrected by hand; the nouns and names are in
``data/national_forces.yaml``. Both are data, so a user can fix a demonym without touching Python.

Why curated entries win: actors.yaml knows things the pattern cannot (the CTS is part of Iraq's forces,
"Iraqi police" is the Federal Police, Russia's forces are external in Syria); a generated alias never
takes a surface form a curated actor already claims.
"""

from __future__ import annotations

import csv
import importlib.resources
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from tacitus.actors.surface import normalise
from tacitus.errors import ResolutionError


class ForceTemplate(BaseModel):
    """One kind of national force: its actor name pattern, inter code and the nouns that name it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    type: int = Field(ge=1, le=8)
    nouns: tuple[str, ...]
    modifiers: bool = False


class NationalForces(BaseModel):
    """The contents of ``national_forces.yaml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    templates: tuple[ForceTemplate, ...]
    no_modifier: tuple[str, ...] = ()


@dataclass(frozen=True)
class Country:
    """One row of ``countries.csv``."""

    iso: str
    name: str
    country_words: tuple[str, ...]
    adjectives: tuple[str, ...]


def _packaged(name: str) -> str:
    return importlib.resources.files("tacitus.actors").joinpath("data", name).read_text(encoding="utf-8")


def load_countries() -> list[Country]:
    """The packaged country table."""
    reader = csv.DictReader(io.StringIO(_packaged("countries.csv")))
    countries: list[Country] = []
    for row in reader:
        try:
            countries.append(
                Country(
                    iso=row["iso"],
                    name=row["name"],
                    country_words=tuple(w for w in row["country_words"].split(";") if w),
                    adjectives=tuple(a for a in row["adjectives"].split(";") if a),
                )
            )
        except KeyError as exc:
            raise ResolutionError(
                f"countries.csv: missing column {exc}; expected iso,name,country_words,adjectives"
            ) from exc
    return countries


def load_templates() -> NationalForces:
    """The packaged force templates."""
    raw: Any = yaml.safe_load(_packaged("national_forces.yaml"))
    return NationalForces.model_validate(raw)


def national_entries(countries: Sequence[Country], forces: NationalForces) -> list[dict[str, Any]]:
    """Actor entries (as ``ActorEntry`` fields) for every template and country.

    Returned as plain fields, not entries, so the dictionary can merge them into curated actors of the
    same name before validating.
    """
    entries: list[dict[str, Any]] = []
    for template in forces.templates:
        for country in countries:
            prefixes = [*country.adjectives]
            for word in country.country_words:
                prefixes.extend([word, f"{word}'s"])
            aliases = tuple(
                dict.fromkeys(f"{prefix} {noun}" for prefix in prefixes for noun in template.nouns)
            )
            if not aliases:
                continue
            modifiers = (
                country.adjectives if template.modifiers and country.iso not in forces.no_modifier else ()
            )
            entries.append(
                {
                    "name": template.name.format(country=country.name),
                    "type": template.type,
                    "country": country.iso,
                    "derived_aliases": aliases,
                    "modifiers": modifiers,
                }
            )
    return entries


def merge_national(
    curated: Iterable[dict[str, Any]], generated: Iterable[dict[str, Any]], taken: set[str]
) -> list[dict[str, Any]]:
    """Curated entries with the generated ones added where they do not collide.

    ``taken`` holds the normalised aliases of the curated entries: a generated alias among them is
    dropped. A generated entry whose name is a curated one's adds its remaining aliases and modifiers
    to it; the curated fields (type, parent, capabilities) stay.
    """
    merged = {entry["name"]: dict(entry) for entry in curated}
    for entry in generated:
        aliases = tuple(a for a in entry["derived_aliases"] if normalise(a) not in taken)
        current = merged.get(entry["name"])
        if current is None:
            merged[entry["name"]] = {**entry, "derived_aliases": aliases}
            continue
        current["derived_aliases"] = (*current.get("derived_aliases", ()), *aliases)
        known = {m.lower() for m in current.get("modifiers", ())}
        extra = tuple(m for m in entry["modifiers"] if m.lower() not in known)
        current["modifiers"] = (*current.get("modifiers", ()), *extra)
    return list(merged.values())

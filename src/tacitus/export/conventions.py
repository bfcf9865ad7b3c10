"""ACLED's coding conventions that exports need: country names and codes, regions, disorder types.

Why a data file: the region list, ACLED's spelling of country names and the disorder types are curated
knowledge that changes with ACLED's codebook, not logic; they live in ``data/acled.yaml``. ISO 3166 codes
and names come from pycountry so Tacitus keeps no country table of its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pycountry
import yaml

from tacitus.model import Event

#: ACLED event id prefix when an event has no country.
UNKNOWN_ISO3 = "ZZZ"


@dataclass(frozen=True)
class Country:
    """One country as ACLED's columns want it."""

    alpha_2: str
    alpha_3: str
    numeric: str
    name: str
    region: str


@functools.cache
def _conventions() -> dict[str, Any]:
    text = resources.files("tacitus.export").joinpath("data", "acled.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@functools.cache
def _regions() -> dict[str, str]:
    return {code: region for region, codes in _conventions()["regions"].items() for code in codes}


@functools.cache
def country(alpha_2: str | None) -> Country | None:
    """The country for an ISO 3166-1 alpha-2 code (case-insensitive), or None when unknown."""
    if not alpha_2:
        return None
    code = alpha_2.strip().upper()
    region = _regions().get(code, "")
    extra = _conventions()["extra_countries"].get(code)
    if extra is not None:
        return Country(code, extra["alpha_3"], str(extra["numeric"]), extra["name"], region)
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return None
    name = _conventions()["names"].get(code) or getattr(found, "common_name", None) or found.name
    return Country(code, found.alpha_3, str(int(found.numeric)), name, region)


def disorder_type(event_type: str | None, sub_type: str | None) -> str:
    """ACLED's disorder type for an event type and sub-event type ('' when the type is not ACLED's)."""
    table = _conventions()["disorder_types"]
    by_sub: dict[str, str] = table["by_sub_type"]
    by_type: dict[str, str] = table["by_type"]
    if sub_type and sub_type in by_sub:
        return by_sub[sub_type]
    return by_type.get(event_type or "", "")


def civilian_targeting(event: Event) -> str:
    """ACLED's ``civilian_targeting`` value: "Civilian targeting" when civilians were the target."""
    rule = _conventions()["civilian_targeting"]
    if event.type in rule["types"] or event.inter2 in rule["inter2"]:
        return "Civilian targeting"
    return ""

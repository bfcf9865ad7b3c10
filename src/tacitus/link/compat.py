"""Pair evidence for linking: date windows, their gaps, place relations and event-type compatibility.

Why these as evidence rather than vetoes (see tacitus.link.linker): extracted dates and places err, and
follow-up reports come weeks later, so the linker scores the gap between date windows and the graded place
relation instead of blocking on them. Every function here is a cheap, symmetric pair function, which keeps
the final partition independent of the order in which documents arrive. ``windows_compatible`` and
``places_compatible`` stay hard checks for grouping the events *within* one document.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import yaml

from tacitus.model import Place, TimeSpan

#: Days of slack (before, after) a resolved date, by precision. Day dates get one day after, so two reports
#: one day apart ("late Saturday" / "early Sunday") overlap but two days apart do not; week and month dates
#: only bound the occurrence loosely.
DATE_TOLERANCE_DAYS: dict[str, tuple[int, int]] = {
    "day": (0, 1),
    "week": (3, 3),
    "month": (7, 7),
    "year": (0, 0),
}

#: When a report has no resolved date, the occurrence lies in this window before its publication date.
UNDATED_LOOKBACK_DAYS = 10


@dataclass(frozen=True)
class DateWindow:
    """A closed interval of proleptic Gregorian ordinals in which the occurrence happened."""

    lo: int
    hi: int

    def overlaps(self, other: DateWindow) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


def _parse_iso(value: str | None, year: int | None) -> dt.date | None:
    """Read ``YYYY-MM-DD`` or ``--MM-DD`` (year unknown: borrowed from the publication date)."""
    if not value:
        return None
    try:
        if value.startswith("--"):
            if year is None:
                return None
            month, day = value[2:].split("-")
            return dt.date(year, int(month), int(day))
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_window(span: TimeSpan | None, published: dt.date | None) -> DateWindow | None:
    """The window for a report's date: the resolved span with slack, else the days before publication.

    A resolved date after the publication date is impossible for a past event; such a date (a future
    announcement, a mis-resolved weekday) is ignored in favour of the publication window.
    """
    year = published.year if published else None
    start = _parse_iso(span.start, year) if span and not span.future else None
    end = _parse_iso(span.end, year) if span and not span.future else None
    if start is not None:
        end = end or start
        before, after = DATE_TOLERANCE_DAYS.get(span.precision or "day", (0, 1)) if span else (0, 1)
        lo, hi = start.toordinal() - before, end.toordinal() + after
        if published is None or lo <= published.toordinal() + 1:
            if published is not None:
                hi = min(hi, published.toordinal() + 1)
            return DateWindow(lo, max(lo, hi))
    if published is not None:
        return DateWindow(published.toordinal() - UNDATED_LOOKBACK_DAYS, published.toordinal() + 1)
    return None


def windows_compatible(a: DateWindow | None, b: DateWindow | None) -> bool:
    """Unknown dates constrain nothing; known ones must overlap."""
    return a is None or b is None or a.overlaps(b)


def window_gap_days(a: DateWindow | None, b: DateWindow | None) -> int:
    """Days between two windows (0 when they overlap or one is unknown).

    The windows already carry each date's precision as slack (a month date is +-7 days wide), so the gap
    is the distance that no reading of the two dates can close: the linker's soft date evidence.
    """
    if a is None or b is None or a.overlaps(b):
        return 0
    return max(a.lo - b.hi, b.lo - a.hi)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a spherical Earth (error < 0.5%, ample for a "same town" test)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _norm(name: str | None) -> str:
    return " ".join((name or "").casefold().replace("-", " ").split())


def _contains(outer: Place, inner: Place) -> bool:
    """``outer`` is an administrative parent of ``inner`` (by the names GeoNames gives its admin units)."""
    name = _norm(outer.name)
    if not name:
        return False
    if outer.feature_code and outer.feature_code.startswith("PCL") and outer.country == inner.country:
        return True
    return name in {_norm(inner.admin1), _norm(inner.admin2)}


def places_nested_or_same(a: Place, b: Place) -> bool:
    """Same GeoNames entry, same name, or one is the admin/parent of the other."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if _norm(a.name) == _norm(b.name):
        return True
    return _contains(a, b) or _contains(b, a)


def places_compatible(a: Place | None, b: Place | None, max_km: float) -> bool:
    """Unknown places constrain nothing; known ones must be the same, nested, or within ``max_km``."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if places_nested_or_same(a, b):
        return True
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max_km
    return False


PlaceRelation = Literal["same", "nested", "near", "region", "far", "country", "unknown"]


def _admin1_equal(a: Place, b: Place) -> bool:
    return bool(a.admin1) and _norm(a.admin1) == _norm(b.admin1) and a.country == b.country


def place_relation(a: Place | None, b: Place | None, near_km: float, region_km: float) -> PlaceRelation:
    """How two resolved places relate, from strongest agreement to strongest disagreement.

    Why graded and not a yes/no: resolution errs (a US town name resolved to a namesake elsewhere, a
    place carrying an admin1 code and its neighbour a name), so the linker weighs the relation as evidence
    instead of vetoing on it. ``same`` = one GeoNames id; ``nested`` = same name or an admin parent;
    ``near`` = within ``near_km``; ``region`` = within ``region_km`` or the same first-level admin unit;
    ``far`` = same country otherwise; ``country`` = two different countries; ``unknown`` = one is missing.
    """
    if a is None or b is None:
        return "unknown"
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return "same"
    if a.country and b.country and a.country != b.country:
        return "country"
    if places_nested_or_same(a, b):
        return "nested"
    km: float | None = None
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km is not None and km <= near_km:
        return "near"
    if (km is not None and km <= region_km) or _admin1_equal(a, b):
        return "region"
    return "far"


@lru_cache(maxsize=1)
def _type_penalties() -> dict[frozenset[str], float]:
    text = resources.files("tacitus.link").joinpath("data/event_types.yaml").read_text(encoding="utf-8")
    table: dict[frozenset[str], float] = {}
    for entry in yaml.safe_load(text)["compatible"]:
        table[frozenset(entry["types"])] = float(entry["penalty"])
    return table


def type_penalty(a: str | None, b: str | None) -> float | None:
    """Score penalty for linking two event types, or ``None`` when they can never be the same occurrence."""
    if a is None or b is None or a == b:
        return 0.0
    return _type_penalties().get(frozenset((a, b)))

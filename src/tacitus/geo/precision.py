"""Precision codes for a resolved place: ACLED ``geo_precision`` (1-3) and UCDP ``where_prec`` (1-7).

ACLED: 1 = the named town/village (or a neighbourhood of it); 2 = part of a town or a small area near
it ("west Mosul", a district); 3 = only a larger region (province, country). UCDP: 1 = exact place;
2 = within ~25 km of a known point; 3 = second-order admin unit; 4 = first-order admin unit; 5 = a part
of a country larger than one province (region, river, mountains); 6 = the country; 7 = beyond a country
(continent, sea, airspace).
"""

from __future__ import annotations

import math

#: Feature codes of lines rather than areas (rivers, streams, canals): precision 5 whatever they cross.
LINEAR_CODES = ("STM", "CNL", "WAD")


def codes(
    feature_class: str | None, feature_code: str | None, *, part: bool, beyond_country: bool = False
) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) for a place's feature; ``part`` for "west X" mentions.

    ``beyond_country``: a region, strait or peninsula with no country of its own (the Sahel, the
    Strait of Hormuz, the Korean Peninsula) spans several countries, so UCDP's 7 ("beyond a country")
    rather than 5; a river stays 5 whatever it crosses (a linear feature: UCDP codes an event "along
    the Euphrates" at 5).
    """
    code = feature_code or ""
    if code == "CONT" or (feature_class == "H" and code.startswith(("OCN", "SEA", "GULF", "BAY"))):
        return 3, 7
    if code.startswith("PCL") or code == "TERR":
        return 3, 6
    if code in {"ADM1", "ADM1H", "ADMD"}:
        return 3, 4
    if code.startswith("ADM"):
        return 2, 3
    if feature_class == "P":
        return (2, 2) if part else (1, 1)
    if feature_class in {"L", "T", "H"}:
        return (3, 7) if beyond_country and not code.startswith(LINEAR_CODES) else (3, 5)
    return (2, 2) if part else (1, 1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))

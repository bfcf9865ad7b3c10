"""Qualified names: "Paris, Tenn.", "London, Ontario", "Atlanta, Georgia", "Tbilisi, Georgia".

Why: news disambiguates a town by writing its state, province or country after a comma, and a reader
takes the pair together: the town is the one inside that area, and the area is the one that contains
such a town ("Georgia" after "Atlanta" is the state, after "Tbilisi" the country). The document-wide
context of :class:`tacitus.geo.resolve.Resolver` only hears the area as one vote among all the others
(an article listing "Louisville, Ky., New Haven, Conn." has four states), so the pair is scored here,
before any choice is made: the best-scoring pair of (place inside area, area) gets a bonus on both
sides.

A pair is two mentions separated by a comma (or an opening parenthesis) only. A list of areas
("Ohio, Indiana", "Egypt, Lebanon") is not a qualification: when the first name is itself best read as
a country or a first-level area, no pair is formed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Protocol

from tacitus.geo.gazetteer import Candidate

#: What may stand between a name and its qualifier: "Paris, Tenn.", "Paris (Texas)".
_GAP = re.compile(r"\s*,\s*|\s*\(\s*")


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def qualifier_pairs(mentions: Sequence[_Spanned], text: str) -> list[tuple[int, int]]:
    """Indices (name, qualifier) of mentions where the qualifier follows the name after a comma."""
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    pairs = []
    for a, b in pairwise(order):
        first, second = mentions[a], mentions[b]
        if second.start >= first.end and _GAP.fullmatch(text[first.end : second.start]):
            pairs.append((a, b))
    return pairs


def _is_area(candidate: Candidate) -> bool:
    code = candidate.feature_code or ""
    return code == "ADM1" or code.startswith("PCL")


def _inside(place: Candidate, area: Candidate) -> bool:
    """Whether ``place`` lies in ``area`` (a country or first-level area) and is below it."""
    if place.key == area.key or place.country is None or place.country != area.country:
        return False
    place_code = place.feature_code or ""
    if place_code.startswith("PCL") or place_code == "CONT":
        return False
    if (area.feature_code or "").startswith("PCL"):
        return True
    return place_code != "ADM1" and place.admin1 is not None and place.admin1 == area.admin1


def qualified_bonus(
    name_pool: Sequence[Candidate],
    name_prior: Sequence[float],
    area_pool: Sequence[Candidate],
    area_prior: Sequence[float],
) -> tuple[list[int], int] | None:
    """The name's candidates inside the best qualifying area, and that area's index; None if no pair.

    The pair chosen maximises the name's best prior inside the area plus the area's prior, so that
    "Georgia" after "Atlanta" is the US state (Atlanta is inside it) and "Paris, Tenn." is the Paris
    of Tennessee. No pair when the name is itself best read as an area (a list: "Ohio, Indiana").
    """
    if not name_pool or not area_pool:
        return None
    top = max(range(len(name_pool)), key=lambda j: name_prior[j])
    if _is_area(name_pool[top]) or (name_pool[top].feature_code or "") == "CONT":
        return None
    best: tuple[float, int] | None = None
    for k, area in enumerate(area_pool):
        if not _is_area(area):
            continue
        inside = [name_prior[j] for j, c in enumerate(name_pool) if _inside(c, area)]
        if inside and (best is None or max(inside) + area_prior[k] > best[0]):
            best = (max(inside) + area_prior[k], k)
    if best is None:
        return None
    area = area_pool[best[1]]
    return [j for j, c in enumerate(name_pool) if _inside(c, area)], best[1]

"""Which place a span of text (a claim, an event) is about: the place the text ties to it.

Why this order: a place named inside the claim's own words is the strongest tie, then one in the same
sentence, then the paragraph, then the document's focus place (the one named most often). Within the
span and the sentence the most specific place wins (a neighbourhood over its city over its country),
then the nearest; across a paragraph the last place named before the span wins, else the first after.

Places with ``role == "modifier"`` ("a U.S. airstrike", "U.S. officials": who, not where) are never
chosen, not even as the focus place: the United States named as the striker does not locate the strike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tacitus.model import Place

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")
_PARAGRAPH_END = re.compile(r"\n")


def _bounds(text: str, start: int, end: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    left = 0
    for match in pattern.finditer(text, 0, start):
        left = match.end()
    after = pattern.search(text, max(start, end - 1))  # a span may end on its sentence's full stop
    return left, after.start() if after else len(text)


def _specificity(place: Place) -> tuple[int, int]:
    return (place.precision or 3, place.where_prec or 7)


def most_specific(places: Sequence[Place], start: int, end: int) -> Place:
    """The most specific of ``places`` (neighbourhood, city, country), then the one nearest the span."""

    def key(place: Place) -> tuple[int, int, int, int]:
        ev = place.evidence
        distance = 0 if ev is None else max(ev.start - end, start - ev.end, 0)
        return (*_specificity(place), distance, ev.start if ev else 0)

    return min(places, key=key)


def _nearest_before(places: Sequence[Place], start: int, end: int) -> Place:
    """Across sentences news names the place first and gives details after: prefer the last place
    named before the span, else the first after it."""

    def key(place: Place) -> tuple[int, int, int, int]:
        ev = place.evidence
        before = ev is not None and ev.end <= start
        distance = 0 if ev is None else max(ev.start - end, start - ev.end, 0)
        return (0 if before else 1, distance, *_specificity(place))

    return min(places, key=key)


def locations(places: Sequence[Place]) -> list[Place]:
    """The places that say where (``role == "location"``), leaving out "U.S." in "a U.S. airstrike"."""
    return [p for p in places if p.role == "location"]


def focus_place(places: Sequence[Place]) -> Place | None:
    """The place the document is about: named most often, then most specific, then first named.

    Only locations count (a country named as "U.S. officials" ten times is not what the article is about)."""
    places = locations(places)
    if not places:
        return None
    counts = Counter((p.geonameid, p.name) for p in places)
    return min(
        places,
        key=lambda p: (
            -counts[(p.geonameid, p.name)],
            *_specificity(p),
            p.evidence.start if p.evidence else 0,
        ),
    )


def place_for_span(places: Sequence[Place], text: str, start: int, end: int) -> Place | None:
    """The place tied to ``text[start:end]``: in the span, sentence, paragraph, else the focus place."""
    located = [p for p in locations(places) if p.evidence is not None]
    inside = [p for p in located if p.evidence and start <= p.evidence.start and p.evidence.end <= end]
    if inside:
        return most_specific(inside, start, end)
    left, right = _bounds(text, start, end, _SENTENCE_END)
    near = [p for p in located if p.evidence and left <= p.evidence.start and p.evidence.end <= right]
    if near:
        return most_specific(near, start, end)
    left, right = _bounds(text, start, end, _PARAGRAPH_END)
    near = [p for p in located if p.evidence and left <= p.evidence.start and p.evidence.end <= right]
    if near:
        return _nearest_before(near, start, end)
    return focus_place(places)

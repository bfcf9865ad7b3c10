"""Names the gazetteer lacks, placed at the place the document puts them in.

Why: news names streets, squares, buildings, camps, stadiums and city quarters that no gazetteer this
project can ship holds ("Royal Street", "Anfield", "Ghouta"). Left unresolved, such a mention loses its
event's place altogether; guessed by spelling alone, it lands on a namesake thousands of km away
("Helmet" -> Helmetta, New Jersey; "Orinoco" -> Orange, New South Wales). Coders do neither: ACLED's
codebook codes an event at a small unknown location at the nearest named place, with geo_precision 2,
and UCDP's ``where_prec`` 2 means "within about 25 km of a known point". So a mention that matched
nothing, or that the document does not back (a match by spelling only, or a town under 10,000 people,
in a country none of the document's other places is in: "Atlantic" -> Atlantic, Iowa in a story on
the ocean, "Heathrow" -> Heathrow, Florida),
takes the place the document itself names around it, when the mention is known to be a place (a gold
annotation, or marked as one by the text: ``tacitus.geo.place_cues``):

1. the nearest populated place or district (second-level area) named *before* it (news writes "in
   Mosul ... the Zanjili district", "Barclays Center in Brooklyn" less often than the other way round);
2. else the document's most-named populated place or district;
3. else its most-named place of any kind (a country, a province).

A world feature (a sea, a river, the Sahel: ``tacitus.geo.world``) never encloses: a street or a camp
the gazetteer lacks is not "in the Atlantic", and a country named beside it is the better fallback.

The result is flagged ``enclosing`` and is never given a finer precision than 2 (``tacitus.geo.stage``).
Chosen on the even-numbered benchmark articles, checked on the odd ones (docs/benchmarks/geo.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from tacitus.geo.gazetteer import Candidate
from tacitus.geo.world import is_world_feature

if TYPE_CHECKING:
    from tacitus.geo.resolve import Resolution

#: Populated places (0) and districts/counties (1) can enclose a street or a quarter; wider areas are
#: only the last resort.
_TOWN, _DISTRICT, _WIDER = 0, 1, 2


def _level(candidate: Candidate) -> int:
    if candidate.feature_class == "P":
        return _TOWN
    return _DISTRICT if candidate.feature_code == "ADM2" else _WIDER


def _named_elsewhere(names_in_country: set[str], own: str) -> bool:
    """Whether a name other than ``own`` has a place in the country these names were found in."""
    return len(names_in_country) > 1 or (bool(names_in_country) and own not in names_in_country)


def _doubtful(resolutions: Sequence[Resolution], small_town: int) -> list[bool]:
    """Which resolutions the document does not back: no candidate; a fuzzy spelling match in a country
    none of the other names' places is in; a populated place under ``small_town`` people in such a
    country, when the other names have places. Linear in the mentions (long documents name hundreds)."""
    texts_by_country: dict[str | None, set[str]] = defaultdict(set)
    for r in resolutions:
        if r.candidate is not None and not r.candidate.fuzzy:
            texts_by_country[r.candidate.country].add(r.mention.text)
    named_texts = set().union(*texts_by_country.values())
    out = []
    for r in resolutions:
        c = r.candidate
        if c is None:
            out.append(True)
            continue
        # A world feature is at home in the countries it spans (tacitus.geo.world).
        homes = c.spans or (c.country,)
        abroad = not any(_named_elsewhere(texts_by_country.get(x, set()), r.mention.text) for x in homes)
        others_named = _named_elsewhere(named_texts, r.mention.text)
        small = c.feature_class == "P" and c.population < small_town and others_named
        out.append(abroad and (c.fuzzy or small))
    return out


def enclose_unfound(resolutions: Sequence[Resolution], small_town: int = 10_000) -> list[Resolution]:
    """The resolutions of one document, those the document does not back (:func:`_doubtful`) placed at
    the place that encloses them; the others unchanged, in the same order."""
    doubtful = _doubtful(resolutions, small_town)
    anchors = sorted(
        (
            (r.mention.start, r.candidate)
            for r, doubt in zip(resolutions, doubtful, strict=True)
            if r.candidate is not None
            and r.candidate.lat is not None
            and not (doubt or r.candidate.fuzzy or is_world_feature(r.candidate))
        ),
        key=lambda pair: pair[0],
    )
    named = Counter(c.key for _, c in anchors)
    local = [(start, c) for start, c in anchors if _level(c) < _WIDER]

    def most_named(pool: Sequence[Candidate]) -> Candidate | None:
        # Most mentions first, then the finer place; ties keep the first named.
        return max(pool, key=lambda c: (named[c.key], -_level(c)), default=None)

    fallback = most_named([c for _, c in local]) or most_named([c for _, c in anchors])
    out: list[Resolution] = []
    for r, doubt in zip(resolutions, doubtful, strict=True):
        if not doubt:
            out.append(r)
            continue
        if not r.mention.known_place:
            # Nothing says it is a place: a namesake the document does not back is dropped.
            out.append(replace(r, candidate=None))
            continue
        before = [c for start, c in local if start < r.mention.start]
        enclosing = before[-1] if before else fallback
        out.append(replace(r, candidate=enclosing, part=False, enclosing=True) if enclosing else r)
    return out

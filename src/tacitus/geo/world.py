"""World features: seas, straits, rivers, peninsulas and regions that news names across countries.

Why their own rules: "the Red Sea", "the Sahel" or "the Euphrates" have no country of their own (or
one only, for "Sinai" or "Donbas") and no population, so the resolver's priors (population, feature
bonus) and context (the document's countries and provinces) would always prefer a namesake: the
Sudanese state of Red Sea, Atlantic in Iowa, the hamlet of Middle East. News names the feature far more
often than such a namesake, so a world feature gets a fixed prior bonus (``Weights.world_feature``)
instead of a population, and as context the share of the document's places in the countries it lies in
or borders (``Candidate.spans``, from ``data/world_features.csv``), at least ``Weights.area_share`` of it
as for countries: a sea is no anomaly in an article about elsewhere. It gets no focus bonus: a town in
the article's focus country and province, near its other places (Atlantic, Iowa among Iowa towns),
still wins; a country of the same name is never displaced, since the data gives no world feature a
country's bare name ("Jordan River", "Niger River", never "Jordan", "Niger").
A curated neighbourhood needs its town or country in the document; a world feature is allowed in any.
"""

from __future__ import annotations

from collections import Counter

from tacitus.geo.gazetteer import Candidate
from tacitus.geo.precision import LINEAR_CODES

#: Curated entries of these GeoNames classes are world features: water (H), relief (T), regions (L).
WORLD_CLASSES = frozenset({"H", "T", "L"})


def is_world_feature(candidate: Candidate) -> bool:
    """A curated (``tacitus:``) water body, relief feature or region rather than a neighbourhood."""
    return candidate.curated and candidate.feature_class in WORLD_CLASSES


def has_no_parts(candidate: Candidate) -> bool:
    """A line (river, canal, wadi) that a direction word does not divide: news names no "west part" of
    a river ("West Nile" is a Ugandan region and a virus, not the Nile's west), so "west X" never
    resolves to one."""
    return is_world_feature(candidate) and (candidate.feature_code or "").startswith(LINEAR_CODES)


def homes(candidate: Candidate) -> tuple[str, ...]:
    """The countries a place belongs to for context: a world feature's spans, else its country."""
    if candidate.spans:
        return candidate.spans
    return (candidate.country,) if candidate.country else ()


def span_share(candidate: Candidate, countries: Counter[str], total: int) -> float:
    """Share of the document's other toponyms that lie in a country the feature lies in or borders."""
    if not total:
        return 0.0
    return sum(countries[iso] for iso in homes(candidate)) / total

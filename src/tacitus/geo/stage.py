"""The place stage: resolve the document's toponyms and tie each claim to its place."""

from __future__ import annotations

from typing import ClassVar

from tacitus.geo.assign import place_for_span
from tacitus.geo.descriptions import described_towns
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.mentions import mentions_from_doc
from tacitus.geo.normalize import fold
from tacitus.geo.precision import codes
from tacitus.geo.resolve import Resolution, Resolver
from tacitus.model import Evidence, Place
from tacitus.pipeline import Analysis

#: UCDP ``where_prec`` from which a place is a country or wider: only those name an actor when they
#: modify a noun ("a U.S. airstrike"); a town before a noun locates ("a Mosul home").
_COUNTRY_OR_WIDER = 6


def to_place(resolution: Resolution, gazetteer: Gazetteer, text: str, stage: str) -> Place | None:
    """The output record of one resolved mention, with the mention as its evidence.

    A country or continent whose mention modifies a non-place noun gets ``role="modifier"``: it stays in
    the document's places (analysts want to know the United States is involved) but never becomes the
    place of a claim or an event (``tacitus.geo.assign``)."""
    candidate = resolution.candidate
    if candidate is None:
        return None
    mention = resolution.mention
    precision, where_prec = codes(
        candidate.feature_class,
        candidate.feature_code,
        part=resolution.part,
        beyond_country=candidate.country is None and len(candidate.spans) != 1,
    )
    if resolution.enclosing:
        # The mention's own name is not in the gazetteer: its point is only "near" the enclosing place.
        precision, where_prec = max(precision, 2), max(where_prec, 2)
    admin1 = gazetteer.admin_name(candidate.country, candidate.admin1) or candidate.admin1
    admin2 = None
    if candidate.admin2:
        admin2 = (
            gazetteer.admin_name(candidate.country, candidate.admin1, candidate.admin2) or candidate.admin2
        )
    return Place(
        name=candidate.name,
        geonameid=candidate.geonameid,
        lat=candidate.lat,
        lon=candidate.lon,
        country=candidate.country,
        admin1=admin1,
        admin2=admin2,
        feature_code=candidate.feature_code,
        precision=precision,
        where_prec=where_prec,
        approximate=resolution.enclosing,
        role="modifier" if mention.modifies_noun and where_prec >= _COUNTRY_OR_WIDER else "location",
        evidence=Evidence(
            start=mention.start, end=mention.end, text=text[mention.start : mention.end], stage=stage
        ),
    )


class PlaceStage:
    """Adds ``places`` (one per resolved toponym mention) and fills each claim's empty ``place``."""

    name: ClassVar[str] = "geo.places"
    version: ClassVar[str] = "6"
    requires: ClassVar[frozenset[str]] = frozenset({"parsed", "claims"})
    provides: ClassVar[frozenset[str]] = frozenset({"places"})

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer)
        fold("é")  # build the diacritics table (~0.5 s) now, not inside the first batch

    def __call__(self, analysis: Analysis) -> Analysis:
        text = analysis.document.text
        stage = f"{self.name}.v{self.version}"
        resolutions = self.resolver.resolve(mentions_from_doc(analysis.parsed), text)
        places = [p for r in resolutions if (p := to_place(r, self.gazetteer, text, stage)) is not None]
        descriptions = [
            (r.mention.start, r.mention.description_end) for r in resolutions if r.mention.description_end
        ]
        if descriptions:
            places = sorted(
                [*places, *described_towns(places, descriptions, text, stage)],
                key=lambda p: p.evidence.start if p.evidence else 0,
            )
        claims = [
            claim
            if claim.place is not None
            else claim.model_copy(
                update={"place": place_for_span(places, text, claim.evidence.start, claim.evidence.end)}
            )
            for claim in analysis.claims
        ]
        return analysis.model_copy(update={"places": places, "claims": claims})

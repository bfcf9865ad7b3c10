"""Toponym resolution: pick, for each place name in a document, the gazetteer entry it means.

Why context: most names are ambiguous (Alexandria, Georgia, Old City). Each candidate gets a prior
from what it is (countries and provinces are named more often than namesakes; bigger places more than
smaller; an exact name more than an alternate or a fuzzy spelling), then a context score from the
document: the countries and first-level admin areas the other toponyms resolve to (their majority is the
article's focus country), and how near the candidate lies to the other places (an area containing them
counts as nearest). Two rounds, each mention's own name left out of its context so a repeated name
cannot vote for itself. Before the rounds, co-location (:func:`colocation`) lets the *candidates* of
the other names vote, so two ambiguous names that explain each other (Paris and Henry County, both in
Tennessee) are not stuck at their most populous namesakes.
Curated neighbourhoods (Zanjili, Old City) count only when the document is about their country;
curated world features (seas, rivers, regions) count in any document (``tacitus.geo.world``).
The weights are set by reasoning and, for the rules of issue #6, chosen on the even-numbered articles
of the benchmark corpora only (docs/benchmarks/geo.md); docs/geo.md lists them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tacitus.geo.bounded import BoundedDict
from tacitus.geo.colocation import colocation
from tacitus.geo.enclosing import enclose_unfound
from tacitus.geo.gazetteer import Candidate, Gazetteer
from tacitus.geo.normalize import normalize
from tacitus.geo.qualifiers import qualified_bonus, qualifier_pairs
from tacitus.geo.variants import county_spelled_out, singular_demonym
from tacitus.geo.world import has_no_parts, is_world_feature, span_share

#: "west Mosul", "northern Iraq", "south-east Turkey": a direction word before a place names part of it.
DIRECTION = re.compile(
    r"^(?:the\s+)?((?:north|south)?[-\s]?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|central|"
    r"(?:north|south)[-\s]?(?:east|west)(?:ern)?)\s+(?!of\b)(.+)$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")
#: A generic word that says the mention names the area itself ("Nineveh province", "Cook County").
_TRAILING_GENERIC = re.compile(
    r"\s+(?:county|district|province|governorate|state|parish|region|department|oblast|prefecture)$",
    re.IGNORECASE,
)
_GENERIC_WORD = re.compile(
    r"\b(?:county|district|province|governorate|state|parish|region|department|municipality|oblast|"
    r"prefecture)\b",
    re.IGNORECASE,
)
#: The generic word of a list of areas that follows the names: "Clay and Becker counties", "Barrow,
#: Clarke and Oconee counties", "Orleans Parish" split by the recogniser. The plural may close a list;
#: the singular must follow the name directly ("Paris and Henry County" names a town and a county).
_GENERIC_AFTER = re.compile(
    r"(?:(?:\s*,\s*|\s+)(?:(?:and|or|&)\s+)?[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)?)*\s+"
    r"([Cc]ounties|[Pp]arishes)\b|\s+([Cc]ounty|[Pp]arish)\b",
)
_MAX_CANDIDATES = 40


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each piece of evidence counts (see the module docstring for why)."""

    match: float = 2.0
    population: float = 0.45
    feature: dict[str, float] = field(
        default_factory=lambda: {"CONT": 3.0, "PCL": 2.8, "ADM1": 2.2, "PPLC": 2.8, "ADM2": 1.0, "ADMD": 0.5}
    )
    #: An admin area and a populated place inside it that share a name ("Baghdad", "Mosul", "New York"):
    #: a bare mention means the place when it holds at least this share of the area's population.
    seat_share: float = 0.1
    #: The least name-match quality of a place that hides its area under the seat rule.
    seat_match: float = 1.0
    other_class: float = -0.5
    country_share: float = 2.5
    #: A country or continent named in an article about another country is no anomaly: it gets this share
    #: of the country bonus whatever the focus, so a village called China does not beat China.
    area_share: float = 0.5
    focus_country: float = 1.0
    admin1_share: float = 2.0
    near: tuple[tuple[float, float], ...] = ((30.0, 1.5), (100.0, 1.0), (300.0, 0.5))
    curated: float = 3.0
    #: Only the best candidates by prior are checked for nearness (distance is the costly part).
    near_top: int = 8
    #: Whether an admin area containing another chosen place gets the nearest-distance bonus.
    contains: bool = True
    ruler: float = 1.0
    #: Co-location: a candidate in the same district (or county) as a candidate of another name, or
    #: containing it, is supported by it ("Paris" and "Henry County": Paris, Tennessee lies in Henry
    #: County, Tennessee); the same first-level area counts half. See :func:`colocation`.
    colocated: float = 2.0
    #: The share of the co-location support that a shared first-level area gives (a shared district
    #: gives the rest).
    colocated_admin1: float = 0.2
    #: Support from a name is divided by (number of first-level areas it can be in) ** this.
    colocated_ambiguity: float = 0.5
    #: Match quality of a county reached by its bare name ("Clarke" for Clarke County), times the
    #: name's; news usually writes "County", so only context should make one win (1.0 = not looked up).
    bare_county: float = 0.6
    #: "Paris, Tenn.": added to a name's candidates inside the area written after it, and to that
    #: area (see ``tacitus.geo.qualifiers``); 0 turns the rule off.
    qualified: float = 3.0
    #: Taken from a first- or second-level area of a country none of the document's other places is in:
    #: "Gaza" in an article about Israel is not the Mozambican province, "Liverpool" beside English
    #: towns not the Australian district (a bare area name's feature bonus assumes it is news-worthy).
    foreign_area: float = 2.0
    #: Prior bonus of a curated world feature (sea, strait, river, region), in place of a population and
    #: a feature bonus. Above what a hamlet of its name gets from its country, the focus and a nearby
    #: place (2.5 + 1.0 + 1.0, less the feature's own 0.5 area share: "Middle East" beside Washington is
    #: the region, not the Baltimore neighbourhood), below what a town gets among the places of its
    #: own province ("Atlantic" among Iowa towns stays the town). See ``tacitus.geo.world``.
    world_feature: float = 5.0


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym as written, with its character span and what tagged it."""

    text: str
    start: int
    end: int
    label: str = "GPE"
    ruler_id: str | None = None
    #: The mention modifies a non-place noun ("a U.S. airstrike"); see ``tacitus.geo.modifiers``.
    modifies_noun: bool = False
    #: The text names an admin area by a generic word after the mention ("Clay and Becker counties"):
    #: "County" or "Parish", so the bare name is looked up as that area.
    generic_after: str | None = None
    #: Known to name a place: a gold annotation, or an entity the text marks as one
    #: (``tacitus.geo.place_cues``). Only such a mention whose name the gazetteer lacks is placed at the
    #: place enclosing it (``tacitus.geo.enclosing``).
    known_place: bool = True
    #: Where the description of a town by this country ends ("Iraq's second largest city");
    #: ``tacitus.geo.descriptions``.
    description_end: int | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entry chosen for a mention (``None`` when no candidate fits); ``part`` for "west X";
    ``enclosing`` when the name itself was not found and the entry is the place the document puts it
    in (``tacitus.geo.enclosing``)."""

    mention: Mention
    candidate: Candidate | None
    part: bool
    score: float
    enclosing: bool = False


@dataclass
class _Context:
    countries: Counter[str]
    admin1s: Counter[str]
    points: list[tuple[str, float, float]]
    keys: set[str]
    focus: str | None
    #: Sums of ``countries`` and ``admin1s``, computed once rather than for every candidate scored.
    total: int = 0
    admin_total: int = 0
    #: Districts and counties ("US.GA.059") of the chosen populated places.
    admin2s: frozenset[str] = frozenset()


def split_direction(text: str) -> tuple[str, bool]:
    """("west Mosul") -> ("Mosul", True); names that merely start with a direction are kept when the
    caller finds no entry for the remainder (``South Africa`` is looked up whole first)."""
    match = DIRECTION.match(text.strip())
    if match is None:
        return text, False
    return match.group(2), True


_PoolKey = tuple[str, str, str | None, str | None]

#: Mentions (text and tags) whose candidates and priors are remembered per process.
POOL_CACHE_SIZE = 100_000


class Resolver:
    """Resolves all toponyms of one document together (context needs all of them)."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None) -> None:
        self.gazetteer = gazetteer
        self.weights = weights or Weights()
        self._pools: BoundedDict[_PoolKey, tuple[list[Candidate], bool, list[float]]]
        self._pools = BoundedDict(POOL_CACHE_SIZE)
        self._generation = gazetteer.generation

    def candidates(self, mention: Mention) -> tuple[list[Candidate], bool]:
        """Entries a mention may mean, and whether it names a directional part of one."""
        text = (
            _POSSESSIVE.sub("", mention.text.strip()) if mention.text.endswith(("'s", "’s")) else mention.text
        )
        fuzzy = mention.label in {"GPE", "LOC"}
        if mention.generic_after:
            areas = [
                c
                for c in self.gazetteer.lookup(f"{text} {mention.generic_after}", fuzzy=False)
                if c.feature_class == "A"
            ]
            if areas:
                return areas[:_MAX_CANDIDATES], False
        found = list(self.gazetteer.lookup(text, fuzzy=False))
        part = False
        if not found:
            found = self._variant(text)
        if not found:
            base, part = split_direction(text)
            found = (
                [c for c in self.gazetteer.lookup(base, fuzzy=fuzzy) if not has_no_parts(c)] if part else []
            )
            if not found and not part:
                found = list(self.gazetteer.lookup(text, fuzzy=fuzzy))
        if not found and (generic := _TRAILING_GENERIC.search(text)):
            # "Nineveh province", "Sokoto State": the area under its bare name, areas only.
            base = text[: generic.start()]
            found = [c for c in self.gazetteer.lookup(base, fuzzy=False) if c.feature_class == "A"]
        if found and (expanded := expand_abbreviation(text)) != text:
            # "Mt. Pleasant", "St. Cloud", "Ft. Worth": the full form names the namesakes the
            # abbreviation's alternate names miss.
            keys = {c.key for c in found}
            found.extend(c for c in self.gazetteer.lookup(expanded, fuzzy=False) if c.key not in keys)
            found.sort(key=lambda c: (-c.match, -c.population, c.key))
        if not _GENERIC_WORD.search(text):
            found = self._without_seat_areas(found)
            if self.weights.bare_county < 1.0 and mention.label in {"GPE", "LOC"}:
                found.extend(self._bare_counties(text, found))
        if mention.ruler_id and all(c.key != mention.ruler_id for c in found):
            ruled = self.gazetteer.place(mention.ruler_id)
            if ruled is not None:
                found.append(ruled)
        return found[:_MAX_CANDIDATES], part

    def _variant(self, text: str) -> list[Candidate]:
        """Entries of a form the index holds: "Platte Co." as "Platte County" (counties only), "Czechs"
        as "Czech" (countries and first-level areas only); see ``tacitus.geo.variants``."""
        if (county := county_spelled_out(text)) is not None:
            return [c for c in self.gazetteer.lookup(county, fuzzy=False) if c.feature_code == "ADM2"]
        if (singular := singular_demonym(text)) is not None:
            return [
                c
                for c in self.gazetteer.lookup(singular, fuzzy=False)
                if (c.feature_code or "").startswith(("PCL", "ADM1"))
            ]
        return []

    def _bare_counties(self, text: str, found: Sequence[Candidate]) -> list[Candidate]:
        """Counties a bare name may stand for ("Clarke and Oconee update their policies"), scored
        down (``bare_county``) so that only the document's other places can choose them."""
        keys = {c.key for c in found}
        return [
            replace(c, match=c.match * self.weights.bare_county)
            for c in self.gazetteer.lookup(f"{text} County", fuzzy=False)
            if c.feature_code == "ADM2" and c.key not in keys
        ]

    def _without_seat_areas(self, found: list[Candidate]) -> list[Candidate]:
        """Drop an admin area whose name a major populated place inside it also bears.

        Why: news writes "Baghdad", "Mosul" or "New York" for the city and "Baghdad province",
        "Mosul district", "New York State" for the area; a bare name means the city when the city is a
        real share of the area (``seat_share``), not a hamlet that happens to bear a state's name.
        """
        # The seat must bear the name as its own: "Oklahoma" is an alternate name of Oklahoma City,
        # which must not hide the state.
        places = [c for c in found if c.feature_class == "P" and c.match >= self.weights.seat_match]
        if not places:
            return found

        def seat_of(area: Candidate) -> bool:
            level = area.feature_code
            return any(
                p.country == area.country
                and p.admin1 == area.admin1
                and (level != "ADM2" or p.admin2 == area.admin2)
                and p.population >= self.weights.seat_share * max(area.population, 1)
                for p in places
            )

        return [c for c in found if c.feature_code not in {"ADM1", "ADM2"} or not seat_of(c)]

    def prior(self, candidate: Candidate, mention: Mention) -> float:
        """What a candidate scores before the rest of the document is considered."""
        w = self.weights
        code = candidate.feature_code or ""
        if is_world_feature(candidate):
            score = w.match * candidate.match + w.world_feature
            return score + (w.ruler if mention.ruler_id == candidate.key else 0.0)
        feature = w.feature.get("PCL" if code.startswith("PCL") else code, 0.0)
        if code == "ADM2" and candidate.match < 1.0:
            feature = 0.0  # a district named by an alternate name only is rarely what a bare name means
        if candidate.feature_class not in {"A", "P", None} and code != "CONT":
            feature += w.other_class
        score = w.match * candidate.match + w.population * math.log10(candidate.population + 1) + feature
        if mention.ruler_id == candidate.key:
            score += w.ruler
        return score

    def resolve(self, mentions: Sequence[Mention], text: str | None = None) -> list[Resolution]:
        """Resolve every mention of one document, in input order.

        Mentions with the same text, label and ruler id share candidates and context (their own name
        is left out of it), so each distinct name is scored once per round. With the document's
        ``text``, a name followed by "counties"/"County" ("Clay and Becker counties") is looked up as
        that county.
        """
        if text is not None:
            mentions = [with_generic_after(m, text) for m in mentions]
        groups: dict[tuple[str, str, str | None, str | None], list[int]] = {}
        for i, m in enumerate(mentions):
            groups.setdefault((m.text, m.label, m.ruler_id, m.generic_after), []).append(i)
        firsts = [mentions[idx[0]] for idx in groups.values()]
        prepared = [self._prepared(key, m) for key, m in zip(groups, firsts, strict=True)]
        pools = [(pool, part) for pool, part, _ in prepared]
        priors = [prior for _, _, prior in prepared]
        weights = [len(idx) for idx in groups.values()]
        names = [normalize(m.text) for m in firsts]
        if text is not None and self.weights.qualified:
            priors = self._qualify(mentions, text, list(groups.values()), pools, priors)
        support = colocation(
            [pool for pool, _ in pools],
            names,
            self.weights.colocated_admin1,
            self.weights.colocated_ambiguity,
        )
        priors = [
            [p + self.weights.colocated * s for p, s in zip(prior, sup, strict=True)]
            for prior, sup in zip(priors, support, strict=True)
        ]
        picks: list[Candidate | None] = [
            _best(pool, prior, lambda c: not c.curated or is_world_feature(c))
            for (pool, _), prior in zip(pools, priors, strict=True)
        ]
        scores = [0.0] * len(firsts)
        near_top = self.weights.near_top
        near_oks = [
            set(sorted(range(len(prior)), key=lambda j: -prior[j])[:near_top])
            if len(prior) > near_top
            else None
            for prior in priors
        ]
        for _ in range(2):
            new_picks: list[Candidate | None] = []
            contexts: dict[str, _Context] = {}  # names equal after normalisation share their context
            for i, ((pool, _), prior) in enumerate(zip(pools, priors, strict=True)):
                context = contexts.get(names[i])
                if context is None:
                    context = contexts[names[i]] = self._context(picks, names, weights, names[i])
                near_ok = near_oks[i]
                scored = [
                    p + self._context_score(c, context, near=near_ok is None or j in near_ok)
                    for j, (c, p) in enumerate(zip(pool, prior, strict=True))
                ]
                allowed = [self._curated_fits(c, context) for c in pool]
                best = _best(pool, [s if ok else -math.inf for s, ok in zip(scored, allowed, strict=True)])
                new_picks.append(best)
                scores[i] = max((s for s, ok in zip(scored, allowed, strict=True) if ok), default=0.0)
            settled = all(a is b for a, b in zip(picks, new_picks, strict=True))
            picks = new_picks
            if settled:
                break  # the same choices give the same contexts: another round would change nothing
        out: list[Resolution | None] = [None] * len(mentions)
        for g, idx in enumerate(groups.values()):
            for i in idx:
                out[i] = Resolution(
                    mention=mentions[i], candidate=picks[g], part=pools[g][1], score=scores[g]
                )
        return enclose_unfound([r for r in out if r is not None])

    def _qualify(
        self,
        mentions: Sequence[Mention],
        text: str,
        groups: Sequence[Sequence[int]],
        pools: Sequence[tuple[list[Candidate], bool]],
        priors: Sequence[list[float]],
    ) -> list[list[float]]:
        """The priors with the ``qualified`` bonus on each "name, area" pair of the text
        (``tacitus.geo.qualifiers``): the name's candidates inside the area, and that area.

        A bonus, not a filter: dropping the other candidates too (so ruled-out namesakes no longer vote
        in co-location) was tried and not kept: equal on the even articles, and it let one pair's state
        sway other names of a sports page ("Columbus, Ohio" made "Louisville" the Ohio village), see
        docs/benchmarks/geo.md.
        """
        group_of = {i: g for g, idx in enumerate(groups) for i in idx}
        priors = list(priors)
        done: set[tuple[int, int]] = set()
        bonus = self.weights.qualified
        for a, b in qualifier_pairs(mentions, text):
            ga, gb = group_of[a], group_of[b]
            if ga == gb or (ga, gb) in done:
                continue
            done.add((ga, gb))
            found = qualified_bonus(pools[ga][0], priors[ga], pools[gb][0], priors[gb])
            if found is None:
                continue
            inside, area = found
            priors[ga] = [p + bonus if j in inside else p for j, p in enumerate(priors[ga])]
            priors[gb] = [p + bonus if k == area else p for k, p in enumerate(priors[gb])]
        return priors

    def _context(
        self, picks: Sequence[Candidate | None], names: Sequence[str], weights: Sequence[int], own: str
    ) -> _Context:
        countries: Counter[str] = Counter()
        admin1s: Counter[str] = Counter()
        points: dict[str, tuple[str, float, float]] = {}
        keys: set[str] = set()
        admin2s: set[str] = set()
        for pick, name, weight in zip(picks, names, weights, strict=True):
            if pick is None or name == own:
                continue
            keys.add(pick.key)
            if pick.country:
                countries[pick.country] += weight
                if pick.admin1 and not (pick.feature_code or "").startswith("PCL"):
                    admin1s[f"{pick.country}.{pick.admin1}"] += weight
            if pick.lat is not None and pick.lon is not None and pick.feature_class == "P":
                points[pick.key] = (pick.key, pick.lat, pick.lon)
                if pick.admin2:
                    admin2s.add(f"{pick.country}.{pick.admin1}.{pick.admin2}")
        focus = countries.most_common(1)[0][0] if countries else None
        return _Context(
            countries,
            admin1s,
            list(points.values()),
            keys,
            focus,
            total=sum(countries.values()),
            admin_total=sum(admin1s.values()),
            admin2s=frozenset(admin2s),
        )

    def _prepared(
        self, key: tuple[str, str, str | None, str | None], mention: Mention
    ) -> tuple[list[Candidate], bool, list[float]]:
        """Candidates, ``part`` and priors of a mention, cached per process by its text and tags.

        Why: they depend on the mention's text, label, ruler id and trailing generic word only, and
        news repeats names across documents; building them again was most of a warm resolution. The
        cache is dropped when the gazetteer's content changes (``Gazetteer.generation``).
        """
        if self._generation != self.gazetteer.generation:
            self._pools.clear()
            self._generation = self.gazetteer.generation
        found = self._pools.get(key)
        if found is None:
            pool, part = self.candidates(mention)
            found = self._pools[key] = (pool, part, [self.prior(c, mention) for c in pool])
        return found

    def _context_score(self, candidate: Candidate, context: _Context, *, near: bool = True) -> float:
        w = self.weights
        score = 0.0
        total = context.total
        code = candidate.feature_code or ""
        if is_world_feature(candidate):
            return w.country_share * max(span_share(candidate, context.countries, total), w.area_share) + (
                self._near_bonus(candidate, context) if near else 0.0
            )
        if code.startswith("PCL") or code == "CONT":
            share = context.countries[candidate.country] / total if total and candidate.country else 0.0
            score += w.country_share * max(share, w.area_share)
            if candidate.country is not None and candidate.country == context.focus:
                score += w.focus_country  # the country the article is about contains its places
        elif total and candidate.country:
            score += w.country_share * context.countries[candidate.country] / total
            if candidate.country == context.focus:
                score += w.focus_country
            elif code in {"ADM1", "ADM2"} and not context.countries[candidate.country]:
                score -= w.foreign_area
        admin_total = context.admin_total
        if admin_total and candidate.admin1:
            score += w.admin1_share * context.admin1s[f"{candidate.country}.{candidate.admin1}"] / admin_total
        if w.contains and self._contains_context(candidate, context):
            score += w.near[0][1]  # an area's distance to a place inside it is nil
        elif near:
            score += self._near_bonus(candidate, context)
        if candidate.curated and self._curated_fits(candidate, context):
            score += w.curated
        return score

    def _near_bonus(self, candidate: Candidate, context: _Context) -> float:
        """The bonus of the nearest distance tier another chosen place lies within."""
        if candidate.lat is None or candidate.lon is None or not context.points:
            return 0.0
        nearest = _nearest_km(candidate, context.points)
        return next((bonus for limit, bonus in self.weights.near if nearest <= limit), 0.0)

    @staticmethod
    def _contains_context(candidate: Candidate, context: _Context) -> bool:
        """Whether an admin area (country, state, county) contains another chosen place.

        Why: nearness is measured between points, and an area's point is its centre, so "Mexico" the
        country lost to Mexico City (near the article's Mexican towns) and a state to its namesake
        hamlet; containment is the nearness of an area.
        """
        code = candidate.feature_code or ""
        if candidate.feature_class != "A" or not candidate.country:
            return False
        if code.startswith("PCL"):
            return context.countries[candidate.country] > 0
        if code == "ADM1" and candidate.admin1:
            return context.admin1s[f"{candidate.country}.{candidate.admin1}"] > 0
        if code == "ADM2" and candidate.admin1 and candidate.admin2:
            return f"{candidate.country}.{candidate.admin1}.{candidate.admin2}" in context.admin2s
        return False

    @staticmethod
    def _curated_fits(candidate: Candidate, context: _Context) -> bool:
        """A curated neighbourhood needs its parent or its country elsewhere in the document; a world
        feature (sea, river, region) fits any document."""
        if not candidate.curated or is_world_feature(candidate):
            return True
        return (candidate.parent in context.keys) or (
            candidate.country is not None and context.countries[candidate.country] > 0
        )


#: Abbreviations news writes before place names, and the word GeoNames' primary names use.
_ABBREVIATIONS = {"mt": "Mount", "ft": "Fort", "st": "Saint", "pt": "Point"}
_ABBREVIATED = re.compile(r"^(mt|ft|st|pt)\.?\s+(?=\w)", re.IGNORECASE)


def expand_abbreviation(text: str) -> str:
    """ "Mt. Pleasant" -> "Mount Pleasant"; other names unchanged."""
    match = _ABBREVIATED.match(text)
    if match is None:
        return text
    return _ABBREVIATIONS[match.group(1).lower()] + " " + text[match.end() :]


def with_generic_after(mention: Mention, text: str) -> Mention:
    """The mention, marked when the words after it say it names a county or parish."""
    if mention.generic_after or _GENERIC_WORD.search(mention.text):
        return mention
    match = _GENERIC_AFTER.match(text, mention.end, mention.end + 120)
    if match is None:
        return mention
    word = (match.group(1) or match.group(2)).lower()
    generic = "County" if word.startswith("count") else "Parish"
    return replace(mention, generic_after=generic)


def _nearest_km(candidate: Candidate, points: Sequence[tuple[str, float, float]]) -> float:
    """Distance to the closest other place; equirectangular, which is exact enough below 300 km."""
    lat, lon = candidate.lat or 0.0, candidate.lon or 0.0
    scale = math.cos(math.radians(lat))
    best = math.inf
    for key, plat, plon in points:
        if key != candidate.key:
            dlon = abs(plon - lon)
            dlon = min(dlon, 360.0 - dlon)
            best = min(best, (plat - lat) ** 2 + (dlon * scale) ** 2)
    return math.sqrt(best) * 111.195 if best < math.inf else math.inf


def _best(pool: Sequence[Candidate], scores: Sequence[float], keep: object = None) -> Candidate | None:
    best: Candidate | None = None
    best_score = -math.inf
    for candidate, score in zip(pool, scores, strict=True):
        if callable(keep) and not keep(candidate):
            continue
        if score > best_score:
            best, best_score = candidate, score
    return best

"""Co-location: the candidates of a document's names vote for each other before any is chosen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tacitus.geo.gazetteer import Candidate


def colocation(
    pools: Sequence[Sequence[Candidate]],
    names: Sequence[str],
    admin1_part: float = 0.2,
    ambiguity: float = 0.5,
) -> list[list[float]]:
    """How much the *candidates* of the other names support each candidate, before any is chosen.

    Why: the rounds of :meth:`Resolver.resolve` vote with the current choices, so two ambiguous names
    that explain each other ("Paris" and "Henry County": Paris, Tennessee lies in Henry County,
    Tennessee) stay wrong together when both start at their most populous namesake. Here a candidate
    scores 1 for each other name that has a candidate in its district or county (a place in an ADM2
    area, or two places in one), 0.5 for one in its first-level area (state, province) only, each
    divided by how many first-level areas that other name can be in: "Springfield", possible in
    thirty states, says little; "Henry County", in five, says more; an unambiguous name says most.
    Names equal after normalisation ("CAMBRIDGE", "Cambridge") do not support each other.
    """
    by_name: dict[str, tuple[set[tuple[str, str, str]], set[tuple[str, str]]]] = {}
    for pool, name in zip(pools, names, strict=True):
        adm2, adm1 = by_name.setdefault(name, (set(), set()))
        for c in pool:
            if c.country and c.admin1 and not (c.feature_code or "").startswith("PCL"):
                adm1.add((c.country, c.admin1))
                if c.admin2:
                    adm2.add((c.country, c.admin1, c.admin2))
    total2: Counter[tuple[str, str, str]] = Counter()
    total1: Counter[tuple[str, str]] = Counter()
    own2: dict[str, dict[tuple[str, str, str], float]] = {}
    own1: dict[str, dict[tuple[str, str], float]] = {}
    for name, (adm2, adm1) in by_name.items():
        if not adm1:
            continue
        weight = len(adm1) ** -ambiguity
        own2[name] = dict.fromkeys(adm2, (1.0 - admin1_part) * weight)
        own1[name] = dict.fromkeys(adm1, admin1_part * weight)
        total2.update(own2[name])
        total1.update(own1[name])
    out: list[list[float]] = []
    for pool, name in zip(pools, names, strict=True):
        mine2, mine1 = own2.get(name, {}), own1.get(name, {})
        scores = []
        for c in pool:
            if not c.country or not c.admin1 or (c.feature_code or "").startswith("PCL"):
                scores.append(0.0)
                continue
            key1 = (c.country, c.admin1)
            score = total1[key1] - mine1.get(key1, 0.0)
            if c.admin2:
                key2 = (c.country, c.admin1, c.admin2)
                score += total2[key2] - mine2.get(key2, 0.0)
            scores.append(score)
        out.append(scores)
    return out

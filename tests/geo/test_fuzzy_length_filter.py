"""The fuzzy lookup reads only names whose length can reach fuzz.ratio 80; its answers are those of
scoring every name under the prefix (the query it replaced)."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz, process

from tacitus.geo.gazetteer import Candidate, Gazetteer
from tacitus.geo.normalize import normalize, skeleton


def _unfiltered_fuzzy(gazetteer: Gazetteer, norm: str) -> list[Candidate]:
    """``Gazetteer._fuzzy`` as it was: every name under the two-letter prefix is scored."""
    prefix = norm[:2]
    names = [
        row[0]
        for row in gazetteer.conn.execute(
            "SELECT DISTINCT norm FROM names WHERE norm >= ? AND norm < ? LIMIT 50000",
            (prefix, prefix + "\uffff"),
        )
    ]
    out: list[Candidate] = []
    for found, score, _ in process.extract(norm, names, scorer=fuzz.ratio, score_cutoff=80, limit=10):
        if score >= 92 or skeleton(found) == skeleton(norm):
            out.extend(gazetteer._candidates("n.norm = ?", (found,), 0.6 * score / 100, fuzzy=True))
    return out


@pytest.mark.parametrize(
    "name",
    ["Zanjali", "Shafaa", "Sammarra", "Baghdadi", "Kirkukk", "Mosul city", "Tal Afarr", "Chicagoo", "Sa"],
)
def test_fuzzy_matches_scoring_every_name(packaged: Gazetteer, name: str) -> None:
    norm = normalize(name)
    assert packaged._fuzzy(norm) == _unfiltered_fuzzy(packaged, norm)

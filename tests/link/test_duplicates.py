"""Exact and near-duplicate detection: wire copies are one text, independent reports are not."""

from __future__ import annotations

import json
import random

from tacitus.link.duplicates import DuplicateIndex, normalised_hash, shingles
from tacitus.link.evaluate import SUITE_DIR, load_suite

WIRE = (
    "An airstrike hit a crowded market in Hawija on Monday, killing at least 12 civilians, an Iraqi army "
    "spokesman said. Coalition aircraft carried out the raid against militant positions in the town, a "
    "colonel told reporters. Shoppers were gathering for the morning trade when the bombs fell on the stalls."
)


def test_exact_copy_with_other_spacing_is_exact() -> None:
    index = DuplicateIndex()
    assert index.add("a", WIRE) == []
    links = index.add("b", "  " + WIRE.replace(" ", "  ").upper())
    assert [(link.duplicate_of, link.kind) for link in links] == [("a", "exact")]
    assert normalised_hash(WIRE) == normalised_hash(WIRE.upper())


def test_lightly_edited_reprint_is_near_duplicate() -> None:
    index = DuplicateIndex()
    index.add("wire", WIRE)
    reprint = "HAWIJA — " + WIRE.rsplit(" Shoppers", 1)[0]
    links = index.add("reprint", reprint)
    assert len(links) == 1 and links[0].kind == "near" and links[0].similarity >= 0.5
    assert index.canonical("reprint") == index.canonical("wire") == "reprint"  # smallest id is canonical


def test_independent_report_of_same_incident_is_not_duplicate() -> None:
    index = DuplicateIndex()
    index.add("wire", WIRE)
    other = (
        "Iraqi air force jets bombed the market in Hawija on Monday and killed 18 people, a resident said. "
        "We pulled 18 bodies from the stalls, said a shopkeeper who survived the raid."
    )
    assert index.add("other", other) == []


def test_suite_near_duplicates_found_and_groups_order_independent() -> None:
    suite = load_suite()
    gold = json.loads((SUITE_DIR / "gold.json").read_text(encoding="utf-8"))
    gold_pairs = {tuple(sorted(p)) for p in gold["near_duplicates"]}
    groups_seen = []
    for seed in range(3):
        docs = list(suite.documents)
        random.Random(seed).shuffle(docs)
        index = DuplicateIndex()
        for doc in docs:
            index.add(doc.id, doc.text)
        groups_seen.append(index.groups())
        pairs = {tuple(members) for members in index.groups().values()}
        assert pairs == gold_pairs
    assert groups_seen[0] == groups_seen[1] == groups_seen[2]


def test_shingles_of_short_text() -> None:
    assert shingles("two words", 5) == {"two words"}
    assert shingles("", 5) == set()

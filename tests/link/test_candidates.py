"""The density-robust block index: order-free on dense blocks, and losing no pair the linker would join."""

from __future__ import annotations

import random
from itertools import combinations

from tacitus.link.bench import packed_results, synthetic_results
from tacitus.link.compat import DateWindow
from tacitus.link.linker import IncidentLinker, LinkConfig
from tacitus.link.text import TextModel
from tacitus.model import DocumentResult, Place


def _partition(linker: IncidentLinker) -> list[list[str]]:
    return [[m.key for m in cluster] for cluster in linker.clusters()]


def _linked(results: list[DocumentResult], model: TextModel) -> IncidentLinker:
    linker = IncidentLinker(model, LinkConfig())
    linker.add_all(results)
    return linker


def _brute_force(linker: IncidentLinker) -> list[list[str]]:
    """Connected components of the pairwise decision over *every* pair: what a perfect index would give."""
    parent = {key: key for key in linker.mentions}

    def find(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for a, b in combinations(sorted(linker.mentions), 2):
        if linker.same(linker.mentions[a], linker.mentions[b]):
            ra, rb = sorted((find(a), find(b)))
            parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for key in sorted(parent):
        groups.setdefault(find(key), []).append(key)
    return sorted(groups.values())


def test_dense_blocks_partition_does_not_depend_on_order() -> None:
    # 600 reports in a year over 400 places: weeks x provinces hold a dozen reports each.
    results = packed_results(600)
    model = TextModel.fit(r.document.text for r in results)
    expected = _partition(_linked(results, model))
    for seed in range(3):
        shuffled = list(results)
        random.Random(seed).shuffle(shuffled)
        assert _partition(_linked(shuffled, model)) == expected


def test_gated_index_loses_no_pair_the_linker_would_join() -> None:
    results = packed_results(500)
    model = TextModel.fit(r.document.text for r in results)
    linker = _linked(results, model)
    assert _partition(linker) == _brute_force(linker)
    n = len(linker.mentions)
    assert linker.comparisons < n * (n - 1) // 2 / 5  # while scoring a fraction of the pairs


def test_constant_density_keeps_comparisons_per_report_flat() -> None:
    rates = []
    for size in (400, 1200):
        results = synthetic_results(size)
        linker = _linked(results, TextModel.fit(r.document.text for r in results))
        rates.append(linker.comparisons / size)
    assert rates[1] < rates[0] * 1.5


def test_block_query_is_symmetric_in_the_day_gap() -> None:
    from tacitus.link.candidates import BlockIndex

    place = Place(name="Mosul", country="IQ", admin1="Nineveh")
    index = BlockIndex(days=1)
    index.add("a", DateWindow(100, 101), place, ["mosul"], ["mosul", "market"])
    index.add("b", DateWindow(104, 104), place, ["market"], ["market"])
    index.add("c", None, None, ["market"], ["market"])
    assert index.query(DateWindow(102, 102), place, ["market"], ["market"]) == {"a", "c"}
    assert index.query(DateWindow(103, 103), place, ["market"], ["market"]) == {"b", "c"}
    assert index.query(None, place, ["market"], ["market"]) == {"a", "b", "c"}
    other = Place(name="Basra", country="IQ", admin1="Basra")
    assert index.query(DateWindow(100, 100), other, ["market"], ["market"]) == {"c"}

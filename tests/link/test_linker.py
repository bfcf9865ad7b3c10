"""Incident linking on hand-built records: same occurrence joined, neighbours kept apart, order-free."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.link.compat import date_window, places_compatible, type_penalty
from tacitus.link.linker import IncidentLinker, fit_text_model, link
from tacitus.link.mention import mentions_of

from .builders import KIRKUK, MOSUL, TAL_AFAR, ZANJILI, Report, day, shield_reports, zanjili_reports


def partition(linker: IncidentLinker) -> set[frozenset[str]]:
    return {frozenset(m.doc_id for m in cluster) for cluster in linker.clusters()}


def test_same_shooting_linked_and_human_shield_incident_kept_apart() -> None:
    linker = link(zanjili_reports() + shield_reports())
    assert partition(linker) == {frozenset({"z1", "z1copy", "z2", "z3"}), frozenset({"s1", "s2"})}


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_partition_and_ids_do_not_depend_on_input_order(rnd: random.Random) -> None:
    results = zanjili_reports() + shield_reports()
    model = fit_text_model(results)
    reference = IncidentLinker(model)
    reference.add_all(results)
    shuffled = list(results)
    rnd.shuffle(shuffled)
    other = IncidentLinker(model)
    other.add_all(shuffled)
    assert partition(other) == partition(reference)
    assert [i.id for i in other.incidents()] == [i.id for i in reference.incidents()]
    assert other.incidents() == reference.incidents()


def test_incremental_document_attaches_to_existing_incident() -> None:
    results = zanjili_reports() + shield_reports()
    linker = IncidentLinker(fit_text_model(results))
    linker.add_all(results[:-1])
    before = len(linker.clusters())
    late = results[-1]
    linker.add(late)
    assert len(linker.clusters()) == before  # s2 joined s1's incident
    assert linker.add(late) == []  # adding the same document twice is a no-op


def test_far_apart_dates_or_places_never_link() -> None:
    text = "Militants opened fire on displaced families fleeing the city, killing five civilians."
    base = Report("a", "A", "2017-03-29", text, "opened fire on displaced families", date="2017-03-28")
    later = Report("b", "B", "2017-05-29", text, "opened fire on displaced families", date="2017-05-28")
    elsewhere = Report(
        "c", "C", "2017-03-29", text, "opened fire on displaced families", date="2017-03-28", place=KIRKUK
    )
    linker = link([base.result(), later.result(), elsewhere.result()])
    assert len(linker.clusters()) == 3


def test_place_compatibility_nested_and_distance() -> None:
    assert places_compatible(MOSUL, ZANJILI, 25)  # Zanjili's admin2 is Mosul
    assert not places_compatible(MOSUL, TAL_AFAR, 25)  # ~60 km apart
    assert places_compatible(MOSUL, TAL_AFAR, 80)
    assert places_compatible(None, MOSUL, 1)


def test_type_compatibility_table() -> None:
    assert type_penalty("Battles", "Battles") == 0.0
    assert type_penalty("Explosions/Remote violence", "Violence against civilians") is not None
    assert type_penalty("Protests", "Battles") is None
    assert type_penalty(None, "Protests") == 0.0


def test_date_window_tolerance_and_fallback() -> None:
    import datetime as dt

    published = dt.date(2017, 3, 29)
    exact = date_window(day("2017-03-28"), published)
    assert exact is not None and exact.hi - exact.lo == 1  # the day itself and the day after
    undated = date_window(None, published)
    assert undated is not None and undated.hi == published.toordinal() + 1
    future = date_window(day("2017-04-20"), published)  # after publication: ignored
    assert future == undated


def test_document_without_events_gets_a_mention_only_with_casualty_claims() -> None:
    result = zanjili_reports()[0]
    bare = result.model_copy(update={"events": []})
    assert [m.key for m in mentions_of(bare)] == ["z1:d0"]
    assert mentions_of(bare.model_copy(update={"claims": []})) == []
    assert len(mentions_of(bare.model_copy(update={"claims": []}), fallback="always")) == 1

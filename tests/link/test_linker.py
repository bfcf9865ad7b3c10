"""Incident linking on hand-built records: same occurrence joined, neighbours kept apart, order-free."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.link.candidates import TermIndex
from tacitus.link.compat import date_window, place_relation, places_compatible, type_penalty, window_gap_days
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


def test_far_apart_dates_weigh_against_a_link_but_a_follow_up_naming_the_victim_joins() -> None:
    attack = (
        "Gunmen opened fire on a checkpoint in Mosul on Tuesday, killing five soldiers, police said. "
        "The attackers fled in a white car towards the old city."
    )
    other = (
        "Gunmen opened fire on an army checkpoint in Mosul on Monday, killing three soldiers, an officer "
        "said. The attackers escaped on motorcycles."
    )
    follow_up = (
        "A court in Mosul sentenced Hamid Qasim Jubouri to death for the checkpoint attack in which "
        "gunmen killed five soldiers in March. Jubouri drove the white car, judges said."
    )
    first_named = attack + " Police named Hamid Qasim Jubouri as the driver of the white car."
    a = Report("a", "A", "2017-03-29", first_named, "opened fire on a checkpoint", date="2017-03-28")
    b = Report("b", "B", "2017-05-30", other, "opened fire on an army checkpoint", date="2017-05-29")
    c = Report("c", "C", "2017-06-20", follow_up, "sentenced Hamid Qasim Jubouri", date="2017-06-19")
    linker = link([a.result(), b.result(), c.result()])
    assert partition(linker) == {frozenset({"a", "c"}), frozenset({"b"})}


def test_place_relation_and_window_gap_are_graded() -> None:
    assert place_relation(MOSUL, MOSUL, 25, 100) == "same"
    assert place_relation(MOSUL, ZANJILI, 25, 100) == "nested"
    assert place_relation(MOSUL, TAL_AFAR, 25, 100) == "region"  # ~60 km, same province
    assert place_relation(MOSUL, KIRKUK, 25, 100) == "far"
    assert place_relation(MOSUL, None, 25, 100) == "unknown"
    abroad = MOSUL.model_copy(update={"geonameid": 1, "country": "SY"})
    assert place_relation(MOSUL, abroad, 25, 100) == "country"
    week = date_window(day("2017-03-01"), None)
    later = date_window(day("2017-03-11"), None)
    assert window_gap_days(week, later) == window_gap_days(later, week) == 9
    assert window_gap_days(week, None) == 0


def test_candidate_indexes_are_symmetric() -> None:
    results = zanjili_reports() + shield_reports()
    model = fit_text_model(results)
    terms = TermIndex(model, top_terms=5, max_df=3)
    vectors = {m.key: model.vector(m.text) for r in results for m in mentions_of(r)}
    for key, vector in vectors.items():
        terms.add(key, terms.terms(vector))
    for key, vector in vectors.items():
        for other in terms.query(terms.terms(vector)):
            assert key in terms.query(terms.terms(vectors[other]))


def test_document_without_events_or_casualties_joins_but_never_opens_an_incident() -> None:
    results = zanjili_reports()
    vigil = Report(
        "v1",
        "Vigil News",
        "2017-04-02",
        "Residents of Zanjili in Mosul held a vigil for the displaced families shot by snipers on Tuesday.",
        "held a vigil",
    ).result()
    vigil = vigil.model_copy(update={"events": [], "claims": []})
    opinion = Report("o1", "Op-Ed", "2017-04-02", "Why peace needs patience.", "peace").result()
    opinion = opinion.model_copy(update={"events": [], "claims": []})
    linker = link([*results, vigil, opinion])
    incidents = linker.incidents()
    assert len(incidents) == 1 and "v1" in incidents[0].documents
    assert "o1" not in linker.incident_of_document()


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
    assert mentions_of(bare.model_copy(update={"claims": []}), fallback="casualties") == []
    assert len(mentions_of(bare.model_copy(update={"claims": []}), fallback="always")) == 1
    (weak,) = mentions_of(bare.model_copy(update={"claims": []}))  # default "attach"
    assert not weak.anchor

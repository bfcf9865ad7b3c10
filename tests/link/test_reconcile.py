"""Reconciliation: every source's figure kept, conservative best, conflicts and Airwars-like grading."""

from __future__ import annotations

from tacitus.link.linker import link
from tacitus.link.reconcile import sourced_claims
from tacitus.link.sources import independent_groups, source_type
from tacitus.model import Incident, Source

from .builders import ARMY, MOSUL, TAL_AFAR, UN, WITNESS, Report, shield_reports, zanjili_reports


def incident_with(doc_id: str, incidents: list[Incident]) -> Incident:
    return next(i for i in incidents if doc_id in i.documents)


def test_toll_min_max_best_and_conflict() -> None:
    linker = link(zanjili_reports())
    (incident,) = linker.incidents()
    assert incident.killed is not None
    assert (incident.killed.min, incident.killed.max, incident.killed.best) == (5, 8, 5)  # lowest, not mean
    assert incident.injured is not None and incident.injured.best == 11
    assert incident.sources == 3  # the near-copy z1copy does not count
    killed = next(c for c in incident.conflicts if c.field == "killed")
    assert "8 (rafidain herald)" in killed.values
    assert incident.grading == "corroborated"
    assert set(incident.source_types) == {"official/military", "local witness", "NGO"}


def test_reported_is_the_figure_most_sources_give_never_an_average() -> None:
    from tacitus.link.reconcile import Reconciler, SourceFigure

    def fig(value: float, doc: str) -> SourceFigure:
        return SourceFigure(value, value, value, True, doc, doc)

    figure = Reconciler.figure([fig(3, "a"), fig(5, "b"), fig(5, "c"), fig(4, "d")])
    assert figure is not None and (figure.best, figure.reported, figure.min, figure.max) == (3, 5, 3, 5)
    tie = Reconciler.figure([fig(2, "a"), fig(6, "b")])
    assert tie is not None and tie.reported == 2  # a tie goes to the lower figure, not to 4
    (incident,) = link(zanjili_reports()).incidents()
    assert incident.killed is not None and incident.killed.reported == 5  # two of three sources say 5


def test_every_claim_kept_with_exact_evidence_and_source() -> None:
    results = zanjili_reports() + shield_reports()
    by_id = {r.document.id: r for r in results}
    incidents = link(results).incidents()
    for incident in incidents:
        claims = sourced_claims(incident, by_id)
        assert len(claims) == len(incident.claims)
        for sc in claims:
            text = by_id[sc.doc_id].document.text
            ev = sc.claim.evidence
            assert text[ev.start : ev.end] == ev.text
    zanjili = incident_with("z2", incidents)
    assert {sc.doc_id for sc in sourced_claims(zanjili, by_id)} == {"z1", "z1copy", "z2", "z3"}


def test_competing_perpetrators_are_contested() -> None:
    text1 = "Coalition aircraft bombed the market in Mosul on Monday, killing 12 civilians, residents said."
    text2 = "Iraqi air force jets bombed the market in Mosul on Monday, killing 18 civilians, a witness said."
    a = Report(
        "a",
        "A",
        "2017-03-07",
        text1,
        "bombed the market",
        date="2017-03-06",
        actor1="Coalition",
        etype="Explosions/Remote violence",
        sub_type="Air/drone strike",
        killed=[("killing 12 civilians", 12, WITNESS)],
    )
    b = Report(
        "b",
        "B",
        "2017-03-07",
        text2,
        "bombed the market",
        date="2017-03-06",
        actor1="Iraqi Air Force",
        etype="Explosions/Remote violence",
        sub_type="Air/drone strike",
        killed=[("killing 18 civilians", 18, WITNESS)],
    )
    (incident,) = link([a.result(), b.result()]).incidents()
    fields = {c.field for c in incident.conflicts}
    assert fields == {"killed", "perpetrator"}
    assert incident.grading == "contested"
    assert "Coalition" in incident.grading_reason and "Iraqi Air Force" in incident.grading_reason


def test_belligerent_accepting_responsibility_is_confirmed() -> None:
    text1 = (
        "A drone strike destroyed a car in Tal Afar on Thursday, killing three militants, an official said."
    )
    text2 = (
        "The US-led coalition said it carried out the strike on a car in Tal Afar on Thursday that killed "
        "three militants."
    )
    a = Report(
        "a",
        "A",
        "2017-05-19",
        text1,
        "drone strike destroyed a car",
        place=TAL_AFAR,
        date="2017-05-18",
        actor1=None,
        etype="Explosions/Remote violence",
        killed=[("killing three militants", 3, None)],
    )
    b = Report(
        "b",
        "B",
        "2017-05-19",
        text2,
        "carried out the strike on a car",
        place=TAL_AFAR,
        date="2017-05-18",
        actor1="coalition",
        etype="Explosions/Remote violence",
        killed=[("killed three militants", 3, None)],
    )
    (incident,) = link([a.result(), b.result()]).incidents()
    assert incident.grading == "confirmed"
    assert "carried out the strike" in incident.grading_reason
    assert not incident.conflicts


def test_date_disagreement_is_a_conflict_and_single_outlet_is_single_source() -> None:
    text = "Clashes in Mosul killed three fighters, a local official said, and shops stayed closed."
    a = Report(
        "a",
        "Same Paper",
        "2017-04-11",
        text,
        "Clashes in Mosul",
        date="2017-04-09",
        etype="Battles",
        sub_type="Armed clash",
        killed=[("killed three fighters", 3, ARMY)],
        place=MOSUL,
    )
    b = Report(
        "b",
        "Same Paper",
        "2017-04-11",
        text + " A truce held.",
        "Clashes in Mosul",
        date="2017-04-10",
        etype="Battles",
        sub_type="Armed clash",
        killed=[("killed three fighters", 3, UN)],
        place=MOSUL,
    )
    (incident,) = link([a.result(), b.result()]).incidents()
    assert [c.field for c in incident.conflicts] == ["date"]
    assert incident.sources == 1 and incident.grading == "single-source"


def test_source_types_from_lexicon() -> None:
    assert source_type(None) == "media"
    assert source_type(ARMY) == "official/military"
    assert source_type(UN) == "NGO"
    assert source_type(WITNESS) == "local witness"
    assert source_type(Source(speaker="Ali", role="governor", organization=None)) == "government"
    assert source_type(Source(speaker="Ali Hassan")) == "media"


def test_independent_groups_merge_outlets_and_copies() -> None:
    groups = independent_groups(["a", "b", "c"], {"a": "x", "b": "x", "c": "y"}, None)
    assert groups == [["a", "b"], ["c"]]


def test_incident_ids_are_deterministic() -> None:
    first = [i.id for i in link(zanjili_reports()).incidents()]
    second = [i.id for i in link(list(reversed(zanjili_reports()))).incidents()]
    assert first == second and first[0].startswith("inc-")

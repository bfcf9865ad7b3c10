"""Resolution rules added for issue #6: co-location, counties named after the names, abbreviations,
the seat rule's own-name condition, containment, and the per-process caches (packaged index)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tacitus.cli.eval_geo import app as eval_app
from tacitus.geo.colocation import colocation
from tacitus.geo.gazetteer import Candidate, Gazetteer
from tacitus.geo.resolve import (
    Mention,
    Resolver,
    expand_abbreviation,
    with_generic_after,
)

MentionsAt = Callable[..., list[Mention]]  # the `mentions_at` fixture of conftest.py


def _place(key: str, country: str, admin1: str, admin2: str | None, code: str | None = None) -> Candidate:
    return Candidate(
        key, None, key, 0.0, 0.0, "A" if code else "P", code, country, admin1, admin2, 0, None, "t"
    )


def test_colocation_supports_candidates_sharing_a_district() -> None:
    paris = [_place("paris-tn", "US", "TN", "079"), _place("paris-fr", "FR", "11", "75")]
    henry = [_place("henry-tn", "US", "TN", "079", "ADM2"), _place("henry-ga", "US", "GA", "151", "ADM2")]
    support = colocation([paris, henry], ["paris", "henry county"])
    assert support[0][0] > 0 and support[0][1] == 0
    assert support[1][0] > support[1][1] == 0
    # the same name written twice does not vote for itself
    assert colocation([paris, paris], ["paris", "paris"]) == [[0.0, 0.0], [0.0, 0.0]]


def test_two_ambiguous_names_resolve_each_other(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "Paris and Henry County are rich in history."
    paris, henry = Resolver(packaged).resolve(mentions_at(text, "Paris", "Henry County"), text)
    assert paris.candidate is not None and henry.candidate is not None
    assert (paris.candidate.country, paris.candidate.admin1) == ("US", "TN")
    assert (henry.candidate.admin1, henry.candidate.feature_code) == ("TN", "ADM2")


def test_names_before_counties_are_counties(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "Schools in Clay and Becker counties closed; Paris and Henry County did not."
    mentions = [with_generic_after(m, text) for m in mentions_at(text, "Clay", "Becker", "Paris")]
    assert [m.generic_after for m in mentions] == ["County", "County", None]
    clay, becker = Resolver(packaged).resolve(mentions_at(text, "Clay", "Becker"), text)
    assert clay.candidate is not None and clay.candidate.feature_code == "ADM2"
    assert becker.candidate is not None and becker.candidate.name == "Becker County"


@given(
    st.sampled_from(["Mt.", "Mt", "MT.", "St.", "Ft.", "Pt."]),
    st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
)
def test_abbreviations_expand(prefix: str, rest: str) -> None:
    expanded = expand_abbreviation(f"{prefix} {rest}")
    assert expanded.endswith(f" {rest}") and expanded.split()[0] in {"Mount", "Saint", "Fort", "Point"}
    assert expand_abbreviation(rest) == rest


def test_a_state_is_not_hidden_by_a_city_named_after_it(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    # Oklahoma City bears "Oklahoma" as an alternate name only: the seat rule must keep the state.
    text = "Cases were reported in Oklahoma and Texas."
    oklahoma, _ = Resolver(packaged).resolve(mentions_at(text, "Oklahoma", "Texas"), text)
    assert oklahoma.candidate is not None and oklahoma.candidate.feature_code == "ADM1"


def test_the_country_contains_the_articles_places(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "Mexico reported cases in Puebla, Oaxaca and Veracruz; Mexico closed schools."
    found = Resolver(packaged).resolve(mentions_at(text, "Mexico", "Puebla", "Oaxaca", "Veracruz"), text)
    assert found[0].candidate is not None and found[0].candidate.feature_code == "PCLI"


def test_caches_follow_the_index(packaged: Gazetteer) -> None:
    resolver = Resolver(packaged)
    first = resolver.resolve([Mention("Mosul", 0, 5)])
    generation = packaged.generation
    assert packaged.lookup("MOSUL") is packaged.lookup("Mosul")  # one entry per folded name
    packaged.clear_caches()
    assert packaged.generation == generation + 1
    assert resolver.resolve([Mention("Mosul", 0, 5)]) == first


def test_geo_speed_command(shared: Path) -> None:
    corpus = shared / "datasets" / "geo" / "geovirus" / "GeoVirus.xml"
    if not corpus.exists():
        pytest.skip("GeoVirus not present")
    result = CliRunner().invoke(eval_app, ["geo-speed", "--corpus", "geovirus", "--shared", str(shared)])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["toponyms"] == 2170
    assert min(figures["cold_per_s"], figures["new_documents_per_s"], figures["warm_per_s"]) > 0

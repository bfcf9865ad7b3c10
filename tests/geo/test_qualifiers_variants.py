"""Rules of the LGL round: "name, area" pairs, areas of countries absent from the document, and the
written forms the index holds under another form ("Platte Co.", "Czechs", "Ohioans")."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.geo.gazetteer import Candidate, Gazetteer
from tacitus.geo.qualifiers import qualified_bonus, qualifier_pairs
from tacitus.geo.resolve import Mention, Resolver
from tacitus.geo.variants import county_spelled_out, singular_demonym

MentionsAt = Callable[..., list[Mention]]  # the `mentions_at` fixture of conftest.py


def _place(key: str, country: str, admin1: str | None, code: str | None = None) -> Candidate:
    return Candidate(
        key, None, key, 0.0, 0.0, "A" if code else "P", code, country, admin1, None, 0, None, "t"
    )


def test_pairs_are_comma_separated_neighbours(mentions_at: MentionsAt) -> None:
    text = "From Louisville, Ky., and New Haven (Conn.) to Denver and Boise."
    mentions = mentions_at(text, "Louisville", "Ky.", "New Haven", "Conn.", "Denver", "Boise")
    pairs = qualifier_pairs(mentions, text)
    assert (0, 1) in pairs and (2, 3) in pairs
    assert (1, 2) not in pairs and (4, 5) not in pairs


def test_the_pair_chooses_the_area_that_contains_the_place() -> None:
    atlanta = [_place("atlanta-ga", "US", "GA"), _place("atlanta-tx", "US", "TX")]
    georgia = [_place("georgia-country", "GE", None, "PCLI"), _place("georgia-state", "US", "GA", "ADM1")]
    found = qualified_bonus(atlanta, [5.0, 4.0], georgia, [6.0, 5.0])
    assert found == ([0], 1)
    # a list of areas is no qualification
    ohio = [_place("ohio-state", "US", "OH", "ADM1")]
    assert qualified_bonus(ohio, [6.0], georgia, [6.0, 5.0]) is None


def test_a_state_after_a_comma_picks_the_town(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "The finalists were Louisville, Ky., and New Haven, Conn., this year."
    resolved = Resolver(packaged).resolve(mentions_at(text, "Louisville", "Ky.", "New Haven", "Conn."), text)
    new_haven, conn = resolved[2].candidate, resolved[3].candidate
    assert new_haven is not None and (new_haven.country, new_haven.admin1) == ("US", "CT")
    assert conn is not None and conn.feature_code == "ADM1"


def test_a_province_abroad_does_not_outrank_the_documents_city(
    packaged: Gazetteer, mentions_at: MentionsAt
) -> None:
    text = "Israel said rockets were fired from Gaza at Ashkelon."
    gaza = Resolver(packaged).resolve(mentions_at(text, "Israel", "Gaza", "Ashkelon"), text)[1].candidate
    assert gaza is not None and gaza.country != "MZ"  # not the Mozambican province


@pytest.mark.parametrize(
    ("text", "county", "country_or_state"),
    [
        ("Platte Co.", "Platte County", None),
        ("Czechs", None, "CZ"),
        ("Ohioans", None, "US.OH"),
        ("West Virginians", None, "US.WV"),
    ],
)
def test_variants_resolve(
    packaged: Gazetteer, text: str, county: str | None, country_or_state: str | None
) -> None:
    found = Resolver(packaged).resolve([Mention(text, 0, len(text))], text)[0].candidate
    assert found is not None
    if county:
        assert found.name == county and found.feature_code == "ADM2"
    else:
        code = (
            found.country
            if (found.feature_code or "").startswith("PCL")
            else f"{found.country}.{found.admin1}"
        )
        assert code == country_or_state


@given(st.from_regex(r"[A-Z][a-z]{2,10}", fullmatch=True))
def test_variant_forms(word: str) -> None:
    assert county_spelled_out(f"{word} Co.") == f"{word} County"
    assert county_spelled_out(word) is None
    assert singular_demonym(f"{word}ians") == f"{word}ian"
    assert singular_demonym(f"{word}ese") is None

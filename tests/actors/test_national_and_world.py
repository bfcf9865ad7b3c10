"""Worldwide actors: national forces of every country, named actors of active conflicts, generic actors.

Self-written sentences; each checks one rule of the dictionary (curated entries beat generated national
ones, acronyms are case-sensitive, generic nouns keep their ACLED inter codes).
"""

from __future__ import annotations

import csv
import importlib.resources
from typing import Any

import pytest

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.mentions import find_mentions
from tacitus.actors.national import load_countries


@pytest.mark.parametrize(
    ("surface", "name", "country"),
    [
        ("Ethiopian troops", "Military Forces of Ethiopia", "ET"),
        ("Mali's army", "Military Forces of Mali", "ML"),
        ("Burkinabe soldiers", "Military Forces of Burkina Faso", "BF"),
        ("Kenyan police", "Police Forces of Kenya", "KE"),
        ("Colombian security forces", "Military Forces of Colombia", "CO"),
        ("Mexican National Guard", "Military Forces of Mexico", "MX"),
        ("Filipino soldiers", "Military Forces of the Philippines", "PH"),
        ("DR Congo troops", "Military Forces of the Democratic Republic of Congo", "CD"),
        ("French gendarmes", "Police Forces of France", "FR"),
        ("Azerbaijani forces", "Military Forces of Azerbaijan", "AZ"),
        ("South Sudanese soldiers", "Military Forces of South Sudan", "SS"),
        ("Sudanese soldiers", "Military Forces of Sudan", "SD"),
    ],
)
def test_national_forces_of_any_country(
    dictionary: ActorDictionary, surface: str, name: str, country: str
) -> None:
    entry = dictionary.resolve(surface)
    assert entry is not None and entry.name == name
    assert entry.type == 1 and entry.country == country


def test_curated_entries_beat_the_generated_national_one(dictionary: ActorDictionary) -> None:
    # "Iraqi police" is the Federal Police in actors.yaml, not a generated "Police Forces of Iraq".
    police = dictionary.resolve("Iraqi police")
    assert police is not None and police.name == "Police Forces of Iraq - Federal Police"
    # Russia's curated entry keeps its type (external forces) and gains the generated forms.
    navy = dictionary.resolve("Russian marines")
    assert navy is not None and navy.name == "Military Forces of Russia" and navy.type == 8
    # A curated name of the same country keeps its curated aliases and acronyms.
    assert dictionary.resolve("ENDF") is dictionary.get("Military Forces of Ethiopia")


def test_government_forces_without_a_country_stay_generic(dictionary: ActorDictionary) -> None:
    for surface in ("government forces", "pro-government forces", "the army"):
        entry = dictionary.resolve(surface)
        assert entry is not None and entry.name == "Military Forces" and entry.generic


def test_national_adjectives_mark_attacks_but_not_palestinian_ones(dictionary: ActorDictionary) -> None:
    ethiopian = dictionary.by_modifier("Ethiopian")
    assert ethiopian is not None and ethiopian.name == "Military Forces of Ethiopia"
    assert dictionary.by_modifier("Palestinian") is None
    syrian = dictionary.by_modifier("Syrian")
    assert syrian is not None and syrian.name == "Military Forces of Syria"
    # a curated actor's modifier is not taken over by the generated national forces
    saudi = dictionary.by_modifier("Saudi")
    assert saudi is not None and saudi.name == "Military Coalition for Yemen (Saudi Arabia)"


@pytest.mark.parametrize(
    ("surface", "name", "inter"),
    [
        ("TPLF", "Tigray People's Liberation Front", 2),
        ("Fano militiamen", "Fano Militia", 3),
        ("Arakan Army", "Arakan Army", 2),
        ("TNLA", "Ta'ang National Liberation Army", 2),
        ("ISWAP", "Islamic State West Africa Province", 2),
        ("Ansar al-Sunna", "Islamic State Mozambique Province", 2),
        ("SPLA-IO", "SPLM/A-In Opposition", 2),
        ("Haftar's forces", "Military Forces of Libya - Libyan National Army", 1),
        ("anti-Balaka", "Anti-Balaka", 4),
        ("Ambazonian separatists", "Ambazonian Separatists", 2),
        ("Clan del Golfo", "Clan del Golfo", 3),
        ("CJNG", "Jalisco New Generation Cartel", 3),
        ("Sinaloa Cartel", "Sinaloa Cartel", 3),
        ("400 Mawozo", "400 Mawozo", 3),
        ("Naxalites", "Communist Party of India (Maoist)", 2),
        ("Jaish-e-Mohammed", "Jaish-e-Mohammed", 2),
        ("BLA", "Balochistan Liberation Army", 2),
        ("New People's Army", "New People's Army", 2),
        ("BIFF", "Bangsamoro Islamic Freedom Fighters", 2),
        ("Barisan Revolusi Nasional", "Barisan Revolusi Nasional", 2),
        ("Wagner mercenaries", "Wagner Group", 8),
        ("Africa Corps", "Africa Corps", 8),
        ("Russian-backed separatists", "Pro-Russian Separatists", 2),
        ("MONUSCO", "MONUSCO", 8),
    ],
)
def test_named_actors_of_active_conflicts(
    dictionary: ActorDictionary, surface: str, name: str, inter: int
) -> None:
    entry = dictionary.resolve(surface)
    assert entry is not None and entry.name == name and entry.type == inter


@pytest.mark.parametrize(
    ("surface", "name", "inter"),
    [
        ("rebels", "Unidentified Rebel Group", 2),
        ("separatists", "Unidentified Rebel Group", 2),
        ("gunmen", "Unidentified Armed Group", 3),
        ("ethnic militia", "Communal Militia", 4),
        ("angry mob", "Rioters", 5),
        ("demonstrators", "Protesters", 6),
        ("villagers", "Civilians", 7),
        ("UN peacekeepers", "Peacekeepers", 8),
    ],
)
def test_generic_actors_keep_acled_inter_codes(
    dictionary: ActorDictionary, surface: str, name: str, inter: int
) -> None:
    entry = dictionary.resolve(surface)
    assert entry is not None and entry.name == name and entry.type == inter and entry.generic


def test_unnamed_rebels_may_be_the_gunmen_of_the_same_report(dictionary: ActorDictionary) -> None:
    assert dictionary.compatible("Unidentified Rebel Group", "Unidentified Armed Group")


def test_acronyms_do_not_match_ordinary_words(nlp: Any, dictionary: ActorDictionary) -> None:
    text = "Let the talks begin, the minister said. LeT gunmen attacked a post; AFP reported it."
    names = [(m.text, m.name) for m in find_mentions(nlp(text), dictionary)]
    assert ("LeT gunmen", "Lashkar-e-Taiba") in names or ("LeT", "Lashkar-e-Taiba") in names
    assert all(text_ != "Let" for text_, _ in names)
    assert not any(text_ == "AFP" for text_, _ in names)  # the news agency, not the Philippine army


def test_mentions_in_a_sentence_carry_exact_offsets(nlp: Any, dictionary: ActorDictionary) -> None:
    text = (
        "Ethiopian troops and Fano fighters clashed near Bahir Dar while Kenyan police arrested protesters."
    )
    mentions = find_mentions(nlp(text), dictionary)
    found = {m.text: m.name for m in mentions}
    assert found["Ethiopian troops"] == "Military Forces of Ethiopia"
    assert found["Fano fighters"] == "Fano Militia"
    assert found["Kenyan police"] == "Police Forces of Kenya"
    assert found["protesters"] == "Protesters"
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_country_table_is_complete_and_unambiguous() -> None:
    countries = load_countries()
    assert len(countries) >= 190
    isos = [c.iso for c in countries]
    assert len(isos) == len(set(isos))
    adjectives = [a.lower() for c in countries for a in c.adjectives]
    assert len(adjectives) == len(set(adjectives)), "an adjective names two countries"
    text = importlib.resources.files("tacitus.actors").joinpath("data", "countries.csv").read_text("utf-8")
    assert next(csv.reader([text.splitlines()[0]])) == ["iso", "name", "country_words", "adjectives"]


def test_generated_aliases_are_not_ruler_patterns(dictionary: ActorDictionary) -> None:
    # 30,000 "<adjective> <noun>" forms would slow the EntityRuler; our own matcher finds them.
    texts = {p.text for p in dictionary.patterns()}
    assert "Ethiopian troops" not in texts and "Arakan Army" in texts


def test_a_generated_national_form_counts_only_as_a_phrase_head(
    nlp: Any, dictionary: ActorDictionary
) -> None:
    text = "Gunmen attacked a Kenyan police station, and Kenyan police later arrested two men."
    kenyan = [m for m in find_mentions(nlp(text), dictionary) if m.name == "Police Forces of Kenya"]
    assert [m.start for m in kenyan] == [text.rindex("Kenyan police")]  # not the station

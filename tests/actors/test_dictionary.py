"""The actor dictionary: aliases, case-sensitive acronyms, parents, user extension, ruler patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.actors.dictionary import ActorDictionary
from tacitus.errors import ResolutionError


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("ISIS", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("IS", "Islamic State"),
        ("armed ISIS fighters", "Islamic State"),
        ("Iraqi Security Forces", "Military Forces of Iraq"),
        ("ISF", "Military Forces of Iraq"),
        ("CTS", "Military Forces of Iraq - Counter Terrorism Service"),
        ("Rapid Response Forces", "Police Forces of Iraq - Federal Police - Rapid Response Division"),
        ("U.S. Central Command", "Military Forces of the United States"),
        ("CJTF-OIR", "Coalition Forces (Operation Inherent Resolve)"),
        ("the Syrian Arab Army", "Military Forces of Syria"),
        ("Houthi rebels", "Houthis"),
        ("displaced families", "Refugees/IDPs"),
        ("unidentified gunmen", "Unidentified Armed Group"),
        ("protesters", "Protesters"),
    ],
)
def test_resolves_aliases(dictionary: ActorDictionary, surface: str, name: str) -> None:
    entry = dictionary.resolve(surface)
    assert entry is not None and entry.name == name


def test_short_acronyms_are_case_sensitive(dictionary: ActorDictionary) -> None:
    assert dictionary.resolve("is") is None
    assert dictionary.resolve("cts") is None


def test_types_and_parents(dictionary: ActorDictionary) -> None:
    cts = dictionary.get("Military Forces of Iraq - Counter Terrorism Service")
    assert cts is not None and cts.type == 1 and cts.country == "IQ"
    assert dictionary.ancestors(cts.name) == ["Military Forces of Iraq"]
    assert dictionary.compatible("Military Forces of Iraq", cts.name)
    assert not dictionary.compatible("Islamic State", cts.name)
    assert {e.type for e in dictionary.entries.values()} == set(range(1, 9))


def test_patterns_feed_the_ruler(dictionary: ActorDictionary) -> None:
    patterns = dictionary.patterns()
    by_text = {p.text: p for p in patterns}
    assert by_text["IS"].case_sensitive and by_text["IS"].id == "Islamic State"
    assert not by_text["Daesh"].case_sensitive
    assert "militants" not in by_text  # generic nouns stay with the parser
    assert {p.label for p in patterns} <= {"ORG", "NORP", "PERSON"}


def test_extra_file_extends_and_replaces(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- name: Ansar al-Sunna\n  type: 2\n  country: MZ\n"
        "  aliases: [al-Shabab Mozambique]\n  acronyms: [ASWJ]\n"
        "- name: Hezbollah\n  type: 3\n  aliases: [Hizb]\n",
        encoding="utf-8",
    )
    dictionary = ActorDictionary.load(extra)
    found = dictionary.resolve("ASWJ")
    assert found is not None and found.name == "Ansar al-Sunna"
    hezbollah = dictionary.get("Hezbollah")
    assert hezbollah is not None and hezbollah.type == 3


@pytest.mark.parametrize(
    "content",
    ["- name: X\n  type: 9\n", "not: a list\n", "- name: Y\n  type: 2\n  parent: Nobody\n", "[unclosed"],
)
def test_bad_extra_file_says_what_is_wrong(tmp_path: Path, content: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ResolutionError):
        ActorDictionary.load(extra)


def test_missing_extra_file(tmp_path: Path) -> None:
    with pytest.raises(ResolutionError, match="cannot read"):
        ActorDictionary.load(tmp_path / "absent.yaml")

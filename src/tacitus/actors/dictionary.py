"""The actor dictionary: canonical conflict actors, their aliases and ACLED inter codes.

Why data, not code: actors change faster than the extractor (groups rename, split, merge), and users
covering another conflict must be able to add theirs without touching Python. The packaged YAML is the
seed; ``ActorDictionary.load(extra=...)`` layers a user's file on top (same format, same names replace).

Why case-sensitive acronyms: "IS", "CTS" and "SDF" are actors only in capitals; "is" is a verb.
"""

from __future__ import annotations

import importlib.resources
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tacitus.actors.national import load_countries, load_templates, merge_national, national_entries
from tacitus.actors.surface import normalise
from tacitus.errors import ResolutionError
from tacitus.nlp.model_loader import EntityPattern

log = logging.getLogger(__name__)

ARMED_TYPES = frozenset({1, 2, 3, 4, 8})
NON_STATE_ARMED_TYPES = frozenset({2, 3, 4})

_LEADING_DETERMINER = re.compile(
    r"^(?:the|a|an|some|several|many|two|three|armed|suspected)\s+", re.IGNORECASE
)


class ActorEntry(BaseModel):
    """One canonical actor of the dictionary."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    type: int = Field(ge=1, le=8)
    country: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    derived_aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    generic: bool = False
    label: str = "ORG"


class AnaphoraRule(BaseModel):
    """Heads of definite noun phrases that refer back to an actor of one of ``types``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    heads: tuple[str, ...]
    types: tuple[int, ...]


class AnaphoraLexicon(BaseModel):
    """How definite noun phrases and pronouns are resolved (``actors/data/anaphora.yaml``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    definite_heads: tuple[AnaphoraRule, ...]
    determiners: tuple[str, ...]
    pronouns: dict[str, tuple[int, ...]]
    window_sentences: int = 3


def _read_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ResolutionError(f"{origin}: not valid YAML ({exc}); fix the file or leave it out") from exc


def _raw_entries(raw: Any, origin: str) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) and "name" in item for item in raw):
        raise ResolutionError(f"{origin}: expected a YAML list of actors (name, type, aliases, ...)")
    return raw


def _entries(raw: list[dict[str, Any]], origin: str) -> list[ActorEntry]:
    entries = []
    for item in raw:
        try:
            entries.append(ActorEntry.model_validate(item))
        except ValidationError as exc:
            raise ResolutionError(f"{origin}: invalid actor entry {item!r}: {exc}") from exc
    return entries


def _packaged(name: str) -> str:
    return importlib.resources.files("tacitus.actors").joinpath("data", name).read_text(encoding="utf-8")


def _with_national_forces(raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The curated entries plus the national forces of every country (curated aliases win)."""
    taken = {normalise(alias) for item in raw for alias in (item["name"], *(item.get("aliases") or ()))}
    generated = national_entries(load_countries(), load_templates())
    return merge_national(raw, generated, taken)


class ActorDictionary:
    """Canonical actors looked up by alias; feeds the EntityRuler and the actor and event stages."""

    def __init__(self, entries: Iterable[ActorEntry], anaphora: AnaphoraLexicon) -> None:
        self.entries: dict[str, ActorEntry] = {}
        for entry in entries:
            self.entries[entry.name] = entry
        self.anaphora = anaphora
        self._by_alias: dict[str, ActorEntry] = {}
        self._by_acronym: dict[str, ActorEntry] = {}
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases, *entry.derived_aliases):
                key = normalise(alias)
                current = self._by_alias.get(key)
                if current is None or (current.generic and not entry.generic):
                    self._by_alias[key] = entry
            for acronym in entry.acronyms:
                self._by_acronym[acronym] = entry
        self.derived_keys = frozenset(
            key
            for entry in self.entries.values()
            for key in map(normalise, entry.derived_aliases)
            if self._by_alias.get(key) is entry
        )
        self._by_modifier: dict[str, ActorEntry] = {}
        for entry in self.entries.values():  # the first entry wins: curated ones come before generated
            for modifier in entry.modifiers:
                self._by_modifier.setdefault(modifier.lower(), entry)
        self.max_alias_words = max((len(k.split()) for k in self._by_alias), default=1)

    @classmethod
    def load(cls, extra: Path | None = None) -> ActorDictionary:
        """The packaged dictionary, with the entries of ``extra`` (same YAML format) added or replacing."""
        raw = _raw_entries(_read_yaml(_packaged("actors.yaml"), "actors.yaml"), "actors.yaml")
        origin = "actors.yaml"
        if extra is not None:
            try:
                text = extra.read_text(encoding="utf-8")
            except OSError as exc:
                raise ResolutionError(f"cannot read actor file {extra}: {exc}") from exc
            added = _raw_entries(_read_yaml(text, str(extra)), str(extra))
            _entries(added, str(extra))  # report a bad user entry against its own file
            log.info("actor dictionary: %d entries from %s", len(added), extra)
            by_name = {item["name"]: item for item in raw}
            by_name.update({item["name"]: item for item in added})  # same name replaces, in place
            raw = list(by_name.values())
            origin = f"actors.yaml + {extra}"
        entries = _entries(_with_national_forces(raw), origin)
        raw_anaphora = _read_yaml(_packaged("anaphora.yaml"), "anaphora.yaml")
        dictionary = cls(entries, AnaphoraLexicon.model_validate(raw_anaphora))
        dictionary._check_parents()
        return dictionary

    def _check_parents(self) -> None:
        for entry in self.entries.values():
            if entry.parent is not None and entry.parent not in self.entries:
                raise ResolutionError(
                    f"actor {entry.name!r} names parent {entry.parent!r}, which is not in the dictionary; "
                    "add the parent or remove the field"
                )

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, name: str) -> ActorEntry | None:
        """The entry with this canonical name."""
        return self.entries.get(name)

    def by_modifier(self, word: str) -> ActorEntry | None:
        """The forces a national word names when it modifies an attack ("U.S." in "a U.S. airstrike")."""
        return self._by_modifier.get(word.strip().lower())

    def resolve(self, surface: str) -> ActorEntry | None:
        """The actor a surface form names: exact alias, acronym, then the longest alias inside it.

        "armed ISIS fighters" resolves through the alias "ISIS fighters"; a named actor wins over a generic
        one found in the same phrase ("ISIS militants" is the Islamic State, not an unidentified group).
        """
        stripped = surface.strip()
        if stripped in self._by_acronym:
            return self._by_acronym[stripped]
        key = normalise(stripped)
        found = self._by_alias.get(key) or self._by_alias.get(_LEADING_DETERMINER.sub("", key))
        if found is not None:
            return found
        return self._search_inside(stripped)

    def _search_inside(self, surface: str) -> ActorEntry | None:
        raw_words = [w.strip('.,;:"“”()') for w in surface.replace("-", " ").split()]
        for word in raw_words:
            if word in self._by_acronym:
                return self._by_acronym[word]
        words = [normalise(w) for w in raw_words]
        best: ActorEntry | None = None
        best_len = 0
        for size in range(min(len(words), self.max_alias_words), 0, -1):
            for i in range(len(words) - size + 1):
                entry = self._by_alias.get(" ".join(words[i : i + size]))
                if entry is None:
                    continue
                better = best is None or (best.generic and not entry.generic)
                if better or (size > best_len and best is not None and best.generic == entry.generic):
                    best, best_len = entry, size
            if best is not None and not best.generic:
                return best
        return best

    def ancestors(self, name: str) -> list[str]:
        """The chain of parents of an actor, nearest first."""
        chain: list[str] = []
        entry = self.entries.get(name)
        while entry is not None and entry.parent is not None and entry.parent not in chain:
            chain.append(entry.parent)
            entry = self.entries.get(entry.parent)
        return chain

    def compatible(self, first: str | None, second: str | None) -> bool:
        """Whether two actor fields can describe the same participant (equal, unknown, or nested)."""
        if first is None or second is None or first == second:
            return True
        return first in self.ancestors(second) or second in self.ancestors(first)

    def patterns(self) -> list[EntityPattern]:
        """EntityRuler patterns for every named actor (generic nouns like "police" are left to the parser)."""
        patterns: list[EntityPattern] = []
        for entry in self.entries.values():
            if entry.generic:
                continue
            label = entry.label
            seen: set[str] = set()
            for alias in (entry.name, *entry.aliases):
                if alias.lower() not in seen:
                    seen.add(alias.lower())
                    patterns.append(EntityPattern(label=label, text=alias, id=entry.name))
            patterns.extend(
                EntityPattern(label=label, text=acronym, id=entry.name, case_sensitive=True)
                for acronym in entry.acronyms
            )
        return patterns

    def alias_table(self) -> Sequence[tuple[str, ActorEntry, bool]]:
        """(surface, entry, case_sensitive) for every alias and acronym but the derived ones."""
        rows: list[tuple[str, ActorEntry, bool]] = []
        for entry in self.entries.values():
            rows.extend((alias, entry, False) for alias in {entry.name, *entry.aliases})
            rows.extend((acronym, entry, True) for acronym in entry.acronyms)
        return rows

    def derived_table(self) -> Sequence[tuple[str, ActorEntry]]:
        """(surface, entry) for every generated alias that no curated actor claims ("Kenyan police")."""
        return [
            (alias, entry)
            for entry in self.entries.values()
            for alias in entry.derived_aliases
            if normalise(alias) in self.derived_keys
        ]

"""The claim finder's word lists (``data/claim_lexicon.yaml``) in the shapes it needs.

Why a loader of its own: the finder looks words up on every candidate sentence, so the lists become
frozensets and dicts once per process, and a typo in the YAML fails loudly at load, not silently later.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from tacitus.errors import ConfigError


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    """Predicates by lemma, their combinations, and the nouns that say what is counted."""

    predicates: dict[str, dict[str, str]]
    combinations: dict[tuple[str, str], str]
    fatal_verbs: frozenset[str]
    fatal_markers: frozenset[str]
    person_nouns: frozenset[str]
    units: dict[str, str]
    territory_nouns: frozenset[str]
    bare_number_deps: frozenset[str]
    singular_determiners: frozenset[str]
    definite_determiners: frozenset[str]
    accusation_verbs: frozenset[str]
    kin_heads: frozenset[str]
    collective_nouns: frozenset[str]
    definite_deps: frozenset[str]
    injury_markers: frozenset[str]
    singular_pronouns: frozenset[str]
    person_labels: frozenset[str]
    multipliers: dict[str, int]
    caused_wounds: dict[tuple[str, str], str]
    tally_words: frozenset[str]
    tally_phrases: tuple[tuple[str, ...], ...]
    tally_events: frozenset[str]
    implied_counts: tuple[tuple[tuple[str, ...], str, int], ...]
    change_verbs: frozenset[str]
    subject_victim: frozenset[str]
    figure_nouns: frozenset[str]
    region_modifiers: frozenset[str] = frozenset()
    instrument_nouns: frozenset[str] = frozenset()
    calendar_words: frozenset[str] = frozenset()

    @property
    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can make a sentence worth parsing for claims (the cheap pre-filter)."""
        words = set(self.predicates) | {verb for verb, _ in self.combinations} | set(self.change_verbs)
        words |= {row[0][-1] for row in self.implied_counts}
        return frozenset(words)

    def kinds(self, lemma: str) -> dict[str, str] | None:
        """The kinds a predicate lemma gives ({"people": ..., "territory": ...}), or None."""
        return self.predicates.get(lemma)


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in raw[key])


@functools.lru_cache(maxsize=1)
def claim_lexicon() -> ClaimLexicon:
    """Load ``data/claim_lexicon.yaml`` once per process."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("tacitus.extract").joinpath("data/claim_lexicon.yaml").read_text(encoding="utf-8")
    )
    try:
        combinations = {(str(v), str(p)): str(k) for v, p, k in raw["combinations"]}
        return ClaimLexicon(
            predicates={str(k): {str(a): str(b) for a, b in v.items()} for k, v in raw["predicates"].items()},
            combinations=combinations,
            fatal_verbs=_words(raw, "fatal_verbs"),
            fatal_markers=_words(raw, "fatal_markers"),
            person_nouns=_words(raw, "person_nouns"),
            units={str(k): str(v) for k, v in raw["units"].items()},
            territory_nouns=_words(raw, "territory_nouns"),
            bare_number_deps=frozenset(str(w) for w in raw["bare_number_deps"]),
            singular_determiners=_words(raw, "singular_determiners"),
            definite_determiners=_words(raw, "definite_determiners"),
            accusation_verbs=_words(raw, "accusation_verbs"),
            kin_heads=_words(raw, "kin_heads"),
            collective_nouns=_words(raw, "collective_nouns"),
            definite_deps=frozenset(str(w) for w in raw["definite_deps"]),
            injury_markers=_words(raw, "injury_markers"),
            singular_pronouns=_words(raw, "singular_pronouns"),
            person_labels=frozenset(str(w) for w in raw["person_labels"]),
            caused_wounds={(str(n), str(c)): str(k) for n, c, k in raw["caused_wounds"]},
            tally_words=_words(raw, "tally_words"),
            tally_phrases=tuple(tuple(str(w).lower() for w in row) for row in raw["tally_phrases"]),
            tally_events=_words(raw, "tally_events"),
            multipliers={str(k).lower(): int(v) for k, v in raw["multipliers"].items()},
            implied_counts=tuple(
                (tuple(str(w).lower() for w in row["words"]), str(row["kind"]), int(row["min"]))
                for row in raw["implied_counts"]
            ),
            change_verbs=_words(raw, "change_verbs"),
            subject_victim=_words(raw, "subject_victim"),
            figure_nouns=_words(raw, "figure_nouns"),
            region_modifiers=_words(raw, "region_modifiers"),
            instrument_nouns=_words(raw, "instrument_nouns"),
            calendar_words=_words(raw, "calendar_words"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"claim_lexicon.yaml is malformed ({exc}); see its header for the format") from exc

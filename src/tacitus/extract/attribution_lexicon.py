"""The curated words attribution is found with: speech verbs, roles, titles and organisation nouns.

Why a separate module: the lexicons live in YAML beside the code (``data/speech_verbs.yaml``,
``data/speech_roles.yaml``) so that a new outlet's habits ("quipped", "Brig.") are a data change, and
they are read once per process because every document of a batch consults them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from tacitus.errors import ConfigError


@dataclass(frozen=True)
class AttributionLexicon:
    """Everything the attribution finder looks up, lower-cased."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    phrasal: dict[str, frozenset[str]]
    according_to: tuple[tuple[str, ...], ...]
    passive_hearsay: frozenset[str]
    roles: frozenset[str]
    titles: dict[str, str]
    honorifics: frozenset[str]
    organizations: frozenset[str]
    documents: frozenset[str]
    person_pronouns: frozenset[str]
    organization_pronouns: frozenset[str]

    @property
    def cue_verbs(self) -> frozenset[str]:
        """Every verb lemma that can introduce an attribution."""
        return self.speech_verbs | self.belief_verbs | self.evidence_verbs

    def title_of(self, word: str) -> str | None:
        """The role a title names ("Col." -> "Colonel"), or None when ``word`` is no title."""
        return self.titles.get(word.lower().rstrip("."))

    def is_honorific(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.honorifics


def _read_yaml(name: str) -> dict[str, Any]:
    path = resources.files("tacitus.extract").joinpath("data", name)
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read attribution lexicon {name}: {exc}; reinstall tacitus") from exc
    if not isinstance(loaded, dict):
        raise ConfigError(f"attribution lexicon {name} must be a mapping, got {type(loaded).__name__}")
    return loaded


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or () if v is not None)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> AttributionLexicon:
    """Read both YAML lexicons shipped with the package (cached: they never change at run time)."""
    verbs = _read_yaml("speech_verbs.yaml")
    roles = _read_yaml("speech_roles.yaml")
    return AttributionLexicon(
        speech_verbs=_words(verbs.get("speech")),
        belief_verbs=_words(verbs.get("belief")),
        evidence_verbs=_words(verbs.get("evidence")),
        phrasal={str(k).lower(): _words(v) for k, v in (verbs.get("phrasal") or {}).items()},
        according_to=tuple(tuple(str(w).lower() for w in p) for p in verbs.get("according_to") or ()),
        passive_hearsay=_words(verbs.get("passive_hearsay")),
        roles=_words(roles.get("roles")),
        titles={str(k).lower(): str(v) for k, v in (roles.get("titles") or {}).items()},
        honorifics=_words(roles.get("honorifics")),
        organizations=_words(roles.get("organizations")),
        documents=_words(roles.get("documents")),
        person_pronouns=_words(roles.get("person_pronouns")),
        organization_pronouns=_words(roles.get("organization_pronouns")),
    )

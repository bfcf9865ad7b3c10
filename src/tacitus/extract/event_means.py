"""The means of an event (its PLOVER mode), set only when the event's own words state it.

Why a rule of its own: PLOVER's mode says how an act was done (firearms, aerial, explosives, beating).
Some ACLED sub-types fix it by name (an Air/drone strike is aerial) and keep the mode of
``event_lexicon.yaml``; an Armed clash or an Attack does not: "ISIS forced civilians into a building"
names no weapon, and a default of ``firearms`` would state a fact the text never gave. For those, the
mode comes from cue phrases (``data/event_means.yaml``) in the sentence, outside the clauses of the
sentence's other events (the firing of a clash is no means of the shielding reported beside it) and
outside words naming a danger guarded against.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Sequence
from typing import Any

import yaml

from tacitus.extract.event_lexicon import sentence_has


@functools.lru_cache(maxsize=1)
def load_means() -> tuple[frozenset[str], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The PLOVER types the modes belong to, and (mode, cue phrases) pairs in file order: the first mode
    whose cue occurs wins."""
    path = importlib.resources.files("tacitus.extract").joinpath("data", "event_means.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    modes = tuple((str(mode), tuple(str(p) for p in phrases)) for mode, phrases in data["modes"].items())
    return frozenset(str(t) for t in data["plover_types"]), modes


def _outside(root: Any, others: Sequence[Any], guarded: frozenset[int]) -> frozenset[int]:
    """Tokens that belong to another event of the sentence (the subtree of its trigger, unless that
    subtree holds this event's trigger too) or to a danger guarded against."""
    excluded = set(guarded)
    for other in others:
        if other.i == root.i or any(a.i == other.i for a in root.ancestors):
            continue  # the other event's clause contains this one: its words are this event's too
        excluded.update(t.i for t in other.subtree)
    excluded.discard(root.i)
    return frozenset(excluded)


def stated_mode(
    plover_type: str | None,
    default: str | None,
    sentence: Any,
    root: Any,
    others: Sequence[Any] = (),
    guarded: frozenset[int] = frozenset(),
) -> str | None:
    """The PLOVER mode of an event triggered at ``root``: the sub-type's own mode when it has one, else
    (for a PLOVER type the cue modes belong to) the first mode whose cue occurs in the sentence outside
    the other triggers' clauses, else None.

    ``others`` are the trigger roots of the sentence's other events, ``guarded`` the tokens naming a
    danger guarded against ("shields against airstrikes").
    """
    types, modes = load_means()
    if default is not None or plover_type not in types:
        return default
    exclude = _outside(root, others, guarded)
    for mode, cues in modes:
        if sentence_has(sentence, cues, exclude) is not None:
            return mode
    return None

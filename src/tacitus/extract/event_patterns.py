"""One generic event per pattern: a later bare noun that names a pattern again is not a second pattern.

Why: a report describes a habit once and then refers back to it by a noun ("Cases of gunmen kidnapping
traders have become common ... Besides the kidnappings, they levy taxes"). Generic events are never
merged as occurrences (``event_merge``: a pattern is no incident to fold into), so each mention became an
event and a reader saw the one pattern twice. A later generic mention folds into an earlier generic
event when its trigger is a noun of the same word family as a trigger of the earlier event's sentence
("kidnappings" after "kidnapping", "executions" after "executing"), with the same sub-type and nothing
about them disagreeing (actors nested or unknown, places equal or unknown). A verb restates nothing: it
predicates a pattern of its own, and is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tacitus.extract.event_lexicon import find_triggers
from tacitus.extract.event_merge import places_compatible
from tacitus.model import Event

#: Shortest stem compared: shorter words ("war", "hit") share beginnings with unrelated words.
_MIN_STEM = 4


def same_family(first: str, second: str) -> bool:
    """Whether two lemmas are one word family: the shorter, without a final "e", begins the longer
    ("execute"/"execution", "kill"/"killing", "massacre"/"massacres")."""
    short, long = sorted((first.lower(), second.lower()), key=len)
    stem = short[:-1] if short.endswith("e") and len(short) > _MIN_STEM else short
    return len(stem) >= _MIN_STEM and long.startswith(stem)


def _trigger_lemmas(root: Any) -> list[str]:
    """The lemmas of every trigger word in the sentence of ``root``."""
    sentence = root.sent
    doc = root.doc
    return [
        doc[i].lemma_
        for trigger in find_triggers(doc, sentence.start, sentence.end)
        for i in range(trigger.start, trigger.end)
    ]


def restates(root: Any, earlier: Any) -> bool:
    """Whether the noun trigger ``root`` names again what a trigger of ``earlier``'s sentence names."""
    return root.pos_ == "NOUN" and any(same_family(root.lemma_, lemma) for lemma in _trigger_lemmas(earlier))


def fold_restated(
    events: Sequence[Event],
    roots: Sequence[Any],
    compatible: Callable[[str | None, str | None], bool],
) -> list[Event]:
    """``events`` (in document order, ``roots`` their trigger tokens) minus generic mentions that restate
    an earlier generic event; the earlier one takes their tags and, if it had none, their mode."""
    kept: list[tuple[Event, Any]] = []
    for event, root in zip(events, roots, strict=True):
        owner = next(
            (
                i
                for i, (k, k_root) in enumerate(kept)
                if event.modality == "generic"
                and k.modality == "generic"
                and k.sub_type == event.sub_type
                and compatible(k.actor1, event.actor1)
                and compatible(k.actor2, event.actor2)
                and places_compatible(k.place, event.place)
                and restates(root, k_root)
            ),
            None,
        )
        if owner is None:
            kept.append((event, root))
            continue
        first, first_root = kept[owner]
        update = {
            "tags": sorted({*first.tags, *event.tags}),
            "plover_mode": first.plover_mode or event.plover_mode,
        }
        kept[owner] = (first.model_copy(update=update), first_root)
    return [event for event, _ in kept]

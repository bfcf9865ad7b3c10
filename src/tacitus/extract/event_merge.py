"""One event per real occurrence: merging mentions, and fatalities under ACLED's conservative rule.

Why merge inside a document: a report names the same attack in its headline, its lead and a quote;
counting three attacks would triple the fatalities. Two mentions are one occurrence when they share the
sub-type and the modality class and nothing about them disagrees: actors equal or nested (the CTS is
part of Iraq's forces) or unknown, dates overlapping or unknown, places equal or unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tacitus.model import Claim, Event, Figure, Place, TimeSpan

COUNTED = frozenset({"asserted", "alleged"})


def _modality_class(event: Event) -> str:
    return "real" if event.modality in COUNTED else event.modality


def dates_compatible(first: TimeSpan | None, second: TimeSpan | None) -> bool:
    """Unknown dates never conflict; known ones must overlap (ISO strings compare as dates)."""
    if first is None or second is None or first.start is None or second.start is None:
        return True
    if _fallback(first) or _fallback(second):
        return True  # the publication-day fallback is no statement of when it happened
    first_start, second_start = first.start, second.start
    first_end = first.end or first_start
    second_end = second.end or second_start
    if first_start.startswith("--") != second_start.startswith("--"):
        return first_start[-5:] <= second_end[-5:] and second_start[-5:] <= first_end[-5:]
    return first_start <= second_end and second_start <= first_end


def places_compatible(first: Place | None, second: Place | None) -> bool:
    """Unknown places never conflict; known ones must be the same GeoNames entry or name."""
    if first is None or second is None:
        return True
    if first.geonameid is not None and second.geonameid is not None:
        return first.geonameid == second.geonameid
    return first.name.lower() == second.name.lower()


def same_occurrence(
    first: Event, second: Event, compatible: Callable[[str | None, str | None], bool]
) -> bool:
    """Whether two event mentions of one document describe the same occurrence."""
    return (
        first.sub_type == second.sub_type
        and _modality_class(first) == _modality_class(second)
        and compatible(first.actor1, second.actor1)
        and compatible(first.actor2, second.actor2)
        and dates_compatible(first.date, second.date)
        and places_compatible(first.place, second.place)
    )


def _more_specific(first: str | None, second: str | None, depth: Callable[[str], int]) -> str | None:
    if first is None:
        return second
    if second is None:
        return first
    return second if depth(second) > depth(first) else first


def _fallback(span: TimeSpan) -> bool:
    """A date no words of the text give (the publication day a stage falls back on)."""
    return span.evidence is None and not span.text


def _stated(first: TimeSpan | None, second: TimeSpan | None) -> TimeSpan | None:
    """The first date the text states; a publication-day fallback only when neither states one."""
    if first is not None and not _fallback(first):
        return first
    if second is not None and not _fallback(second):
        return second
    return first or second


def merge_events(
    events: Sequence[Event],
    compatible: Callable[[str | None, str | None], bool],
    depth: Callable[[str], int],
    claims: Sequence[Claim],
) -> list[Event]:
    """Fold mentions of the same occurrence into the first one, keeping the most specific details."""
    merged: list[Event] = []
    for event in events:
        if event.modality not in COUNTED:
            merged.append(event)  # a pattern, a denial or a threat is no occurrence to fold into
            continue
        target = next((i for i, m in enumerate(merged) if same_occurrence(m, event, compatible)), None)
        if target is None:
            merged.append(event)
            continue
        kept = merged[target]
        claim_ids = sorted({*kept.claims, *event.claims})
        actor1 = _more_specific(kept.actor1, event.actor1, depth)
        actor2 = _more_specific(kept.actor2, event.actor2, depth)
        merged[target] = kept.model_copy(
            update={
                "actor1": actor1,
                "actor2": actor2,
                "inter1": kept.inter1 if actor1 == kept.actor1 else event.inter1,
                "inter2": kept.inter2 if actor2 == kept.actor2 else event.inter2,
                "date": _stated(kept.date, event.date),
                "place": kept.place or event.place,
                "claims": claim_ids,
                "tags": sorted({*kept.tags, *event.tags}),
                "plover_mode": kept.plover_mode or event.plover_mode,
                "modality": "asserted" if "asserted" in {kept.modality, event.modality} else kept.modality,
                "fatalities": fatalities([claims[i] for i in claim_ids])
                if kept.modality in COUNTED
                else None,
            }
        )
    return merged


def fatalities(claims: Sequence[Claim]) -> Figure | None:
    """Deaths of an event from its "killed" claims, never averaged.

    ACLED's rule: when reports differ, the lowest credible figure is the best estimate. ``min`` is the
    lowest floor, ``max`` the highest ceiling, ``best`` the lowest ``best`` any claim gives, else the
    lowest floor; a ceiling alone ("as many as 200") is no count, so ``best`` stays null.
    """
    killed = [c for c in claims if c.kind == "killed" and c.modality in COUNTED and c.unit != "percent"]
    if not killed:
        return None
    floors = [c.min for c in killed if c.min is not None]
    ceilings = [c.max for c in killed if c.max is not None]
    bests = [c.best for c in killed if c.best is not None]
    best = min(bests) if bests else (min(floors) if floors else None)
    return Figure(
        min=min(floors) if floors else None,
        max=max(ceilings) if ceilings else None,
        best=best,
    )

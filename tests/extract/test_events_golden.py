"""Golden test on the two real Mosul articles: each occurrence typed with its actors and modality.

Runs the real upstream stages that exist (quotes, claims, dates); places are left out because the
gazetteer index is built on first use and belongs to the geo tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.stage import ActorStage
from tacitus.extract.event_merge import same_occurrence
from tacitus.extract.events import EventStage
from tacitus.model import Document, Event
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis

ISIS = "Islamic State"


def _stages() -> list[Any]:
    stages: list[Any] = []
    try:
        from tacitus.extract.claims import ClaimStage
        from tacitus.extract.quotes import QuoteStage

        stages += [QuoteStage(), ClaimStage()]
    except ImportError:
        pass
    try:
        from tacitus.time.stage import DateStage

        stages.append(DateStage(today=dt.date(2017, 4, 1)))
    except ImportError:
        pass
    return stages


@pytest.fixture(scope="module")
def events(real_examples: list[Path], dictionary: ActorDictionary) -> dict[str, list[Event]]:
    nlp = load_model(patterns=tuple(dictionary.patterns()))
    found: dict[str, list[Event]] = {}
    for path in real_examples:
        text = path.read_text(encoding="utf-8")
        analysis = Analysis(document=Document(id=path.stem, text=text), parsed=nlp(text))
        for stage in [*_stages(), ActorStage(dictionary)]:
            analysis = stage(analysis)
        analysis = EventStage(dictionary)(analysis)
        assert analysis.errors == []
        for event in analysis.events:
            assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        found[path.stem] = analysis.events
    if set(found) != {"mosul-corridors", "mosul-drone-video"}:
        pytest.skip("the two Mosul example articles are not both present")
    return found


def _one(events: list[Event], **fields: Any) -> Event:
    matching = [e for e in events if all(getattr(e, k) == v for k, v in fields.items())]
    assert len(matching) == 1, (fields, [(e.sub_type, e.modality, e.actor1, e.actor2) for e in events])
    return matching[0]


def test_corridor_shooting(events: dict[str, list[Event]]) -> None:
    shooting = _one(events["mosul-corridors"], sub_type="Attack", modality="asserted")
    assert shooting.actor1 == ISIS and shooting.actor2 == "Refugees/IDPs" and shooting.inter2 == 7
    assert "human_shield" in shooting.tags
    assert shooting.type == "Violence against civilians"


def test_corridor_gains_and_generic_executions(events: dict[str, list[Event]]) -> None:
    gains = _one(events["mosul-corridors"], sub_type="Government regains territory", modality="asserted")
    assert gains.actor1 == "Military Forces of Iraq" and gains.actor2 == ISIS
    executions = [e for e in events["mosul-corridors"] if "executing civilians" in e.evidence.text]
    assert executions and all(e.modality == "generic" and e.fatalities is None for e in executions)
    assert all(e.actor1 == ISIS for e in executions)


def test_drone_video_building(events: dict[str, list[Event]]) -> None:
    drone = events["mosul-drone-video"]
    shield = _one(drone, sub_type="Attack", modality="asserted")
    assert shield.actor1 == ISIS and shield.actor2 == "Civilians" and "human_shield" in shield.tags
    clash = _one(drone, sub_type="Armed clash", modality="asserted")
    assert clash.actor1 == ISIS
    assert clash.actor2 in {"Military Forces of Iraq", "Military Forces of Iraq - Counter Terrorism Service"}


def test_withheld_airstrike_is_negated(events: dict[str, list[Event]]) -> None:
    withheld = _one(events["mosul-drone-video"], sub_type="Air/drone strike", modality="negated")
    assert withheld.actor1 == "Coalition Forces (Operation Inherent Resolve)"
    assert withheld.fatalities is None and withheld.claims == []
    assert "did not respond with an airstrike" in withheld.evidence.text
    alleged = _one(events["mosul-drone-video"], sub_type="Air/drone strike", modality="alleged")
    assert "200 civilians" in alleged.evidence.text


def test_two_human_shield_incidents_stay_apart(
    events: dict[str, list[Event]], dictionary: ActorDictionary
) -> None:
    corridor = _one(events["mosul-corridors"], sub_type="Attack", modality="asserted")
    building = _one(events["mosul-drone-video"], sub_type="Attack", modality="asserted")
    assert corridor.evidence.text != building.evidence.text
    assert corridor.actor2 != building.actor2
    if building.date is not None and building.date.start is not None:
        assert corridor.date != building.date
        assert not same_occurrence(corridor, building, dictionary.compatible) or corridor.date is None

"""The event lexicon's trigger and refinement rules against ACLED's codebook, on self-written passages.

Why the rules alone (no sentence classifier): each case pins one lexicon rule (a trigger, a cue list or
the order of the refinements); the classifier's vote is measured on the benchmarks, not here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.stage import ActorStage
from tacitus.extract.events import EventStage
from tacitus.model import Document, Event
from tacitus.pipeline import Analysis


@pytest.fixture(scope="module")
def stage(dictionary: ActorDictionary) -> EventStage:
    return EventStage(dictionary, use_classifier=False)


def rule_events(nlp: Any, dictionary: ActorDictionary, stage: EventStage, text: str) -> list[Event]:
    analysis = Analysis(document=Document(id="t", text=text, published=dt.date(2024, 5, 1)), parsed=nlp(text))
    events = stage(ActorStage(dictionary)(analysis)).events
    for event in events:
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    return events


CASES = [
    # crowd-control munitions are an intervention, not a Grenade, even without a protest word
    (
        "Police fired stun grenades and water cannon at crowds in the capital on Monday.",
        "Protest with intervention",
    ),
    (
        "Riot police used tear gas to disperse hundreds of demonstrators outside parliament.",
        "Protest with intervention",
    ),
    # lethal force read with crowd-control cues is excessive force, not a violent demonstration
    (
        "Police fired tear gas and live ammunition at protesters, killing two.",
        "Excessive force against protesters",
    ),
    # demonstrators' own violence names the event even when force was used against them
    ("Police fired tear gas at rioters who threw stones, killing one.", "Violent demonstration"),
    # an arrest at a protest is an intervention
    ("Police arrested 20 protesters during a march in the capital on Monday.", "Protest with intervention"),
    # an arrest at a protest is read by the lethal cues after it: killing there is excessive force
    (
        "Police arrested dozens of protesters and shot dead two of them in the square.",
        "Excessive force against protesters",
    ),
    # joining a protest is a protest, not a change to a group
    (
        "Thousands of teachers joined the protest outside the education ministry on Tuesday.",
        "Peaceful protest",
    ),
    ("Thousands of workers went on strike and marched to parliament on Tuesday.", "Peaceful protest"),
    # a headquarters burned is property destruction, not a base established
    (
        "Unknown gunmen set fire to the party headquarters in the city overnight.",
        "Looting/property destruction",
    ),
    # rocket-propelled grenades are ACLED's shelling; a grenade beside mortar fire is the shelling too
    (
        "Militants fired rocket-propelled grenades at an army convoy near the border.",
        "Shelling/artillery/missile attack",
    ),
    ("Rebels fired mortar rounds and a grenade at an army post.", "Shelling/artillery/missile attack"),
    ("Militants threw a hand grenade at a police station, wounding two officers.", "Grenade"),
    # explosives found, seized or intercepted are disrupted weapons use, not an explosion
    (
        "Soldiers discovered an improvised explosive device under a bridge near the town.",
        "Disrupted weapons use",
    ),
    ("Air defences intercepted two missiles fired at the city on Sunday.", "Disrupted weapons use"),
    ("Air defences intercepted two drones over the city.", "Disrupted weapons use"),
    # Agreement in ACLED's sense: talks, surrenders and prisoner releases
    ("The government and the rebels resumed peace talks in Doha on Monday.", "Agreement"),
    ("Forty militants surrendered to the army in the province on Friday.", "Agreement"),
    # troops redeployed are a change to the group's activity, not a territory transfer
    (
        "The army withdrew its troops from the town and redeployed them to the northern front.",
        "Change to group/activity",
    ),
    (
        "The militia established a new base in the hills above the village.",
        "Headquarters or base established",
    ),
    (
        "Gunmen stole livestock and food from villagers after the attack on the camp.",
        "Looting/property destruction",
    ),
]


@pytest.mark.parametrize(("text", "sub_type"), CASES)
def test_codebook_rule(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage, text: str, sub_type: str
) -> None:
    events = rule_events(nlp, dictionary, stage, text)
    assert events, text
    assert events[0].sub_type == sub_type, [(e.sub_type, e.evidence.text) for e in events]


def test_firing_positions_are_no_base(nlp: Any, dictionary: ActorDictionary, stage: EventStage) -> None:
    text = "The video shows fighters knowingly establishing firing positions while civilians were present."
    events = rule_events(nlp, dictionary, stage, text)
    assert all(e.sub_type != "Headquarters or base established" for e in events)


def test_an_accusation_of_theft_is_no_looting(
    nlp: Any, dictionary: ActorDictionary, stage: EventStage
) -> None:
    events = rule_events(nlp, dictionary, stage, "An angry mob lynched a man accused of theft in Kano.")
    assert [e.sub_type for e in events] == ["Mob violence"]

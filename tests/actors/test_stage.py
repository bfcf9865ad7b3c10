"""The actor stage on real parses: mentions, anaphora, evidence slices, canonical claims."""

from __future__ import annotations

from typing import Any

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.mentions import find_mentions
from tacitus.actors.stage import ActorStage
from tacitus.model import Claim, Document, Evidence
from tacitus.pipeline import Analysis

TEXT = (
    "ISIS militants opened fire at displaced families who were used as human shields by the terrorist group. "
    "The CTS repelled the attack. Later the militants withdrew and they blew up a bridge. "
    "This is what IS does."
)


def _analysis(nlp: Any, text: str, claims: list[Claim] | None = None) -> Analysis:
    return Analysis(document=Document(id="t", text=text), parsed=nlp(text), claims=claims or [])


def test_mentions_resolve_names_generics_and_anaphora(nlp: Any, dictionary: ActorDictionary) -> None:
    mentions = find_mentions(nlp(TEXT), dictionary)
    found = {(m.text, m.name) for m in mentions}
    assert ("ISIS militants", "Islamic State") in found
    assert ("displaced families", "Refugees/IDPs") in found
    assert ("terrorist group", "Islamic State") in found
    assert ("CTS", "Military Forces of Iraq - Counter Terrorism Service") in found
    assert ("militants", "Islamic State") in found
    assert ("they", "Islamic State") in found
    assert ("IS", "Islamic State") in found
    assert all(m.text != "is" for m in mentions)


def test_actor_records_carry_exact_evidence(nlp: Any, dictionary: ActorDictionary) -> None:
    result = ActorStage(dictionary)(_analysis(nlp, TEXT))
    names = [a.name for a in result.actors]
    assert names[0] == "Islamic State"
    islamic_state = result.actors[0]
    assert islamic_state.type == 2 and "ISIS militants" in islamic_state.aliases_seen
    for actor in result.actors:
        assert actor.evidence is not None
        for evidence in [actor.evidence, *actor.mentions]:
            assert TEXT[evidence.start : evidence.end] == evidence.text


def test_claims_get_canonical_actor_and_victim(nlp: Any, dictionary: ActorDictionary) -> None:
    span = TEXT.index("ISIS militants opened")
    end = TEXT.index(". The CTS")
    claim = Claim(
        kind="killed",
        min=3,
        actor="ISIS militants",
        victim="displaced families",
        evidence=Evidence(start=span, end=end, text=TEXT[span:end]),
    )
    unresolved = claim.model_copy(update={"actor": "the Zorro brigade", "victim": None})
    result = ActorStage(dictionary)(_analysis(nlp, TEXT, [claim, unresolved]))
    assert result.claims[0].actor == "Islamic State"
    assert result.claims[0].victim == "Refugees/IDPs"
    assert result.claims[1].actor == "the Zorro brigade"


def test_stage_contract() -> None:
    assert ActorStage.requires == frozenset({"parsed", "claims"})
    assert ActorStage.provides == frozenset({"actors"})
    empty = Analysis(document=Document(id="e", text=""))
    assert ActorStage()(empty) == empty

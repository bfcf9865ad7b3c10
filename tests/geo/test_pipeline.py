"""PlaceStage inside a real pipeline (spaCy, quotes, claims): every claim gets a place, evidence exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.extract.claims import ClaimStage
from tacitus.extract.quotes import QuoteStage
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.stage import PlaceStage
from tacitus.model import Document
from tacitus.nlp.stage import SpacyStage
from tacitus.pipeline import Pipeline, Stage


def test_place_stage_is_a_stage(packaged: Gazetteer) -> None:
    stage = PlaceStage(packaged)
    assert isinstance(stage, Stage)
    assert stage.requires == {"parsed", "claims"} and stage.provides == {"places"}


def test_claims_of_the_corridors_article_are_placed_in_mosul(packaged: Gazetteer, shared: Path) -> None:
    path = shared / "examples" / "mosul-corridors.txt"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    text = path.read_text(encoding="utf-8")
    pipeline = Pipeline(
        [SpacyStage(patterns=packaged.patterns()), QuoteStage(), ClaimStage(), PlaceStage(packaged)]
    )
    result = next(pipeline.run([Document(id="corridors", text=text)]))
    assert not result.errors
    assert result.claims
    for claim in result.claims:
        assert claim.place is not None and claim.place.country == "IQ"
        assert claim.place.evidence is not None
        ev = claim.place.evidence
        assert text[ev.start : ev.end] == ev.text
    for place in result.places:
        assert place.evidence is not None
        assert text[place.evidence.start : place.evidence.end] == place.evidence.text

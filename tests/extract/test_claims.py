"""The claim finder on hand-written sentences with the real spaCy model and hand-built quotes."""

from __future__ import annotations

from typing import Any

import pytest

from tacitus.extract.claims import ClaimStage, find_claims
from tacitus.model import Document, Quote
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis, Pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


def claims_of(nlp: Any, text: str, quotes: tuple[Quote, ...] = ()) -> list[Any]:
    return find_claims(nlp(text), quotes)


def test_killed_with_actor_and_bound(nlp: Any) -> None:
    [claim] = claims_of(nlp, "At least 12 people were killed by ISIS militants in the village.")
    assert (claim.kind, claim.min, claim.max, claim.best) == ("killed", 12, None, 12)
    assert claim.victim == "people" and claim.actor == "ISIS militants"
    assert claim.modality == "asserted" and claim.source is None


def test_two_outcomes_in_one_sentence(nlp: Any) -> None:
    got = {(c.kind, c.best) for c in claims_of(nlp, "The explosion killed at least 9 and injured 27 others.")}
    assert got == {("killed", 9), ("injured", 27)}


def test_vague_count_keeps_words(nlp: Any) -> None:
    [claim] = claims_of(nlp, "Hundreds of displaced families returned to their villages.")
    assert claim.kind == "returned" and claim.unit == "families" and claim.quantity_text == "Hundreds"
    assert claim.best == 100 and claim.approximate and claim.victim == "displaced families"


def test_territory_and_rates(nlp: Any) -> None:
    [held] = claims_of(nlp, "The militants now control less than 5% of the city.")
    assert (held.kind, held.unit, held.max, held.min) == ("territory_held", "percent", 5, None)
    [fled] = claims_of(nlp, "Around 8,000 people are fleeing the city every day.")
    assert fled.kind == "displaced" and fled.per == "day" and fled.best == 8000


def test_anaphoric_change_inherits(nlp: Any) -> None:
    text = "Last week 10,000 civilians fled the city every day, but that number has fallen to 4,000."
    first, second = claims_of(nlp, text)
    assert (first.best, second.best) == (10000, 4000)
    assert second.kind == "displaced" and second.per == "day"


def test_numbers_that_are_not_claims(nlp: Any) -> None:
    for text in [
        "The 45-year-old commander has led the brigade since 2014.",
        "Five armoured vehicles were destroyed in the ambush.",
        "The talks lasted two days and ended without an agreement.",
        "The government pledged $50 million for reconstruction.",
    ]:
        assert claims_of(nlp, text) == [], text


def test_singular_and_zero(nlp: Any) -> None:
    [claim] = claims_of(nlp, "A woman was killed by a stray bullet.")
    assert claim.best == 1 and claim.kind == "killed"
    [zero] = claims_of(nlp, "No one was killed in the explosion.")
    assert zero.best == 0 and zero.modality == "negated"


def test_source_from_quote(nlp: Any) -> None:
    text = '"They killed at least 14 people in the market," said Amina Yusuf, a local councillor.'
    inner = text.index("They")
    quote = Quote(
        speaker="Amina Yusuf",
        role="local councillor",
        text=text[inner : inner + 45],
        direct=True,
        start=inner,
        end=inner + 45,
    )
    [claim] = claims_of(nlp, text, (quote,))
    assert claim.source is not None and claim.source.speaker == "Amina Yusuf"
    [own] = claims_of(nlp, text)
    assert own.source is None


def test_evidence_is_document_text(nlp: Any) -> None:
    text = "  Gunmen stormed the village.\n\nAt least 19 residents were killed and 7 others were wounded.  "
    claims = claims_of(nlp, text)
    assert len(claims) == 2
    for claim in claims:
        assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
        assert claim.evidence.text.startswith("At least 19")


def test_stage_in_pipeline() -> None:
    from tacitus.extract.quotes import QuoteStage
    from tacitus.nlp.stage import SpacyStage

    pipeline = Pipeline([SpacyStage(), QuoteStage(), ClaimStage()])
    doc = Document(id="d1", text="Militants abducted 80 schoolgirls from a school, officials said.")
    [result] = list(pipeline.run([doc]))
    assert [c.kind for c in result.claims] == ["abducted"]
    assert result.errors == []
    assert ClaimStage.requires == frozenset({"parsed", "quotes"})
    stage = ClaimStage()
    analysis = Analysis(document=doc, parsed=load_model()(doc.text))
    assert stage(analysis).claims[0].best == 80


def _rows(nlp: Any, text: str) -> set[tuple[str, float | None, float | None, str]]:
    return {(c.kind, c.min, c.max, c.modality) for c in claims_of(nlp, text)}


def test_people_counted_without_a_number(nlp: Any) -> None:
    assert _rows(nlp, "The teenager was pronounced dead at the scene.") == {("killed", 1, 1, "asserted")}
    assert _rows(nlp, "He died at the hospital two days later.") == {("killed", 1, 1, "asserted")}
    assert _rows(nlp, "The guard killed himself in the barracks.") == {("killed", 1, 1, "asserted")}
    named = claims_of(nlp, "Police said Amal Haddad, 34, died at the hospital.")
    assert [(c.kind, c.best, c.quantity_text) for c in named] == [("killed", 1, "Amal Haddad")]


def test_definite_groups_and_partitives_are_not_one(nlp: Any) -> None:
    assert _rows(nlp, "A drone strike killed four members of the same family.") == {
        ("killed", 4, 4, "asserted")
    }
    assert _rows(nlp, "The dead were buried the next morning.") == set()


def test_ages_and_children_are_not_counts(nlp: Any) -> None:
    assert _rows(nlp, "Her sons, ages 3 and 4, were not at home.") == set()
    assert _rows(nlp, "Omar Said, 19, was arrested on Friday.") == {("detained", 1, 1, "asserted")}


def test_implied_counts(nlp: Any) -> None:
    assert _rows(nlp, "Investigators are treating it as a double homicide.") == {("killed", 2, 2, "asserted")}
    assert _rows(nlp, "The fire followed a murder-suicide at the farmhouse.") == {
        ("killed", 2, None, "asserted")
    }


def test_shot_is_open_until_an_outcome_is_said(nlp: Any) -> None:
    assert _rows(nlp, "Two fishermen were shot near the jetty.") == {("casualties", 2, 2, "asserted")}
    assert _rows(nlp, "Four guards were shot and wounded.") == {("injured", 4, 4, "asserted")}
    assert _rows(nlp, "Two fishermen were shot dead near the jetty.") == {("killed", 2, 2, "asserted")}
    assert _rows(nlp, "A herder was found with a gunshot wound to the chest.") == {
        ("casualties", 1, 1, "asserted")
    }
    assert _rows(nlp, "No one was injured in the incident.") == {("injured", 0, 0, "negated")}


def test_tallies_are_generic_and_the_accused_are_not_victims(nlp: Any) -> None:
    assert _rows(nlp, "In the province, 312 people have been killed in separate attacks this year.") == {
        ("killed", 312, 312, "generic")
    }
    got = _rows(nlp, "Three men have been charged in the murder of the shopkeeper.")
    assert ("killed", 3, 3, "asserted") not in got

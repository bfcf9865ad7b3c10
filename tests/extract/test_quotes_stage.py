"""QuoteStage, source_for_span and the quotation-mark scanner, with the real spaCy model."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.extract.attribution import find_attributions
from tacitus.extract.attribution_lexicon import load_lexicon
from tacitus.extract.attribution_marks import find_marked_spans
from tacitus.extract.quotes import QuoteStage, source_for_span
from tacitus.model import Document, Quote, Source
from tacitus.nlp.model_loader import load_model
from tacitus.nlp.stage import SpacyStage
from tacitus.pipeline import Analysis, Pipeline


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model()


@pytest.fixture(scope="module")
def stage() -> QuoteStage:
    return QuoteStage()


def quotes_of(nlp: Any, stage: QuoteStage, text: str) -> list[Quote]:
    analysis = Analysis(document=Document(id="t", text=text), parsed=nlp(text))
    return stage(analysis).quotes


def test_split_quote_goes_to_one_speaker(nlp: Any, stage: QuoteStage) -> None:
    text = "“The shelling started at noon,” said Thomas. “By evening the market was empty.”"
    quotes = quotes_of(nlp, stage, text)
    assert [q.text for q in quotes] == ["The shelling started at noon", "By evening the market was empty."]
    assert {q.speaker for q in quotes} == {"Thomas"}
    assert all(q.direct for q in quotes)


def test_speaker_role_and_organization_from_apposition(nlp: Any, stage: QuoteStage) -> None:
    text = '"Our partners have seen the tactic," said Col. John J. Thomas, U.S. Central Command spokesman.'
    (quote,) = quotes_of(nlp, stage, text)
    assert (quote.speaker, quote.role, quote.organization) == (
        "Col. John J. Thomas",
        "spokesman",
        "U.S. Central Command",
    )
    assert quote.cue == "said"


def test_reported_speech_then_surname_and_pronoun(nlp: Any, stage: QuoteStage) -> None:
    text = (
        "Colonel Joe Scrocca, a coalition spokesman, told reporters that the bridge was cut. "
        "“We saw it on video,” Scrocca said. He said the road was open."
    )
    quotes = quotes_of(nlp, stage, text)
    assert [q.direct for q in quotes] == [False, True, False]
    assert quotes[0].text == "that the bridge was cut"
    assert quotes[0].cue == "told"
    for quote in quotes:
        assert (quote.speaker, quote.role, quote.organization) == (
            "Colonel Joe Scrocca",
            "spokesman",
            "coalition",
        )


def test_british_quotes_and_headline_colon(nlp: Any, stage: QuoteStage) -> None:
    text = "Medic: ‘The clinic has no fuel’\n\n‘We lost everything,’ said Ana Silva, a teacher."
    quotes = quotes_of(nlp, stage, text)
    assert [(q.text, q.speaker, q.role, q.cue) for q in quotes] == [
        ("The clinic has no fuel", "Medic", "Medic", ":"),
        ("We lost everything", "Ana Silva", "teacher", "said"),
    ]


def test_organization_as_source(nlp: Any, stage: QuoteStage) -> None:
    text = "Although government agencies reported that 10,000 civilians were fleeing, the number fell."
    (quote,) = quotes_of(nlp, stage, text)
    assert quote.speaker is None
    assert quote.organization == "government agencies"
    assert quote.text == "that 10,000 civilians were fleeing"


def test_according_to(nlp: Any, stage: QuoteStage) -> None:
    text = "According to the United Nations, more than 12,000 people have fled the province."
    (quote,) = quotes_of(nlp, stage, text)
    assert quote.organization == "United Nations"
    assert quote.text == "more than 12,000 people have fled the province"
    assert quote.cue == "According to"


def test_reporter_voice_has_no_quote(nlp: Any, stage: QuoteStage) -> None:
    text = "Troops advanced two kilometres, and the so-called “safe zone” was shelled twice overnight."
    assert quotes_of(nlp, stage, text) == []


def test_source_for_span_innermost(nlp: Any, stage: QuoteStage) -> None:
    text = (
        "Colonel Joe Scrocca, a coalition spokesman told reporters that ISIS was “smuggling civilians "
        "into buildings so we won’t see them.” Elsewhere 200 people fled."
    )
    quotes = quotes_of(nlp, stage, text)
    at = text.index("smuggling")
    source = source_for_span(quotes, at, at + len("smuggling civilians"))
    assert source == Source(speaker="Colonel Joe Scrocca", role="spokesman", organization="coalition")
    inner = min((q for q in quotes if q.start <= at < q.end), key=lambda q: q.end - q.start)
    assert inner.direct
    at = text.index("200 people")
    assert source_for_span(quotes, at, at + 10) is None


def test_source_for_span_sourceless_hearsay_is_none() -> None:
    quotes = [Quote(text="x" * 10, direct=False, start=0, end=10, cue="was reported")]
    assert source_for_span(quotes, 2, 5) is None
    assert source_for_span([], 0, 1) is None


def test_stage_in_pipeline_and_text_is_evidence() -> None:
    text = (
        "“We evacuated forty families,” said Lena Ortiz, a coordinator with the Red Crescent.\n\n"
        "Police said three suspects were detained. It was reported that the ferry had sunk."
    )
    pipeline = Pipeline([SpacyStage(), QuoteStage()])
    (result,) = pipeline.run([Document(id="d1", text=text)])
    assert not result.errors
    assert len(result.quotes) == 3
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text


def test_stage_needs_parse(stage: QuoteStage) -> None:
    with pytest.raises(ValueError, match="SpacyStage"):
        stage(Analysis(document=Document(id="t", text="x")))


def test_lexicon_loads_from_package_data() -> None:
    lex = load_lexicon()
    assert "say" in lex.speech_verbs
    assert lex.title_of("Col.") == "Colonel"
    assert "spokesman" in lex.roles


def test_marked_spans_straight_curly_doubled_and_unclosed() -> None:
    text = "A \"one\" b “two” c ''three'' d “four\nnext"
    spans = [text[s.start : s.end] for s in find_marked_spans(text)]
    assert spans == ["one", "two", "three", "four"]
    assert [s.closed for s in find_marked_spans(text)] == [True, True, True, False]


def test_british_single_quotes_keep_apostrophes() -> None:
    text = "‘We won’t leave the soldiers’ families,’ said Ana. It’s quiet."
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == [
        "We won’t leave the soldiers’ families,"
    ]
    text = "‘They shelled the school at dawn,’ said Ana."
    assert [text[s.start : s.end] for s in find_marked_spans(text)] == ["They shelled the school at dawn,"]


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"“”'‘’:")), max_size=80))
def test_marked_spans_stay_inside_text(text: str) -> None:
    for span in find_marked_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert "\n" not in text[span.start : span.end]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "“It burned,” said Ana.",
                "He said",
                "according to",
                "police said that",
                "“",
                "”",
                '"',
                "X",
                "Col.",
                "the army denied it.",
                "\n",
                "It says",
                ",",
                "told reporters",
                "they",
            ]
        ),
        max_size=14,
    )
)
def test_never_raises_and_quote_text_is_a_slice(nlp: Any, pieces: list[str]) -> None:
    text = " ".join(pieces)
    stage = QuoteStage()
    for quote in stage(Analysis(document=Document(id="h", text=text), parsed=nlp(text))).quotes:
        assert text[quote.start : quote.end] == quote.text
    for a in find_attributions(nlp(text)):
        assert 0 <= a.content_start <= a.content_end <= len(text)

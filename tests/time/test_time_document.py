"""Dates in parsed documents: evidence, tense, statement dates, and the date stage filling claims."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tacitus.model import Claim, Document, Evidence
from tacitus.pipeline import Analysis
from tacitus.time.assign import clause_bounds, date_for_span, sentence_bounds
from tacitus.time.document import document_dates
from tacitus.time.stage import DateStage

SATURDAY = dt.date(2017, 4, 1)


def _by_text(doc: Any, published: dt.date | None) -> dict[str, tuple[str | None, str | None]]:
    return {s.text: (s.start, s.end) for s in document_dates(doc, published)}


def test_evidence_is_the_text_slice(nlp: Any) -> None:
    text = "On March 30, a spokesman said gunmen attacked the town yesterday. Talks resume next week."
    doc = nlp(text)
    spans = document_dates(doc, SATURDAY)
    assert spans
    for span in spans:
        assert span.evidence is not None
        assert text[span.evidence.start : span.evidence.end] == span.evidence.text == span.text


def test_reported_yesterday_resolves_against_the_statement_date(nlp: Any) -> None:
    doc = nlp("On March 30, a spokesman told reporters that ISIS had attacked the checkpoint yesterday.")
    assert _by_text(doc, SATURDAY)["yesterday"] == ("2017-03-29", "2017-03-29")


def test_future_verb_moves_the_weekday_forward(nlp: Any) -> None:
    spans = document_dates(nlp("The ministers will meet on Friday in Baghdad."), SATURDAY)
    friday = next(s for s in spans if s.text.endswith("Friday"))
    assert friday.start == "2017-04-07"
    assert friday.future


def test_no_publication_date_keeps_yearless_and_open(nlp: Any) -> None:
    found = _by_text(nlp("The video was taken on March 29 and released on Friday."), None)
    assert found["March 29"] == ("--03-29", "--03-29")
    assert next(v for k, v in found.items() if "Friday" in k) == (None, None)


def test_sentence_and_clause_bounds_keep_abbreviations() -> None:
    text = "Col. John J. Thomas said on Friday that U.S. forces struck; five died. Next sentence."
    start = text.index("five")
    assert text[slice(*sentence_bounds(text, start, start + 4))].startswith("Col. John")
    assert text[slice(*clause_bounds(text, start, start + 4))].strip() == "five died."


def _claim(text: str, phrase: str) -> Claim:
    start = text.index(phrase)
    return Claim(kind="killed", evidence=Evidence(start=start, end=start + len(phrase), text=phrase))


def test_stage_fills_claim_dates_from_clause_sentence_paragraph_then_publication(nlp: Any) -> None:
    text = (
        "The video was taken on March 29 in west Mosul.\n"
        "Gunmen killed five people yesterday, police said. Another attack killed two people.\n"
        "Officials said 40 people were displaced."
    )
    claims = [
        _claim(text, "killed five people"),
        _claim(text, "killed two people"),
        _claim(text, "40 people were displaced"),
    ]
    document = Document(id="d1", text=text, published=SATURDAY)
    analysis = Analysis(document=document, parsed=nlp(text), claims=claims)
    result = DateStage()(analysis)
    dates = [c.date for c in result.claims]
    assert dates[0] is not None and dates[0].start == "2017-03-31"
    assert dates[1] is not None and dates[1].start == "2017-03-31"  # same paragraph, not the first date
    assert dates[2] is not None and dates[2].reason == "publication date"
    assert dates[2].start == "2017-04-01" and dates[2].precision == "day"
    for span in result.dates:
        assert span.evidence is not None
        assert text[span.evidence.start : span.evidence.end] == span.evidence.text


def test_stage_without_publication_date_leaves_undated_claims_empty(nlp: Any) -> None:
    text = "Officials said 40 people were displaced."
    analysis = Analysis(
        document=Document(id="d2", text=text), parsed=nlp(text), claims=[_claim(text, "40 people")]
    )
    result = DateStage(today=dt.date(2026, 11, 23))(analysis)
    assert result.claims[0].date is None
    assert DateStage.requires == frozenset({"parsed", "quotes", "claims"})
    assert DateStage.provides == frozenset({"dates"})


def test_date_for_span_prefers_the_nearest_in_the_clause(nlp: Any) -> None:
    text = "On March 20 troops advanced; on March 29 a strike killed 12 people."
    spans = document_dates(nlp(text), SATURDAY)
    start = text.index("killed")
    chosen = date_for_span(spans, text, start, start + 6, SATURDAY)
    assert chosen is not None and chosen.start == "2017-03-29"

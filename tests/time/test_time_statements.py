"""Statement dates: relative words in a quote count from the statement's own date or its speaker's last.

Own sentences (not the examples'), run through the real parse and the real quote stage, as the pipeline
does (docs/time.md, "Statements").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.extract.quotes import QuoteStage
from tacitus.model import Document, Quote, TimeSpan
from tacitus.pipeline import Analysis
from tacitus.time.calendar import YEARLESS
from tacitus.time.context import Context
from tacitus.time.document import document_dates
from tacitus.time.resolve import resolve_interval
from tacitus.time.stage import DateStage
from tacitus.time.statements import speaker_key

SATURDAY = dt.date(2017, 4, 8)


def _dates(nlp: Any, text: str, published: dt.date | None) -> list[TimeSpan]:
    analysis = QuoteStage()(Analysis(document=Document(id="t", text=text), parsed=nlp(text)))
    return document_dates(analysis.parsed, published, quotes=analysis.quotes)


def _span(spans: list[TimeSpan], words: str) -> TimeSpan:
    return next(s for s in spans if words in s.text)


def test_same_speaker_in_the_next_paragraph_inherits_the_statement_date(nlp: Any) -> None:
    text = (
        "On April 3, General Karim told reporters that the bridge had been cut.\n"
        "“They blew it up yesterday,” Karim said."
    )
    span = _span(_dates(nlp, text, SATURDAY), "yesterday")
    assert (span.start, span.end) == ("2017-04-02", "2017-04-02")
    assert "earlier statement" in span.reason


def test_another_speaker_does_not_inherit(nlp: Any) -> None:
    text = (
        "On April 3, General Karim told reporters that the bridge had been cut. "
        "“They blew it up yesterday,” a resident said."
    )
    assert _span(_dates(nlp, text, SATURDAY), "yesterday").start == "2017-04-07"


def test_a_statement_by_someone_else_in_between_stops_the_chain(nlp: Any) -> None:
    text = (
        "On April 3, General Karim said the bridge had been cut. A resident said the shelling went on "
        "all night. “They blew it up yesterday,” Karim said."
    )
    assert _span(_dates(nlp, text, SATURDAY), "yesterday").start == "2017-04-07"


def test_a_narration_date_in_between_stops_the_chain(nlp: Any) -> None:
    text = (
        "On April 3, General Karim told reporters that the bridge had been cut. On April 5, the army "
        "reached the river. “They blew it up yesterday,” Karim said."
    )
    assert _span(_dates(nlp, text, SATURDAY), "yesterday").start == "2017-04-07"


def test_paragraphs_apart_do_not_inherit(nlp: Any) -> None:
    text = (
        "On March 22, Colonel Hadi told reporters that the offensive had stalled.\n"
        "The city has been under siege for months.\nThe river divides it in two.\n"
        "“We lost ten men yesterday,” Hadi said."
    )
    assert _span(_dates(nlp, text, SATURDAY), "yesterday").start == "2017-04-07"


def test_a_statement_dated_by_its_release(nlp: Any) -> None:
    text = "In a statement released Friday, the ministry said that 12 soldiers had been killed yesterday."
    assert _span(_dates(nlp, text, dt.date(2017, 4, 3)), "yesterday").start == "2017-03-30"


def test_no_publication_date_keeps_the_statement_month_day(nlp: Any) -> None:
    text = (
        "On March 30, Colonel Hadi told reporters that the road was closed.\n"
        "“We came under fire yesterday,” Hadi said. “A mortar hit the clinic on Tuesday,” he added."
    )
    spans = _dates(nlp, text, None)
    yesterday = _span(spans, "yesterday")
    assert (yesterday.start, yesterday.end, yesterday.precision) == ("--03-29", "--03-29", "day")
    tuesday = _span(spans, "Tuesday")
    assert tuesday.start is None and tuesday.end is None  # the weekday of March 30 depends on the year
    assert "year the text does not give" in tuesday.reason
    for span in spans:
        assert span.evidence is not None
        assert text[span.evidence.start : span.evidence.end] == span.evidence.text


def test_stage_dates_a_claim_in_an_inherited_statement(nlp: Any) -> None:
    from tacitus.extract.claims import ClaimStage

    text = (
        "On March 30, Colonel Hadi told reporters that the road was closed. "
        "“Gunmen killed two civilians yesterday,” Hadi said."
    )
    analysis = Analysis(document=Document(id="s", text=text), parsed=nlp(text))
    analysis = ClaimStage()(QuoteStage()(analysis))
    result = DateStage(today=dt.date(2026, 11, 23))(analysis)
    dated = [c.date for c in result.claims if c.date is not None]
    assert dated and dated[0].start == "--03-29"
    assert dated[0].evidence is not None
    assert text[dated[0].evidence.start : dated[0].evidence.end] == dated[0].evidence.text


@pytest.mark.parametrize(
    ("name", "key"),
    [("Colonel Joe Scrocca", "scrocca"), ("a spokesman", "spokesman"), (None, "ministry")],
)
def test_speaker_key(name: str | None, key: str) -> None:
    quote = Quote(speaker=name, organization="the Ministry", text="x", direct=True, start=0, end=1)
    assert speaker_key(quote) == key


def _yearless(phrase: str, month: int, day: int) -> tuple[str | None, str | None]:
    ctx = Context(None, reference=dt.date(YEARLESS, month, day), reference_yearless=True)
    interval = resolve_interval(phrase, ctx)
    if interval.start is None or interval.end is None:
        return None, None
    assert interval.yearless
    return interval.start.strftime("%m-%d"), interval.end.strftime("%m-%d")


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(YEARLESS, 1, 1), max_value=dt.date(YEARLESS, 12, 31)))
def test_yearless_statement_days_never_depend_on_a_year(day: dt.date) -> None:
    """ "yesterday" of a yearless date is kept unless it lands on a day only some years have."""
    got = _yearless("yesterday", day.month, day.day)
    before = day - dt.timedelta(days=1)
    if (day.month, day.day) == (3, 1):  # February 28 or 29
        assert got == (None, None)
    else:
        assert got == (before.strftime("%m-%d"), before.strftime("%m-%d"))
    assert _yearless("Friday", day.month, day.day) == (None, None)
    assert _yearless("last week", day.month, day.day) == (None, None)

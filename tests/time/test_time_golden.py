"""Hand-checked dates of the two real articles in shared/examples (skipped when they are absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tacitus.extract.quotes import QuoteStage
from tacitus.model import Document, TimeSpan
from tacitus.pipeline import Analysis
from tacitus.time.document import document_dates

SATURDAY = dt.date(2017, 4, 1)


def _article(shared_dir: Path, name: str) -> str:
    path = shared_dir / "examples" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path.read_text(encoding="utf-8")


def _find(spans: list[TimeSpan], text: str, nth: int = 0) -> TimeSpan:
    return [s for s in spans if s.text == text][nth]


def _with_quotes(nlp: Any, text: str, published: dt.date | None) -> list[TimeSpan]:
    """The pipeline's path: the quote stage's statements tell which quote is whose and when."""
    analysis = QuoteStage()(Analysis(document=Document(id="g", text=text), parsed=nlp(text)))
    return document_dates(analysis.parsed, published, quotes=analysis.quotes)


def test_drone_video_article(nlp: Any, shared_dir: Path) -> None:
    text = _article(shared_dir, "mosul-drone-video.txt")
    spans = document_dates(nlp(text), SATURDAY)
    for span in spans:
        assert span.evidence is not None
        assert text[span.evidence.start : span.evidence.end] == span.text
    assert (_find(spans, "March 29").start, _find(spans, "March 29").precision) == ("2017-03-29", "day")
    assert _find(spans, "today").start == "2017-04-01"
    assert _find(spans, "Friday").start == "2017-03-31"
    assert _find(spans, "Friday").reason == "weekday before publication"
    assert _find(spans, "March 30").start == "2017-03-30"
    yesterday = _find(spans, "yesterday")
    assert (yesterday.start, yesterday.end) == ("2017-03-29", "2017-03-29")
    assert "statement" in yesterday.reason
    following = _find(spans, "in the days following")
    assert following.start is None and following.end == "2017-04-01"
    assert "announcement" in following.reason
    assert not any(s.text in ("hours", "two minute") for s in spans)


def test_drone_video_article_without_publication_date(nlp: Any, shared_dir: Path) -> None:
    spans = _with_quotes(nlp, _article(shared_dir, "mosul-drone-video.txt"), None)
    assert _find(spans, "March 29").start == "--03-29"
    assert _find(spans, "Friday").start is None
    assert _find(spans, "today").start is None
    # Scrocca's quote has no date of its own: it inherits his "On March 30" of the sentence before, a
    # month-day without a year, so "yesterday" is March 29 of an unknown year (never today's).
    yesterday = _find(spans, "yesterday")
    assert (yesterday.start, yesterday.end, yesterday.precision) == ("--03-29", "--03-29", "day")
    assert "earlier statement" in yesterday.reason


def test_drone_video_article_through_the_quote_stage(nlp: Any, shared_dir: Path) -> None:
    spans = _with_quotes(nlp, _article(shared_dir, "mosul-drone-video.txt"), dt.date(2017, 3, 31))
    yesterday = _find(spans, "yesterday")
    assert (yesterday.start, yesterday.end) == ("2017-03-29", "2017-03-29")
    assert _find(spans, "today").start == "2017-03-31"


@pytest.mark.parametrize("published", [None, SATURDAY])
def test_corridors_article(nlp: Any, shared_dir: Path, published: dt.date | None) -> None:
    spans = document_dates(nlp(_article(shared_dir, "mosul-corridors.txt")), published)
    every = [s for s in spans if s.text.lower() == "every day"]
    assert len(every) == 2
    assert all(s.start is None and "recurrence" in s.reason for s in every)
    last_week = _find(spans, "last week")
    assert last_week.precision == "week"
    if published is None:
        assert (last_week.start, last_week.end) == (None, None)
    else:
        assert (last_week.start, last_week.end) == ("2017-03-20", "2017-03-26")

"""Score the resolver on a suite of date expressions with expected intervals (tests/data/dates_suite.jsonl).

Why in the library: the CLI (``tacitus eval time``) and the floor test must score the same way. A case
is correct when start, end and precision all equal the expected ones (and the future flag, when the case
states it). Cases with a context sentence go through the whole document path the pipeline takes (spaCy parse,
the quote stage's statements, mention detection, tense, statement dates, anchors); the others through
the phrase resolver.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from tacitus.extract.attribution import find_attributions
from tacitus.extract.attribution_lexicon import load_lexicon
from tacitus.extract.quotes import quotes_from
from tacitus.model import Precision, TimeSpan
from tacitus.time.context import Context
from tacitus.time.document import resolve_document
from tacitus.time.resolve import resolve, to_timespan


class DateCase(BaseModel):
    """One expression of the suite with its reference date and the expected interval."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    text: str
    published: dt.date | None
    context: str | None = None
    start: str | None
    end: str | None
    precision: Precision | None
    future: bool | None = None


class CaseResult(BaseModel):
    """A case with what the resolver gave."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    case: DateCase
    got: TimeSpan
    correct: bool


class SuiteReport(BaseModel):
    """Exact accuracy over the suite and the failing cases."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    total: int
    correct: int
    accuracy: float
    failures: list[CaseResult]


def load_suite(path: Path) -> list[DateCase]:
    """Read a JSON Lines suite; blank lines are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [DateCase.model_validate(json.loads(line)) for line in lines if line.strip()]


def _in_context(case: DateCase, nlp: Callable[[str], Any]) -> TimeSpan:
    context = case.context or case.text
    position = context.find(case.text)
    doc = nlp(context)
    quotes = quotes_from(context, find_attributions(doc, load_lexicon()))
    for item in resolve_document(doc, case.published, quotes=quotes):
        mention = item.mention
        if mention.start <= position < mention.end or position <= mention.start < position + len(case.text):
            return to_timespan(item.interval, mention.text, Context(case.published, item.tense))
    return TimeSpan(start=None, end=None, precision=None, text=case.text, reason="not detected in context")


def score_case(case: DateCase, nlp: Callable[[str], Any] | None) -> CaseResult:
    """Resolve one case (with ``nlp`` when it has a context) and compare it with the expectation."""
    if case.context is not None and nlp is not None:
        got = _in_context(case, nlp)
    else:
        got = resolve(case.text, case.published)
    correct = (got.start, got.end, got.precision) == (case.start, case.end, case.precision)
    if case.future is not None:
        correct = correct and got.future == case.future
    return CaseResult(case=case, got=got, correct=correct)


def evaluate(cases: Sequence[DateCase], nlp: Callable[[str], Any] | None) -> SuiteReport:
    """Exact accuracy over ``cases``; ``nlp`` (a spaCy pipeline) is needed for cases with a context."""
    results = [score_case(case, nlp) for case in cases]
    correct = sum(r.correct for r in results)
    return SuiteReport(
        total=len(results),
        correct=correct,
        accuracy=correct / len(results) if results else 0.0,
        failures=[r for r in results if not r.correct],
    )

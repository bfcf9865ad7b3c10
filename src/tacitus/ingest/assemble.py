"""Turn what a reader found into a Document: overrides, date checks, ids, and the warnings they cause.

Why one place: every format must apply ``--published``/``--source`` and the future-date rule the same way,
and compute ids identically, or the same article ingested as HTML and as JSON would get two identities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from tacitus.errors import InputError
from tacitus.ingest.dates import parse_published
from tacitus.ingest.identity import content_hash, document_id
from tacitus.ingest.issues import IngestIssue
from tacitus.model import Document
from tacitus.settings import Settings

Item = Document | IngestIssue
_MAX_SHOWN = 60


@dataclass(frozen=True)
class ReadContext:
    """What every reader needs besides the bytes: the run's settings and the injected clock."""

    settings: Settings
    today: dt.date


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(value.split())
    return cleaned or None


def shorten(value: object) -> str:
    """A value quoted for a message, cut so one bad field cannot flood a report."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 4] + "...'"


def assemble(
    ctx: ReadContext,
    *,
    label: str,
    fmt: str,
    text: object,
    title: object = None,
    url: object = None,
    published: object = None,
    source: object = None,
    language: str = "en",
) -> Iterator[Item]:
    """Yield the Document (and any warnings about dropped metadata); raise InputError if there is no text."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(label, "there is no article text in it" if text is None else "its text is empty")
    warnings: list[IngestIssue] = []
    settings = ctx.settings
    date: dt.date | None
    if settings.published is not None:
        date = settings.published
    else:
        date = parse_published(published, ctx.today)
        if date is None and published not in (None, ""):
            warnings.append(
                IngestIssue(
                    path=label,
                    fmt=fmt,
                    severity="warning",
                    problem=f"the publication date {shorten(published)} is not a full date; left empty",
                )
            )
    if date is not None and date > ctx.today:
        warnings.append(
            IngestIssue(
                path=label,
                fmt=fmt,
                severity="warning",
                problem=f"the publication date {date.isoformat()} is in the future "
                f"(today is {ctx.today.isoformat()}); left empty",
            )
        )
        date = None
    clean_url = _clean(url)
    yield Document(
        id=document_id(clean_url, text),
        text=text,
        title=_clean(title),
        url=clean_url,
        path=label,
        published=date,
        source=settings.source if settings.source is not None else _clean(source),
        language=language,
        content_hash=content_hash(text),
        fmt=fmt,
    )
    yield from warnings


def record_issue(exc: InputError, fmt: str) -> IngestIssue:
    """The issue for one bad record of a multi-record file (the rest of the file is still read)."""
    return IngestIssue(path=exc.path, problem=exc.problem, severity="error", fmt=fmt)

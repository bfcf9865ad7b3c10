"""Stable keys of reviewable records, and the short references analysts type.

Why two names for one record: the reference ``<doc id>:c3`` (claim 3) is what the CLI, the API and
``Incident.claims`` use, but positions shift when a newer extractor finds one more claim. The review key
pins what the analyst looked at instead: the document, the exact text version (content hash), the record
kind, the evidence span and the claim kind or event type. A review applies again after re-extraction as
long as the machine still finds a record on the same span; the same key is computed in SQL
(:func:`key_sql`) so list queries can join reviews without loading every record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tacitus.model import Claim, Event

TargetKind = Literal["claim", "event"]
_LETTERS: dict[str, TargetKind] = {"c": "claim", "e": "event"}


def key_sql(kind: TargetKind, row: str, doc: str = "d") -> str:
    """SQL for the review key of a ``claims``/``events`` row aliased ``row`` joined to its document ``doc``.

    The aliases come from the calling code, never from a request.
    """
    sub = "kind" if kind == "claim" else "type"
    return (
        f"('{kind}:' || {row}.doc_id || ':' || substr({doc}.content_hash, 1, 16) || ':'"
        f" || {row}.span_start || '-' || {row}.span_end || ':' || {row}.{sub})"
    )


@dataclass(frozen=True)
class RecordRef:
    """A claim or event by position: ``<doc id>:c<index>`` or ``<doc id>:e<index>``."""

    kind: TargetKind
    doc_id: str
    index: int

    def __str__(self) -> str:
        return f"{self.doc_id}:{self.kind[0]}{self.index}"


def parse_ref(text: str) -> RecordRef:
    """Parse ``doc:c3`` / ``doc:e0``; raises ValueError with the expected form otherwise."""
    doc_id, sep, tail = text.strip().rpartition(":")
    kind = _LETTERS.get(tail[:1])
    if not sep or not doc_id or kind is None or not tail[1:].isdigit():
        raise ValueError(
            f"{text!r} is not a record reference; write <document id>:c<n> or <document id>:e<n>"
        )
    return RecordRef(kind, doc_id, int(tail[1:]))


def review_key(kind: TargetKind, doc_id: str, content_hash: str, record: Claim | Event) -> str:
    """The stable key of a record (the same string :func:`key_sql` builds)."""
    sub = record.kind if isinstance(record, Claim) else record.type
    span = f"{record.evidence.start}-{record.evidence.end}"
    return f"{kind}:{doc_id}:{content_hash[:16]}:{span}:{sub}"

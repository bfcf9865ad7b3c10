"""Shared rule for multi-record files: one bad record is one issue; a file where nothing reads is one error.

Why: a JSON Lines dump with the wrong text-field name would otherwise print ten thousand identical
record errors; one file-level message naming the first problem is what the user needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from tacitus.errors import InputError
from tacitus.ingest.assemble import Item
from tacitus.ingest.issues import IngestIssue
from tacitus.model import Document

# After this many failed records and none read, the whole file is declared unreadable.
MAX_LEADING_FAILURES = 5


def _where(label: str, record_path: str, noun: str) -> str:
    suffix = record_path.removeprefix(label)
    if suffix.startswith(":"):
        return f"line {suffix[1:]}"
    if suffix.startswith("#"):
        singular = {"entries": "entry", "HTML responses": "record"}.get(noun, "record")
        return f"{singular} {suffix[1:]}"
    return "the first record"


def guard_records(items: Iterator[Item], label: str, noun: str = "records") -> Iterator[Item]:
    """Pass items through, holding back record errors until one record has been read."""
    pending: list[IngestIssue] = []
    read_any = False
    for item in items:
        if isinstance(item, Document):
            if not read_any:
                yield from pending
                pending.clear()
                read_any = True
            yield item
        elif read_any or item.severity != "error":
            yield item
        else:
            pending.append(item)
            if len(pending) >= MAX_LEADING_FAILURES:
                first = pending[0]
                raise InputError(
                    label,
                    f"none of the first {len(pending)} {noun} could be read; "
                    f"{_where(label, first.path, noun)}: {first.problem}",
                )
    if read_any:
        return
    if pending:
        first = pending[0]
        more = f" (and {len(pending) - 1} more)" if len(pending) > 1 else ""
        raise InputError(
            label, f"no {noun} could be read; {_where(label, first.path, noun)}: {first.problem}{more}"
        )
    raise InputError(label, f"it holds no {noun}")

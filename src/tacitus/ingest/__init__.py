"""Ingest: any news file (text, HTML, JSON/JSONL/CSV, RSS/Atom, WARC, gzip of these, stdin) to Documents.

See docs/ingest.md for formats, field names, ids and what happens with bad input.
"""

from __future__ import annotations

from tacitus.ingest.identity import canonical_url, content_hash, document_id, normalise_text
from tacitus.ingest.issues import IngestIssue
from tacitus.ingest.iterate import iter_inputs

__all__ = [
    "IngestIssue",
    "canonical_url",
    "content_hash",
    "document_id",
    "iter_inputs",
    "normalise_text",
]

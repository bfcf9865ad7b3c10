"""JSON Lines output: the public contract of ``tacitus extract`` (docs/output-contract.md).

Why the document's text is left out: the output points into the text by offsets and quotes the spans it
relies on (``evidence``), so the full text would only double the size of every line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from tacitus.model import DocumentResult

#: Fields of DocumentResult left out of the output.
EXCLUDED: dict[str, Any] = {"document": {"text"}}


def result_record(result: DocumentResult) -> dict[str, Any]:
    """The JSON object printed for one document."""
    record: dict[str, Any] = result.model_dump(mode="json", exclude=EXCLUDED)
    return record


def write_jsonl(results: Iterable[DocumentResult], out: TextIO) -> int:
    """Write one JSON object per document, in input order; return how many were written."""
    count = 0
    for result in results:
        out.write(json.dumps(result_record(result), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count

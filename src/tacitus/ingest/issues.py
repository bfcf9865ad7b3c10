"""The record ``iter_inputs`` yields instead of raising when an input cannot be (fully) read.

Why a record and not an exception: a batch of ten thousand files must not stop at the first broken one,
and the CLI needs every problem with its file to print a report and choose an exit code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]


class IngestIssue(BaseModel):
    """One problem with one input.

    ``severity="error"``: nothing was read from that file (or that record of a multi-record file).
    ``severity="warning"``: the document was read but something was dropped (e.g. a future publication date).
    ``problem`` is one plain human line without the path (the CLI prefixes ``path``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    problem: str
    severity: Severity = "error"
    fmt: str | None = None

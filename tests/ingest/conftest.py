"""Shared helpers for the ingest tests: a fixed clock and a collector that splits documents from issues."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from tacitus.ingest import IngestIssue, iter_inputs
from tacitus.model import Document
from tacitus.settings import Settings

TODAY = dt.date(2026, 11, 23)


def collect(
    paths: Sequence[str | Path], settings: Settings | None = None, **kwargs: object
) -> tuple[list[Document], list[IngestIssue]]:
    """Run iter_inputs and split its output."""
    docs: list[Document] = []
    issues: list[IngestIssue] = []
    for item in iter_inputs(paths, settings or Settings(), today=TODAY, **kwargs):  # type: ignore[arg-type]
        (docs if isinstance(item, Document) else issues).append(item)  # type: ignore[arg-type]
    return docs, issues


@pytest.fixture
def today() -> dt.date:
    return TODAY

"""Golden output of ``tacitus extract`` on the two real Mosul articles, locked after a hand check.

Every claim and event the full pipeline emits (the one ``tacitus extract`` builds, files read by the
ingest layer exactly as the CLI reads them, no ``--published``) is projected to the fields a reader
checks against the text and compared with ``tests/golden/<article>.json``. docs/handcheck.md gives the
verdict on each row. After a deliberate change, re-check the new rows by hand, then rewrite the files
with ``TACITUS_REGEN_GOLDEN=1 pytest tests/extract/test_examples_golden.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tacitus.build import build_pipeline
from tacitus.ingest import IngestIssue, iter_inputs
from tacitus.model import Claim, DocumentResult, Event
from tacitus.settings import Settings

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
TODAY = dt.date(2026, 11, 23)


def _claim_row(claim: Claim) -> dict[str, Any]:
    source = claim.source
    return {
        "kind": claim.kind,
        "min": claim.min,
        "max": claim.max,
        "best": claim.best,
        "quantity_text": claim.quantity_text,
        "unit": claim.unit,
        "per": claim.per,
        "victim": claim.victim,
        "actor": claim.actor,
        "modality": claim.modality,
        "source": None if source is None else [source.speaker, source.organization],
        "evidence": claim.evidence.text[:60],
    }


def _event_row(event: Event) -> dict[str, Any]:
    fatal = event.fatalities
    return {
        "sub_type": event.sub_type,
        "type": event.type,
        "modality": event.modality,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "inter": [event.inter1, event.inter2],
        "fatalities": None if fatal is None else [fatal.min, fatal.max, fatal.best],
        "claims": event.claims,
        "tags": event.tags,
        "plover": [event.plover_type, event.plover_mode],
        "place": None if event.place is None else event.place.name,
        "date": None if event.date is None else [event.date.text, event.date.start],
        "evidence": event.evidence.text[:60],
    }


@pytest.fixture(scope="module")
def results(real_examples: list[Path]) -> dict[str, DocumentResult]:
    settings = Settings()
    pipeline = build_pipeline(settings, today=TODAY)
    documents = [
        d for d in iter_inputs(real_examples, settings, today=TODAY) if not isinstance(d, IngestIssue)
    ]
    found = {Path(d.path or "").stem: r for d, r in zip(documents, pipeline.run(documents), strict=True)}
    if set(found) != {"mosul-corridors", "mosul-drone-video"}:
        pytest.skip("the two Mosul example articles are not both present")
    return found


@pytest.mark.parametrize("name", ["mosul-corridors", "mosul-drone-video"])
def test_example_matches_hand_checked_golden(results: dict[str, DocumentResult], name: str) -> None:
    result = results[name]
    assert result.errors == []
    text = result.document.text
    for evidence in [*(c.evidence for c in result.claims), *(e.evidence for e in result.events)]:
        assert text[evidence.start : evidence.end] == evidence.text
    got = {
        "claims": [_claim_row(c) for c in result.claims],
        "events": [_event_row(e) for e in result.events],
    }
    path = GOLDEN / f"{name}.json"
    if os.environ.get("TACITUS_REGEN_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    for key in ("claims", "events"):
        assert got[key] == expected[key], f"{name} {key} differ from {path} (see docs/handcheck.md)"


def test_no_counted_event_without_an_asserted_or_alleged_reading(results: dict[str, DocumentResult]) -> None:
    for result in results.values():
        for event in result.events:
            if event.modality not in {"asserted", "alleged"}:
                assert event.fatalities is None and event.claims == []

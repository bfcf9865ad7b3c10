"""The output contract (docs/output-contract.md) holds on real articles: every span matches the text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from tacitus.build import build_pipeline
from tacitus.cli.main import app
from tacitus.ingest import iter_inputs
from tacitus.model import Document, DocumentResult, Evidence
from tacitus.settings import Settings

DOCUMENT_KEYS = {"id", "path", "url", "title", "published", "source", "language"}
TOP_KEYS = {"document", "claims", "events", "quotes", "places", "actors", "errors"}


@pytest.fixture(scope="module")
def results(sample_dir: Path, shared: Path) -> list[DocumentResult]:
    settings = Settings()
    paths = [sample_dir, *sorted((shared / "examples").glob("*.txt"))]
    docs = [d for d in iter_inputs(paths, settings) if isinstance(d, Document)]
    assert len(docs) >= 12
    return list(build_pipeline(settings).run(docs))


def _evidence(value: Any) -> Iterator[Evidence]:
    """Every Evidence nested anywhere in a record."""
    if isinstance(value, Evidence):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _evidence(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _evidence(getattr(value, name))


def test_every_evidence_span_matches_the_text(results: list[DocumentResult]) -> None:
    checked = 0
    for result in results:
        text = result.document.text
        for ev in _evidence(result):
            assert text[ev.start : ev.end] == ev.text, (result.document.path, ev)
            checked += 1
        for quote in result.quotes:
            assert text[quote.start : quote.end] == quote.text
            checked += 1
    assert checked > 100


def test_no_stage_failed_on_the_examples(results: list[DocumentResult]) -> None:
    assert [(r.document.path, r.errors) for r in results if r.errors] == []


def test_the_examples_yield_every_record_kind(results: list[DocumentResult]) -> None:
    for kind in ("claims", "events", "quotes", "places", "actors"):
        assert sum(len(getattr(r, kind)) for r in results) > 0, kind


def test_extract_cli_prints_the_contract_in_input_order(sample_dir: Path) -> None:
    runner = CliRunner()
    jsonl = sample_dir / "wire-samples.jsonl"
    result = runner.invoke(app, ["extract", str(jsonl), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    expected_urls = [json.loads(line)["url"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(expected_urls)
    for record, url in zip(records, expected_urls, strict=True):
        assert record.keys() >= TOP_KEYS
        assert record["document"].keys() >= DOCUMENT_KEYS
        assert "text" not in record["document"]
        assert record["document"]["url"].split("?")[0] == url.split("?")[0]
    texts = [json.loads(line)["text"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
    for record, text in zip(records, texts, strict=True):
        for claim in record["claims"]:
            ev = claim["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"]

    as_json = runner.invoke(app, ["extract", str(jsonl), "--format", "json"])
    assert as_json.exit_code == 0
    assert [r["document"]["id"] for r in json.loads(as_json.stdout)] == [r["document"]["id"] for r in records]

"""The store comparison behind ``python -m tacitus.engines.compare``: equal stores and each difference."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tacitus.engines.compare import compare_stores, report
from tacitus.model import Document, DocumentResult, Evidence, Place
from tacitus.store.sqlite import SQLiteRepository

TEXT = "An airstrike hit a market in Idlib on Monday."


def _result(doc_id: str, place: str = "Idlib") -> DocumentResult:
    doc = Document(id=doc_id, text=TEXT, content_hash=hashlib.sha256(TEXT.encode()).hexdigest())
    start = TEXT.index("Idlib")
    evidence = Evidence(start=start, end=start + 5, text=TEXT[start : start + 5], stage="test")
    return DocumentResult(document=doc, places=[Place(name=place, evidence=evidence)])


def _store(path: Path, results: list[DocumentResult]) -> str:
    with SQLiteRepository.open(path) as repo:
        run = repo.start_run("test", {}, {})
        for result in results:
            repo.store_document(result.document, result, run)
    return str(path)


def test_equal_stores_compare_identical(tmp_path: Path) -> None:
    a = _store(tmp_path / "a.db", [_result("d1"), _result("d2")])
    b = _store(tmp_path / "b.db", [_result("d2"), _result("d1")])
    comparison = compare_stores(a, b)
    assert comparison.identical and comparison.equal == 2 and comparison.records["places"] == 2
    assert report(comparison, "a", "b").endswith("IDENTICAL")


def test_differences_are_reported_by_document_and_field(tmp_path: Path) -> None:
    a = _store(tmp_path / "a.db", [_result("d1"), _result("d2")])
    b = _store(tmp_path / "b.db", [_result("d1", place="Idleb"), _result("d3")])
    comparison = compare_stores(a, b)
    assert not comparison.identical
    assert comparison.different == {"d1": ["places"]}
    assert (comparison.only_left, comparison.only_right) == (["d2"], ["d3"])
    assert "d1: differs in places" in report(comparison, "a", "b")

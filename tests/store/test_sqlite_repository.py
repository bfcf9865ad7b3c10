"""The SQLite repository on real files: round trips, idempotence, versions, runs, failures, incidents."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tacitus.errors import StoreError
from tacitus.model import Conflict, Document, DocumentResult, Figure, Incident
from tacitus.store import COUNT_NAMES, Repository, SQLiteRepository

NewDocument = Callable[..., Document]
NewResult = Callable[[Document], DocumentResult]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "tacitus.db"


def test_is_a_repository(db: Path) -> None:
    with SQLiteRepository.open(db) as repo:
        assert isinstance(repo, Repository)


def test_file_is_in_wal_mode(db: Path) -> None:
    SQLiteRepository.open(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_round_trip_survives_reopening(db: Path, document: Document, result: DocumentResult) -> None:
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("extract", {"db": str(db)}, {"nlp.spacy": "1"})
        assert repo.store_document(document, result, run) == "inserted"
    with SQLiteRepository.open(db) as repo:
        assert list(repo.iter_results()) == [result]
        assert list(repo.iter_documents()) == [document]
        assert repo.get_result(document.id) == result
        assert repo.get_result("missing") is None
        assert repo.get_document(document.id) == document
        assert repo.has_document(document.id, document.content_hash)
        counts = repo.counts()
    assert set(counts) == set(COUNT_NAMES)
    assert counts | {"failures": 0} == {
        "documents": 1,
        "versions": 1,
        "claims": 1,
        "events": 1,
        "quotes": 1,
        "places": 1,
        "actors": 1,
        "dates": 1,
        "failures": 0,
        "runs": 1,
        "incidents": 0,
        "duplicates": 0,
    }


def test_stored_evidence_matches_the_document_text(db: Path, result: DocumentResult) -> None:
    with SQLiteRepository.open(db) as repo:
        repo.store_document(result.document, result, repo.start_run("extract", {}, {}))
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT d.text, c.span_start, c.span_end, c.evidence FROM claims c"
            " JOIN documents d ON d.id = c.doc_id"
            " UNION ALL SELECT d.text, e.span_start, e.span_end, e.evidence FROM events e"
            " JOIN documents d ON d.id = e.doc_id"
        ).fetchall()
    assert rows
    for text, start, end, quoted in rows:
        assert text[start:end] == quoted


def test_storing_twice_is_idempotent(db: Path, document: Document, result: DocumentResult) -> None:
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("extract", {}, {})
        assert repo.store_document(document, result, run) == "inserted"
        before = repo.counts()
        assert repo.store_document(document, result, run) == "unchanged"
        assert repo.store_document(document, None, run) == "unchanged"
        assert repo.counts() == before
        assert list(repo.iter_results()) == [result]


def test_same_content_with_a_new_result_replaces_the_rows(
    db: Path, document: Document, result: DocumentResult
) -> None:
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("extract", {}, {})
        repo.store_document(document, result, run)
        fewer = result.model_copy(update={"claims": [], "errors": []})
        assert repo.store_document(document, fewer, run) == "unchanged"
    with SQLiteRepository.open(db) as repo:
        assert list(repo.iter_results()) == [fewer]
        assert repo.counts()["claims"] == 0


def test_changed_content_is_a_new_version(
    db: Path, new_document: NewDocument, result: DocumentResult
) -> None:
    first = result.document
    second = new_document(first.id, first.text + " The toll later rose to 40.")
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("extract", {}, {})
        repo.store_document(first, result, run)
        assert repo.store_document(second, None, run) == "new_version"
        # the old extractions pointed into the old text, so they are gone
        assert repo.counts()["claims"] == 0
        assert repo.has_document(second.id, second.content_hash)
        assert not repo.has_document(first.id, first.content_hash)
        assert repo.store_document(first, None, run) == "new_version"  # back to the first text: version 3
    with SQLiteRepository.open(db) as repo:
        versions = repo.document_versions(first.id)
        assert [v.text for v in versions] == [first.text, second.text, first.text]
        assert repo.counts()["documents"] == 1
        assert repo.counts()["versions"] == 3
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM documents").fetchone()[0] == 3


def test_result_for_another_document_is_refused(
    db: Path, new_document: NewDocument, result: DocumentResult
) -> None:
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("extract", {}, {})
        with pytest.raises(StoreError, match="not other"):
            repo.store_document(new_document("other"), result, run)
        assert repo.counts()["documents"] == 0


def test_missing_content_hash_is_computed(db: Path, new_document: NewDocument) -> None:
    doc = new_document("bare", "A bare text.", content_hash="")
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("extract", {}, {})
        assert repo.store_document(doc, None, run) == "inserted"
        assert repo.store_document(doc, None, run) == "unchanged"
        stored = repo.get_document("bare")
    assert stored is not None and len(stored.content_hash) == 64


def test_runs_keep_settings_versions_and_counts(db: Path) -> None:
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run(
            "extract a.txt", {"batch_size": 32, "published": dt.date(2017, 4, 1)}, {"x": "2"}
        )
        repo.finish_run(run, {"documents": 3, "failed": 1})
        with pytest.raises(StoreError, match="no run 999"):
            repo.finish_run(999, {})
    with sqlite3.connect(db) as conn:
        command, settings, versions, counts, finished = conn.execute(
            "SELECT command, settings, stage_versions, counts, finished_at FROM runs WHERE id = ?", (run,)
        ).fetchone()
    assert command == "extract a.txt"
    assert json.loads(settings) == {"batch_size": 32, "published": "2017-04-01"}
    assert json.loads(versions) == {"x": "2"}
    assert json.loads(counts) == {"documents": 3, "failed": 1}
    assert finished is not None


def test_failures_are_deduplicated(db: Path) -> None:
    times = iter(dt.datetime(2026, 11, 23, 10, minute, tzinfo=dt.UTC) for minute in range(10))
    with SQLiteRepository.open(db, clock=lambda: next(times)) as repo:
        first = repo.start_run("extract", {}, {})
        repo.record_failure(first, "bad.pdf", "not a text file")
        second = repo.start_run("extract", {}, {})
        repo.record_failure(second, "bad.pdf", "not a text file")
        repo.record_failure(second, "bad.pdf", "too large", severity="warning")
        repo.record_failure(second, "bad.pdf", "not a text file", stage="extract.claims")
    with SQLiteRepository.open(db) as repo:
        failures = list(repo.iter_failures())
        assert repo.counts()["failures"] == 3
        with pytest.raises(StoreError, match="severity must be one of"):
            repo.record_failure(None, "x.txt", "odd", severity="fatal")
    again = failures[0]
    assert (again.path, again.problem, again.count, again.run_id) == ("bad.pdf", "not a text file", 2, second)
    assert again.at == "2026-11-23T10:01:00+00:00"
    assert again.last_seen == "2026-11-23T10:03:00+00:00"
    assert [f.count for f in failures[1:]] == [1, 1]
    assert failures[1].severity == "warning"


def test_incidents_round_trip_and_link_documents(
    db: Path, new_document: NewDocument, result: DocumentResult
) -> None:
    other = new_document("doc-other", "Another report of the Mosul attack.")
    incident = Incident(
        id="inc-1",
        documents=[result.document.id, other.id],
        events=[f"{result.document.id}:0"],
        type="Violence against civilians",
        killed=Figure(min=35, max=40, best=35),
        sources=2,
        conflicts=[Conflict(field="killed", values=["35", "40"], documents=[result.document.id, other.id])],
        grading="corroborated",
    )
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("link", {}, {})
        repo.store_document(result.document, result, run)
        repo.store_document(other, None, run)
        repo.save_incidents([incident])
        repo.save_incidents([incident])
    with SQLiteRepository.open(db) as repo:
        assert list(repo.iter_incidents()) == [incident]
        assert repo.get_incident("inc-1") == incident
        assert repo.get_incident("inc-9") is None
        assert repo.counts()["incidents"] == 1
        second = incident.model_copy(update={"id": "inc-2", "documents": [other.id]})
        repo.save_incidents([second], replace=True)
        assert [i.id for i in repo.iter_incidents()] == ["inc-2"]
        with pytest.raises(StoreError, match="not in the store"):
            repo.save_incidents([incident.model_copy(update={"id": "inc-3", "documents": ["nope"]})])
        assert [i.id for i in repo.iter_incidents()] == ["inc-2"]
    with sqlite3.connect(db) as conn:
        links = conn.execute("SELECT incident_id, doc_id FROM incident_documents").fetchall()
        killed = conn.execute("SELECT killed_best FROM incidents").fetchone()[0]
    assert links == [("inc-2", other.id)]
    assert killed == 35


def test_duplicates(db: Path, new_document: NewDocument) -> None:
    with SQLiteRepository.open(db) as repo:
        run = repo.start_run("dedupe", {}, {})
        for doc_id in ("a", "b", "c"):
            repo.store_document(new_document(doc_id, f"text {doc_id}"), None, run)
        repo.record_duplicate("b", "a", 0.93, run)
        repo.record_duplicate("b", "c", 0.97, run)
        with pytest.raises(StoreError, match="itself"):
            repo.record_duplicate("a", "a", 1.0)
        with pytest.raises(StoreError, match="rolled back"):
            repo.record_duplicate("zzz", "a", 0.9)
    with SQLiteRepository.open(db) as repo:
        assert repo.duplicates() == {"b": "c"}


def test_closed_repository_says_so(db: Path) -> None:
    repo = SQLiteRepository.open(db)
    repo.close()
    repo.close()
    with pytest.raises(StoreError, match="closed"):
        repo.counts()


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        SQLiteRepository.open(tmp_path / "no" / "such" / "dir" / "x.db")
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not a database, just text " * 50)
    with pytest.raises(StoreError, match="not a usable Tacitus database"):
        SQLiteRepository.open(not_db)

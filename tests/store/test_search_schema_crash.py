"""Full-text search, schema migrations and crash safety of the SQLite store."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.errors import StoreError
from tacitus.model import Document, DocumentResult
from tacitus.store import SQLiteRepository
from tacitus.store.schema import available_migrations, migrate

NewDocument = Callable[..., Document]


@pytest.fixture
def searchable(
    tmp_path: Path, result: DocumentResult, new_document: NewDocument
) -> Iterator[SQLiteRepository]:
    repo = SQLiteRepository.open(tmp_path / "search.db")
    run = repo.start_run("extract", {}, {})
    repo.store_document(result.document, result, run)
    repo.store_document(
        new_document(
            "doc-drone", "A drone video shows an airstrike on a market in west Mosul.", title="Drone"
        ),
        None,
        run,
    )
    repo.store_document(
        new_document(
            "doc-shields", "Human shields: militants held families in the Old City.", title="Human shields"
        ),
        None,
        run,
    )
    yield repo
    repo.close()


def test_search_finds_human_shields_with_highlight(searchable: SQLiteRepository) -> None:
    hits = searchable.search("human shields")
    assert [hit.doc_id for hit in hits] == ["doc-shields", "doc-mosul"]  # the title match ranks first
    assert hits[0].rank <= hits[1].rank
    assert "[human] [shields]" in hits[1].snippet.lower()
    assert hits[1].url == "https://example.org/doc-mosul"
    marked = searchable.search('"human shields"', highlight=("<b>", "</b>"))
    assert "<b>human shields</b>" in marked[1].snippet  # a phrase is marked whole


def test_search_stems_and_supports_fts_syntax(searchable: SQLiteRepository) -> None:
    assert {hit.doc_id for hit in searchable.search("shield")} == {"doc-shields", "doc-mosul"}
    assert [hit.doc_id for hit in searchable.search("mosul NOT drone")] == ["doc-mosul"]
    assert [hit.doc_id for hit in searchable.search("airstr*")] == ["doc-drone"]
    assert len(searchable.search("mosul", limit=1)) == 1


@pytest.mark.parametrize("query", ["al-Shifa", '"unbalanced', "5%", "title:", "AND", "(mosul", "NEAR("])
def test_malformed_queries_are_quoted_not_fatal(searchable: SQLiteRepository, query: str) -> None:
    assert isinstance(searchable.search(query), list)


def test_empty_query_is_a_clean_error(searchable: SQLiteRepository) -> None:
    with pytest.raises(StoreError, match="empty search query"):
        searchable.search("   ")


def test_index_follows_new_versions(searchable: SQLiteRepository, new_document: NewDocument) -> None:
    run = searchable.start_run("extract", {}, {})
    searchable.store_document(
        new_document("doc-drone", "The video was later withdrawn.", title="Drone"), None, run
    )
    assert searchable.search("airstrike") == []
    assert [hit.doc_id for hit in searchable.search("withdrawn")] == ["doc-drone"]


@pytest.fixture(scope="module")
def fuzz_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteRepository]:
    repo = SQLiteRepository.open(tmp_path_factory.mktemp("fuzz") / "fuzz.db")
    run = repo.start_run("extract", {}, {})
    repo.store_document(Document(id="x", text="Civilians were used as human shields in Mosul."), None, run)
    yield repo
    repo.close()


def test_datasette_finds_the_full_text_index(searchable: SQLiteRepository) -> None:
    # datasette's detect_fts(): an FTS virtual table whose SQL names content="documents"
    with sqlite3.connect(searchable.path) as conn:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE rootpage = 0"
            " AND sql LIKE '%VIRTUAL TABLE%USING FTS%content=\"documents\"%'"
        ).fetchall()
    assert rows == [("documents_fts",)]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_search_never_raises_anything_but_store_error(fuzz_repo: SQLiteRepository, query: str) -> None:
    with contextlib.suppress(StoreError):
        assert isinstance(fuzz_repo.search(query), list)


def test_migrations_are_numbered_in_order() -> None:
    migrations = available_migrations()
    assert [m.number for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "initial"
    assert all(m.sql.strip() for m in migrations)


def test_old_database_is_migrated(tmp_path: Path, document: Document) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, upto=1) == [1]
    conn.execute(
        "INSERT INTO documents (id, content_hash, text, ingested_at) VALUES (?, ?, ?, ?)",
        (document.id, document.content_hash, document.text, "2026-11-22T00:00:00+00:00"),
    )
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'incidents'").fetchone() is None
    conn.close()
    newest = len(available_migrations())
    with SQLiteRepository.open(path) as repo:
        assert repo.schema_version == newest
        assert repo.has_document(document.id, document.content_hash)
        assert repo.search("human shields")[0].doc_id == document.id
        assert repo.counts()["incidents"] == 0
    with sqlite3.connect(path) as check:
        numbers = [row[0] for row in check.execute("SELECT number FROM _migrations ORDER BY number")]
    assert numbers == list(range(1, newest + 1))
    with SQLiteRepository.open(path) as repo:  # opening again applies nothing twice
        assert repo.schema_version == newest


def test_database_from_a_newer_tacitus_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteRepository.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO _migrations VALUES (99, 'future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer than this Tacitus"):
        SQLiteRepository.open(path)


def test_second_connection_sees_committed_writes(tmp_path: Path, result: DocumentResult) -> None:
    path = tmp_path / "shared.db"
    with SQLiteRepository.open(path) as repo:
        repo.store_document(result.document, result, repo.start_run("extract", {}, {}))
        reader = sqlite3.connect(path)  # while the writer is still open (WAL)
        assert reader.execute("SELECT count(*) FROM events").fetchone()[0] == 1
        assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        reader.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        reader.close()


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from tacitus.model import Document, DocumentResult
    from tacitus.store import SQLiteRepository

    repo = SQLiteRepository.open(sys.argv[1])
    run = repo.start_run("crash", {}, {})
    for i in range(5):
        repo.store_document(Document(id=f"d{i}", text=f"committed document number {i}"), None, run)

    original = SQLiteRepository._replace_extractions

    def die_half_way(self, conn, doc_id, result, run_id):
        original(self, conn, doc_id, result, run_id)
        os.kill(os.getpid(), signal.SIGKILL)  # killed after the document rows, before COMMIT

    SQLiteRepository._replace_extractions = die_half_way
    doc = Document(id="partial", text="this document is never committed")
    repo.store_document(doc, DocumentResult(document=doc), run)
    """
)


def test_process_killed_mid_document_leaves_no_partial_document(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    done = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(path)], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with SQLiteRepository.open(path) as repo:
        ids = [doc.id for doc in repo.iter_documents()]
        assert ids == [f"d{i}" for i in range(5)]
        assert repo.counts()["versions"] == 5
        assert repo.search("committed")[0].doc_id.startswith("d")
        assert repo.search("never") == []

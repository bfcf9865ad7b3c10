"""The Repository contract, run against every backend: SQLite in tmp_path and a real PostgreSQL server.

The PostgreSQL parameters use the server at ``TACITUS_TEST_PG_URL`` (default
postgresql://postgres@127.0.0.1:5432/postgres; PGPASSWORD is honoured) and skip when none answers. Each test
gets a fresh schema, dropped afterwards, so tests neither see nor leave each other's rows.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tacitus.errors import StoreError
from tacitus.model import Conflict, Document, DocumentResult, Figure, Incident
from tacitus.store import COUNT_NAMES, Repository, SQLiteRepository, open_repository

psycopg = pytest.importorskip("psycopg")

from tacitus.store.postgres import PostgresRepository  # noqa: E402  (needs psycopg)
from tacitus.store.postgres_schema import postgres_migrations  # noqa: E402
from tacitus.store.schema import available_migrations  # noqa: E402

PG_URL = os.environ.get("TACITUS_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
NewDocument = Callable[..., Document]
Opener = Callable[..., Repository]
Clock = Callable[[], dt.datetime]


def _pg_problem() -> str | None:
    try:
        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"no PostgreSQL at TACITUS_TEST_PG_URL ({exc.__class__.__name__}: {str(exc).strip()[:120]})"
    return None


@pytest.fixture(scope="session")
def pg_url() -> str:
    problem = _pg_problem()
    if problem is not None:
        pytest.skip(problem)
    return PG_URL


@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[str]:
    """A fresh, empty schema for one test, dropped afterwards."""
    name = f"tacitus_test_{uuid.uuid4().hex[:12]}"
    yield name
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(psycopg.sql.Identifier(name)))


@pytest.fixture(params=["sqlite", "postgres"])
def open_repo(request: pytest.FixtureRequest, tmp_path: Path) -> Opener:
    """``open_repo(clock=None)`` opens the same store again each time it is called."""
    if request.param == "sqlite":
        path = tmp_path / "tacitus.db"

        def sqlite_opener(clock: Clock | None = None) -> Repository:
            return SQLiteRepository.open(path, clock=clock) if clock else SQLiteRepository.open(path)

        return sqlite_opener
    url = request.getfixturevalue("pg_url")
    schema = request.getfixturevalue("pg_schema")

    def pg_opener(clock: Clock | None = None) -> Repository:
        if clock:
            return PostgresRepository.open(url, schema=schema, clock=clock)
        return PostgresRepository.open(url, schema=schema)

    return pg_opener


def test_is_a_repository(open_repo: Opener) -> None:
    with open_repo() as repo:
        assert isinstance(repo, Repository)


def test_store_and_round_trip(open_repo: Opener, result: DocumentResult) -> None:
    document = result.document
    with open_repo() as repo:
        run = repo.start_run("extract", {"batch_size": 32}, {"nlp.spacy": "1"})
        assert repo.store_document(document, result, run) == "inserted"
    with open_repo() as repo:
        assert list(repo.iter_results()) == [result]
        assert list(repo.iter_documents()) == [document]
        assert repo.get_result(document.id) == result
        assert repo.get_result("missing") is None
        assert repo.get_document(document.id) == document
        assert repo.get_document("missing") is None
        assert repo.has_document(document.id, document.content_hash)
        assert not repo.has_document(document.id, "0" * 64)
        counts = repo.counts()
    assert set(counts) == set(COUNT_NAMES)
    assert counts == {name: 1 for name in COUNT_NAMES} | {"failures": 0, "incidents": 0, "duplicates": 0}


def test_storing_again_is_idempotent(open_repo: Opener, result: DocumentResult) -> None:
    document = result.document
    with open_repo() as repo:
        run = repo.start_run("extract", {}, {})
        assert repo.store_document(document, result, run) == "inserted"
        before = repo.counts()
        assert repo.store_document(document, result, run) == "unchanged"
        assert repo.store_document(document, None, run) == "unchanged"
        assert repo.counts() == before
        fewer = result.model_copy(update={"claims": [], "errors": []})
        assert repo.store_document(document, fewer, run) == "unchanged"
        assert list(repo.iter_results()) == [fewer]


def test_changed_content_is_a_new_version(
    open_repo: Opener, new_document: NewDocument, result: DocumentResult
) -> None:
    first = result.document
    second = new_document(first.id, first.text + " The toll later rose to 40.")
    with open_repo() as repo:
        run = repo.start_run("extract", {}, {})
        repo.store_document(first, result, run)
        assert repo.store_document(second, None, run) == "new_version"
        assert repo.counts()["claims"] == 0
        assert repo.has_document(second.id, second.content_hash)
        assert not repo.has_document(first.id, first.content_hash)
        assert repo.store_document(first, None, run) == "new_version"
    with open_repo() as repo:
        assert [v.text for v in repo.document_versions(first.id)] == [first.text, second.text, first.text]
        assert repo.document_versions("missing") == []
        assert (repo.counts()["documents"], repo.counts()["versions"]) == (1, 3)


def test_result_for_another_document_is_refused(
    open_repo: Opener, new_document: NewDocument, result: DocumentResult
) -> None:
    with open_repo() as repo:
        run = repo.start_run("extract", {}, {})
        with pytest.raises(StoreError, match="not other"):
            repo.store_document(new_document("other"), result, run)
        assert repo.counts()["documents"] == 0


def test_missing_content_hash_is_computed(open_repo: Opener, new_document: NewDocument) -> None:
    doc = new_document("bare", "A bare text.", content_hash="")
    with open_repo() as repo:
        run = repo.start_run("extract", {}, {})
        assert repo.store_document(doc, None, run) == "inserted"
        assert repo.store_document(doc, None, run) == "unchanged"
        stored = repo.get_document("bare")
    assert stored is not None and len(stored.content_hash) == 64


def test_runs_finish_and_unknown_runs_are_refused(open_repo: Opener) -> None:
    with open_repo() as repo:
        run = repo.start_run("extract a.txt", {"published": dt.date(2017, 4, 1)}, {"x": "2"})
        repo.finish_run(run, {"documents": 3})
        with pytest.raises(StoreError, match="no run 999"):
            repo.finish_run(999, {})
        assert repo.start_run("again", {}, {}) > run
        assert repo.counts()["runs"] == 2


def test_failures_are_deduplicated(open_repo: Opener) -> None:
    times = iter(dt.datetime(2026, 11, 23, 10, minute, tzinfo=dt.UTC) for minute in range(10))
    with open_repo(clock=lambda: next(times)) as repo:
        first = repo.start_run("extract", {}, {})
        repo.record_failure(first, "bad.pdf", "not a text file")
        second = repo.start_run("extract", {}, {})
        repo.record_failure(second, "bad.pdf", "not a text file")
        repo.record_failure(second, "bad.pdf", "too large", severity="warning")
        repo.record_failure(second, "bad.pdf", "not a text file", stage="extract.claims")
    with open_repo() as repo:
        failures = list(repo.iter_failures())
        assert repo.counts()["failures"] == 3
        with pytest.raises(StoreError, match="severity must be one of"):
            repo.record_failure(None, "x.txt", "odd", severity="fatal")
    again = failures[0]
    assert (again.path, again.problem, again.count, again.run_id) == ("bad.pdf", "not a text file", 2, second)
    assert (again.at, again.last_seen) == ("2026-11-23T10:01:00+00:00", "2026-11-23T10:03:00+00:00")
    assert [f.count for f in failures[1:]] == [1, 1]
    assert failures[1].severity == "warning"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("human shields", True),
        ('"human shields"', True),
        ('"shields human"', False),
        ("displac*", True),
        ("mosul NOT drone", True),
        ("mosul NOT shields", False),
        ("drone OR shields", True),
        ("drone AND shields", False),
        ("al-Shifa 5%", False),
        ("Mosul", True),
    ],
)
def test_search_finds_words_phrases_prefixes_and_operators(
    open_repo: Opener, result: DocumentResult, query: str, found: bool
) -> None:
    with open_repo() as repo:
        repo.store_document(result.document, result, repo.start_run("extract", {}, {}))
        hits = repo.search(query, highlight=("<b>", "</b>"))
    assert [hit.doc_id for hit in hits] == ([result.document.id] if found else [])


def test_search_ranks_and_highlights(open_repo: Opener, new_document: NewDocument) -> None:
    strong = new_document(
        "strong", "Shelling hit Mosul. Shelling continued. Shelling again.", title="Shelling"
    )
    weak = new_document("weak", "A market reopened; residents mentioned shelling once.", title="Markets")
    other = new_document("other", "Nothing to see here.", title="Weather")
    with open_repo() as repo:
        run = repo.start_run("extract", {}, {})
        for doc in (weak, strong, other):
            repo.store_document(doc, None, run)
        hits = repo.search("shelling", limit=5)
        assert [hit.doc_id for hit in hits] == ["strong", "weak"]
        assert hits[0].rank < hits[1].rank
        assert "[" in hits[0].snippet and "]" in hits[0].snippet
        assert hits[0].title == "Shelling" and hits[0].url == strong.url
        assert len(repo.search("shelling", limit=1)) == 1
        with pytest.raises(StoreError, match="empty search query"):
            repo.search("   ")


def test_incidents_round_trip_and_link_documents(
    open_repo: Opener, new_document: NewDocument, result: DocumentResult
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
    )
    later = incident.model_copy(update={"id": "inc-2", "documents": [other.id]})
    with open_repo() as repo:
        run = repo.start_run("link", {}, {})
        repo.store_document(result.document, result, run)
        repo.store_document(other, None, run)
        repo.save_incidents([incident, later])
        repo.save_incidents([incident])  # upsert again: no duplicate rows
        assert repo.get_incident("inc-1") == incident
        assert repo.get_incident("missing") is None
        assert list(repo.iter_incidents()) == [incident, later]
        repo.save_incidents([later], replace=True)
        assert list(repo.iter_incidents()) == [later]
        with pytest.raises(StoreError, match="not in the store"):
            repo.save_incidents([incident.model_copy(update={"documents": ["ghost"]})])
        assert list(repo.iter_incidents()) == [later]  # the failed save was rolled back whole
        repo.save_incidents([], replace=True)
        assert repo.counts()["incidents"] == 0


def test_duplicates_are_recorded(open_repo: Opener, new_document: NewDocument) -> None:
    with open_repo() as repo:
        run = repo.start_run("link", {}, {})
        for name in ("a", "b", "c"):
            repo.store_document(new_document(name, f"Text {name}."), None, run)
        repo.record_duplicate("b", "a", 0.9, run)
        repo.record_duplicate("b", "c", 0.95, run)  # the latest verdict wins
        with pytest.raises(StoreError, match="itself"):
            repo.record_duplicate("a", "a", 1.0)
        assert repo.counts()["duplicates"] == 1


def test_closed_repository_refuses_calls(open_repo: Opener) -> None:
    repo = open_repo()
    repo.close()
    repo.close()
    with pytest.raises(StoreError, match="closed"):
        repo.counts()


def test_open_repository_chooses_the_backend_by_scheme(tmp_path: Path) -> None:
    with open_repository(str(tmp_path / "t.db")) as repo:
        assert isinstance(repo, SQLiteRepository)
    with open_repository(tmp_path / "u.db") as repo:
        assert isinstance(repo, SQLiteRepository)
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_repository("postgresql://nobody:secret@127.0.0.1:1/none")


def test_open_repository_opens_postgres(pg_url: str, pg_schema: str) -> None:
    url = pg_url + ("&" if "?" in pg_url else "?") + f"options=-csearch_path%3D{pg_schema}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("CREATE SCHEMA {}").format(psycopg.sql.Identifier(pg_schema)))
    with open_repository(url) as repo:
        assert isinstance(repo, PostgresRepository)
        assert repo.schema_version == len(available_migrations())


def test_connection_errors_hide_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        PostgresRepository.open("postgresql://nobody:secret@127.0.0.1:1/none", connect_timeout=2)
    assert "secret" not in str(caught.value)


# -- PostgreSQL schema: same migrations, same tables and columns as SQLite ---------------------------------


def test_postgres_migrations_mirror_the_sqlite_ones() -> None:
    assert [(m.number, m.name) for m in postgres_migrations()] == [
        (m.number, m.name) for m in available_migrations()
    ]


def test_postgres_tables_and_columns_match_sqlite(pg_url: str, pg_schema: str, tmp_path: Path) -> None:
    SQLiteRepository.open(tmp_path / "t.db").close()
    with sqlite3.connect(tmp_path / "t.db") as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith(("documents_fts", "sqlite_"))
        ]
        sqlite_columns = {
            table: [row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))]
            for table in tables
        }
    with PostgresRepository.open(pg_url, schema=pg_schema) as repo:
        assert repo.schema_version == len(available_migrations())
    with psycopg.connect(pg_url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = %s ORDER BY table_name, ordinal_position",
            (pg_schema,),
        ).fetchall()
    pg_columns: dict[str, list[str]] = {}
    for table, column in rows:
        pg_columns.setdefault(table, []).append(column)
    pg_columns["documents"].remove("fts")  # the full-text column; SQLite keeps it in documents_fts
    assert pg_columns == sqlite_columns


def test_reopening_postgres_applies_nothing_and_newer_schemas_are_refused(
    pg_url: str, pg_schema: str
) -> None:
    PostgresRepository.open(pg_url, schema=pg_schema).close()
    with PostgresRepository.open(pg_url, schema=pg_schema) as repo:
        assert repo.schema_version == len(available_migrations())
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("SET search_path TO {}").format(psycopg.sql.Identifier(pg_schema)))
        conn.execute("INSERT INTO _migrations VALUES (999, 'future', 'now')")
    with pytest.raises(StoreError, match="newer than this Tacitus"):
        PostgresRepository.open(pg_url, schema=pg_schema)


def test_postgres_evidence_offsets_point_into_the_stored_text(
    pg_url: str, pg_schema: str, result: DocumentResult
) -> None:
    with PostgresRepository.open(pg_url, schema=pg_schema) as repo:
        repo.store_document(result.document, result, repo.start_run("extract", {}, {}))
    with psycopg.connect(pg_url) as conn:
        conn.execute(psycopg.sql.SQL("SET search_path TO {}").format(psycopg.sql.Identifier(pg_schema)))
        rows = conn.execute(
            "SELECT d.text, c.span_start, c.span_end, c.evidence FROM claims c"
            " JOIN documents d ON d.id = c.doc_id"
            " UNION ALL SELECT d.text, e.span_start, e.span_end, e.evidence FROM events e"
            " JOIN documents d ON d.id = e.doc_id"
        ).fetchall()
    assert rows
    for text, start, end, quoted in rows:
        assert text[start:end] == quoted

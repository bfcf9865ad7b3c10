"""The dialect pieces of :class:`tacitus.store.sql.SqlAccess`, run on SQLite and on a real PostgreSQL.

Each piece is written into the same query on both backends and must give the same answer: JSON fields
(text and numbers, nested), JSON arrays as rows, case-insensitive substrings, byte-order sorting, and
the documents matching a full-text query in the store's one query language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing
from pathlib import Path
from typing import Any

import pytest

from tacitus.errors import StoreError
from tacitus.model import Document, DocumentResult
from tacitus.store.sql import SqlAccess, open_sql_repository
from tacitus.store.sqlite import SQLiteRepository, fts5_query

#: The sample records (tests/store/conftest.py) find their evidence in this report.
TEXT = (
    "ISIS militants opened fire at displaced families who were used as human shields in Mosul on "
    "March 29, killing at least 35 civilians, an Army Lieutenant said. "
    '"Our priority is to save the man before the land," he told reporters.'
)
DOCS = {
    "doc-a": "A car bomb exploded in Kirkuk, killing four police officers.",
    "doc-b": "Shelling displaced families near Idlib; the displacement continued.",
    "doc-c": "Police in Basrah dispersed protesters after a car crash.",
}


@pytest.fixture(params=["sqlite", "postgres"])
def db(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    new_document: Callable[..., Document],
    new_result: Callable[[Document], DocumentResult],
) -> Iterator[SqlAccess]:
    """A store with three short documents and the sample records of each, on each backend."""

    def filled(location: str) -> SqlAccess:
        repo = open_sql_repository(location)
        run = repo.start_run("test", {}, {})
        for doc_id, text in DOCS.items():
            doc = new_document(doc_id, text + " " + TEXT, title=f"Report {doc_id}")
            repo.store_document(doc, new_result(doc), run)
        return SqlAccess(repo)

    if request.param == "sqlite":
        access = filled(str(tmp_path / "t.db"))
        with closing(access.repo):
            yield access
        return
    schemas: Callable[[str], AbstractContextManager[Any]] = request.getfixturevalue("pg_schemas")
    with schemas("tacitus_dialect") as schema:
        access = filled(schema.url)
        with closing(access.repo):
            yield access


def _ids(db: SqlAccess, query: str) -> list[str]:
    matches, params = db.text_matches(query)
    rows = db.rows(f"SELECT id FROM documents WHERE id IN ({matches}) ORDER BY id", params)
    return [row["id"] for row in rows]


def test_json_fields_and_arrays(db: SqlAccess) -> None:
    row = db.one(
        f"SELECT {db.json_text('record', 'place', 'country')} AS country,"
        f" {db.json_number('record', 'place', 'lat')} AS lat,"
        f" {db.json_text('record', 'kind')} AS kind,"
        f" {db.json_number('record', 'nothing', 'here')} AS missing"
        " FROM claims WHERE doc_id = ?",
        ("doc-a",),
    )
    assert row == {"country": "IQ", "lat": pytest.approx(36.335), "kind": "killed", "missing": None}
    near = db.rows(
        f"SELECT doc_id FROM claims WHERE {db.json_number('record', 'place', 'lat')} BETWEEN ? AND ?"
        " ORDER BY doc_id",
        (36.0, 36.5),
    )
    assert [r["doc_id"] for r in near] == sorted(DOCS)
    tags = db.rows(
        f"SELECT t.value AS tag FROM events, {db.json_elements('record', 'tags', 't')} WHERE doc_id = ?",
        ("doc-b",),
    )
    assert tags == [{"tag": "human shields"}]


def test_contains_and_bytewise_order(db: SqlAccess) -> None:
    found = db.rows(f"SELECT id FROM documents WHERE {db.contains('title')} ORDER BY id", ("REPORT DOC-B",))
    assert [r["id"] for r in found] == ["doc-b"]
    assert db.rows(f"SELECT id FROM documents WHERE {db.contains('title')}", ("100%",)) == []
    words = db.rows(
        "SELECT w FROM (SELECT 'b' AS w UNION ALL SELECT 'B' UNION ALL SELECT '-a' UNION ALL SELECT 'a')"
        f" AS t ORDER BY {db.bytewise('w')}"
    )
    assert [r["w"] for r in words] == ["-a", "B", "a", "b"]


def test_full_text_matches_in_one_query_language(db: SqlAccess) -> None:
    assert _ids(db, "kirkuk") == ["doc-a"]
    assert _ids(db, '"car bomb"') == ["doc-a"]
    assert _ids(db, "car") == ["doc-a", "doc-c"]
    assert _ids(db, "car NOT police") == []
    assert _ids(db, "idlib OR basrah") == ["doc-b", "doc-c"]
    assert _ids(db, "displac*") == sorted(DOCS)
    assert _ids(db, "al-Shifa") == []  # not valid FTS5: read as a quoted word on SQLite
    with pytest.raises(StoreError, match="empty search query"):
        db.text_matches("   ")


def test_json_path_names_must_be_identifiers(db: SqlAccess) -> None:
    for bad in ("a'b", "a.b", "", "1a"):
        with pytest.raises(ValueError, match="JSON path"):
            db.json_text("record", bad)
    with pytest.raises(ValueError, match="JSON path"):
        db.json_text("record")


def test_fts5_query_keeps_valid_queries_and_quotes_the_rest(tmp_path: Path) -> None:
    with SQLiteRepository.open(tmp_path / "t.db") as repo:
        conn = repo.connection()
        assert fts5_query(conn, "human shields") == "human shields"
        assert fts5_query(conn, 'al-Shifa "x') == '"al-Shifa" """x"'
        with pytest.raises(StoreError, match="empty search query"):
            fts5_query(conn, " ")

"""The FTS5-style query translator for PostgreSQL: any input gives a well-formed, fully bound tsquery."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

psycopg = pytest.importorskip("psycopg")

from tacitus.store.postgres_search import headline_options, to_tsquery  # noqa: E402

PG_URL = os.environ.get("TACITUS_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
QUERY_TEXT = st.lists(
    st.sampled_from([*"ab \"*-%()'\\:&|!<>", " OR ", " AND ", " NOT ", "mosul", "the", "displac*"]),
    max_size=16,
).map("".join)


def _placeholders(expression: object) -> int:
    return str(expression).count("%s")


@given(QUERY_TEXT)
def test_every_term_is_a_bound_parameter(query: str) -> None:
    translated = to_tsquery(query)
    if translated is None:
        return
    rendered = translated.expression.as_string(None)
    assert _placeholders(rendered) == len(translated.params)  # user text travels only as parameters


def test_precedence_not_and_or() -> None:
    translated = to_tsquery("a b OR c NOT d")
    assert translated is not None
    assert translated.params == ["a", "b", "c", "d"]
    rendered = translated.expression.as_string(None)
    assert rendered.count(" || ") == 1 and rendered.count(" && ") == 2 and rendered.count("!!") == 1


def test_prefix_and_empty_queries() -> None:
    prefix = to_tsquery("displac*")
    assert prefix is not None and prefix.params == ["displac:*"]
    assert to_tsquery("*** () OR") is None
    assert 'StartSel="<b class=""x"">"' in headline_options(('<b class="x">', "</b>"))


@pytest.fixture(scope="module")
def pg() -> Iterator[Any]:
    try:
        conn = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        pytest.skip(f"no PostgreSQL at TACITUS_TEST_PG_URL: {exc.__class__.__name__}")
    with conn:
        yield conn


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERY_TEXT)
def test_postgres_accepts_every_translated_query(pg: Any, query: str) -> None:
    translated = to_tsquery(query)
    if translated is None:
        return
    statement = psycopg.sql.SQL("SELECT to_tsvector('english', %s) @@ ({})").format(translated.expression)
    row = pg.execute(statement, ("the mosul displaced families", *translated.params)).fetchone()
    assert row is not None and isinstance(row[0], bool)

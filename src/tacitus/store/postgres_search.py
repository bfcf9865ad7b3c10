"""Turn the search syntax users type for SQLite (FTS5) into a PostgreSQL ``tsquery`` expression.

Why: ``tacitus query`` and the API take one query language whichever backend is behind them. FTS5's is
words (all must occur), ``"quoted phrases"``, ``prefix*``, ``OR`` and ``NOT`` (``AND`` is the default);
PostgreSQL's ``websearch_to_tsquery`` knows phrases and ``or`` but drops ``NOT``/``AND`` as stop words and
has no prefix form. So the query is split here into terms, each term becomes a small tsquery function call
with the term as a bound parameter (never spliced into SQL), and the calls are joined with the tsquery
operators ``&&``, ``||`` and ``!!``. FTS5's precedence is kept: NOT binds tightest, then AND, then OR.
Anything that is not a word character is dropped from a prefix term, so no input can make ``to_tsquery``
fail on syntax; a query of stop words only matches nothing, as in FTS5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from psycopg import sql

#: The text-search configuration of the ``documents.fts`` column (migrations_pg/0001_initial.sql).
CONFIG = "english"

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORDS = re.compile(r"\w+")


@dataclass
class TsQuery:
    """A composed tsquery expression and the parameters it binds, in order."""

    expression: sql.Composable
    params: list[str] = field(default_factory=list)


def _term(token: str, phrase: bool) -> tuple[sql.Composable, str] | None:
    if phrase:
        return sql.SQL("phraseto_tsquery({}, %s)").format(sql.Literal(CONFIG)), token
    if token.endswith("*") and len(token) > 1:
        words = _WORDS.findall(token[:-1])
        if words:
            stem = " <-> ".join([*words[:-1], words[-1] + ":*"])
            return sql.SQL("to_tsquery({}, %s)").format(sql.Literal(CONFIG)), stem
    if not _WORDS.search(token):
        return None
    return sql.SQL("plainto_tsquery({}, %s)").format(sql.Literal(CONFIG)), token


def to_tsquery(query: str) -> TsQuery | None:
    """The tsquery for an FTS5-style query, or None when the query holds no searchable word."""
    groups: list[list[tuple[sql.Composable, str, bool]]] = [[]]
    negate = False
    for match in _TOKEN.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if word is not None and word in ("OR", "AND", "NOT"):
            if word == "OR" and groups[-1]:
                groups.append([])
            negate = word == "NOT"
            continue
        term = _term(phrase if phrase is not None else word, phrase is not None)
        if term is not None:
            groups[-1].append((term[0], term[1], negate))
        negate = False
    ors: list[sql.Composable] = []
    params: list[str] = []
    for group in groups:
        ands: list[sql.Composable] = []
        for expression, param, negated in group:
            ands.append(sql.SQL("(!! {})").format(expression) if negated else expression)
            params.append(param)
        if ands:
            ors.append(sql.SQL("(") + sql.SQL(" && ").join(ands) + sql.SQL(")"))
    if not ors:
        return None
    return TsQuery(sql.SQL(" || ").join(ors), params)


def headline_options(highlight: tuple[str, str], words: int = 16) -> str:
    """``ts_headline`` options with the caller's markers, quoted so commas or spaces in them are kept."""
    start, stop = (marker.replace('"', '""') for marker in highlight)
    return (
        f'StartSel="{start}", StopSel="{stop}", MaxWords={words}, MinWords={words // 2}, '
        'MaxFragments=1, FragmentDelimiter="…"'
    )


def tsquery_sql(query: str) -> tuple[str, list[str]] | None:
    """The tsquery of :func:`to_tsquery` as SQL text with ``?`` placeholders (for :mod:`tacitus.store.sql`).

    The composed expression holds only fixed function names, the literal configuration name and ``%s``
    placeholders, so rendering it without a connection and swapping the placeholders is exact; the terms
    stay bound parameters.
    """
    translated = to_tsquery(query)
    if translated is None:
        return None
    return translated.expression.as_string(None).replace("%s", "?"), list(translated.params)

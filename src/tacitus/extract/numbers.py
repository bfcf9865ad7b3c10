"""Read cardinal numbers written as digits or words ("1,200", "twenty-five", "a dozen", "1.5 million").

Why our own: no number library here keeps the words of a vague count or reads "a dozen" and "two
hundred and fifty" the same way as "250" without also averaging ranges (see shared/docs/dependencies.md).
This module only reads one number from a token list; hedges and ranges are the grammar in
:mod:`tacitus.extract.quantities`. The word lists live in ``data/numbers.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

import yaml

#: One word, a number with thousands separators or decimals, a dash, or any other single character.
TOKEN_RE = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[A-Za-z]+(?:['.][A-Za-z]+)*|[-–—]|%|\S")


class Token(NamedTuple):
    """A lower-cased word of the scanned text and its character offsets.

    A NamedTuple, not a frozen dataclass: as immutable, and built about twice as fast (a claim sentence
    is tokenized once or twice, every word a Token).
    """

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into :class:`Token` s; digits keep their commas so "1,200" is one token."""
    return [Token(m.group().lower(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The contents of ``numbers.yaml`` in the shapes the parsers need."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    dozen: int
    vague: tuple[tuple[tuple[str, ...], float], ...]
    vague_multipliers: dict[str, int]
    fractions: tuple[tuple[tuple[str, ...], float], ...]
    qualifiers: tuple[tuple[tuple[str, ...], str, bool], ...]
    rate_units: dict[str, str]
    rate_determiners: frozenset[str]
    rate_adverbs: dict[str, str]
    not_counts_after: frozenset[str]
    age_units: frozenset[str]
    age_cues: frozenset[str]
    index_joiners: frozenset[str]
    currency: frozenset[str]
    year_cues: frozenset[str]
    zero_words: tuple[tuple[str, ...], ...]
    percent_words: frozenset[str]


def _phrases(rows: list[dict[str, Any]]) -> tuple[tuple[tuple[str, ...], float], ...]:
    pairs = [(tuple(str(w) for w in row["words"]), float(row["value"])) for row in rows]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load ``data/numbers.yaml`` once per process."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("tacitus.extract").joinpath("data/numbers.yaml").read_text(encoding="utf-8")
    )
    qualifiers = sorted(
        (
            (tuple(str(w) for w in row["words"]), str(row["effect"]), bool(row.get("approximate", False)))
            for row in raw["qualifiers"]
        ),
        key=lambda q: -len(q[0]),
    )
    return Lexicon(
        units={str(k): int(v) for k, v in raw["units"].items()},
        tens={str(k): int(v) for k, v in raw["tens"].items()},
        scales={str(k): int(v) for k, v in raw["scales"].items()},
        dozen=int(raw["dozen"]),
        vague=_phrases(raw["vague"]),
        vague_multipliers={str(k): int(v) for k, v in raw["vague_multipliers"].items()},
        fractions=_phrases(raw["fractions"]),
        qualifiers=tuple(qualifiers),
        rate_units={str(k): str(v) for k, v in raw["rate_units"].items()},
        rate_determiners=frozenset(str(w) for w in raw["rate_determiners"]),
        rate_adverbs={str(k): str(v) for k, v in raw["rate_adverbs"].items()},
        not_counts_after=frozenset(str(w) for w in raw["not_counts_after"]),
        age_units=frozenset(str(w) for w in raw["age_units"]),
        age_cues=frozenset(str(w) for w in raw["age_cues"]),
        index_joiners=frozenset(str(w) for w in raw["index_joiners"]),
        currency=frozenset(str(w) for w in raw["currency"]),
        year_cues=frozenset(str(w) for w in raw["year_cues"]),
        zero_words=tuple(tuple(str(w) for w in row) for row in raw["zero_words"]),
        percent_words=frozenset(str(w) for w in raw["percent_words"]),
    )


def matches(tokens: list[Token], i: int, words: tuple[str, ...]) -> bool:
    """Whether ``tokens[i:]`` starts with ``words``."""
    if i + len(words) > len(tokens):
        return False
    return all(tokens[i + k].text == w for k, w in enumerate(words))


def _digits(text: str) -> float | None:
    if not text[0].isdigit():
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def read_number(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """Read one exact number starting at ``tokens[i]``; return (value, index after it) or None.

    Digits may take a scale word ("1.5 million"); words follow the usual English grammar
    ("two hundred and fifty", "twenty-five", "a dozen", "a thousand", "two dozen").
    """
    lex = lexicon()
    if i >= len(tokens):
        return None
    first = tokens[i].text
    value = _digits(first)
    if value is not None:
        j = i + 1
        if j < len(tokens) and tokens[j].text in lex.scales and tokens[j].text != "hundred":
            return value * lex.scales[tokens[j].text], j + 1
        if j < len(tokens) and tokens[j].text == "hundred":
            return value * 100, j + 1
        return value, j
    if first in ("a", "an") and i + 1 < len(tokens):
        nxt = tokens[i + 1].text
        if nxt == "dozen":
            return float(lex.dozen), i + 2
        if nxt in lex.scales:
            return _read_words(tokens, i + 1, start_value=1)
        return None
    return _read_words(tokens, i, start_value=None)


def _read_words(tokens: list[Token], i: int, start_value: int | None) -> tuple[float, int] | None:
    """English number words: total/current accumulation over units, tens, scales and "and"."""
    lex = lexicon()
    total = 0
    current = start_value or 0
    seen = start_value is not None
    j = i
    last_kind = "unit" if seen else ""
    while j < len(tokens):
        word = tokens[j].text
        if word in lex.units and last_kind in ("", "scale", "and", "tens"):
            current += lex.units[word]
            last_kind = "unit"
        elif word in lex.tens and last_kind in ("", "scale", "and"):
            current += lex.tens[word]
            last_kind = "tens"
            if j + 2 < len(tokens) and tokens[j + 1].text == "-" and tokens[j + 2].text in lex.units:
                current += lex.units[tokens[j + 2].text]
                j += 2
                last_kind = "unit"
        elif word == "dozen" and last_kind in ("unit", "tens"):
            current *= lex.dozen
            last_kind = "unit"
        elif word == "hundred" and last_kind in ("unit", "tens") and current < 100:
            current *= 100
            last_kind = "scale"
        elif word in lex.scales and word != "hundred" and last_kind in ("unit", "tens", "scale") and current:
            scale = lex.scales[word]
            if total and total < scale:
                break
            total += current * scale
            current = 0
            last_kind = "scale"
        elif word == "and" and last_kind == "scale" and j + 1 < len(tokens):
            nxt = tokens[j + 1].text
            if nxt not in lex.units and nxt not in lex.tens:
                break
            last_kind = "and"
        else:
            break
        seen = True
        j += 1
    if not seen or last_kind == "and" or j == i:
        return None
    return float(total + current), j

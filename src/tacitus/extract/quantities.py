"""A small grammar for counts as reporters write them, keeping their hedges.

Why: "as many as 200" and "at least 200" are different facts, "between 100 and 150" must never become
125, and "dozens" must keep its word. The grammar reads, left to right: an optional qualifier ("at least",
"as many as", "about"), a core number (digits, words, a vague plural, a fraction), an optional second
number making a range ("12-40", "six to 18", "between 100 and 150", "from 5 to 7"), a percent sign, a
change ("down from 10,000", "from 10,000 to 4,000") and a rate ("a day", "per week", "daily").

Bounds, decided once for the whole project (docs/benchmarks/claims.md repeats them):

* exact "35": min = max = best = 35.
* "at least 35", "more than 35", "over 35": min = best = 35, max null. "More than" is not turned into
  36: the written figure is what a reader can check, and ``text`` keeps the words.
* "as many as 200", "up to", "less than", "nearly": max = 200, min = best = null (nothing bounds it
  from below); "nearly"/"almost" also set ``approximate``.
* "about/some/around/roughly/an estimated 30": best = 30, approximate, min = max = null.
* ranges: min and max as written, best = the lower figure (ACLED's conservative rule), never the mean.
* vague words: min = best = a conservative floor from ``data/numbers.yaml`` (dozens 12, hundreds 100),
  approximate, ``vague`` true; the words stay in ``text``.
* changes ("down from 10,000 to 4,000", "4,000, down from 10,000"): one quantity, the current value,
  with the earlier figure in ``previous``; the earlier figure is not a second count.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from tacitus.extract.numbers import Token, lexicon, matches, read_number, tokenize

RANGE_JOINERS = frozenset({"-", "–", "—", "to", "or"})
CHANGE_WORDS = frozenset({"down", "up"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count or share as written: bounds, hedge, unit and offsets into the scanned text."""

    min: float | None
    max: float | None
    best: float | None
    text: str
    start: int
    end: int
    approximate: bool = False
    vague: bool = False
    unit: str | None = None
    per: str | None = None
    previous: float | None = None


@dataclass(frozen=True, slots=True)
class _Core:
    value: float
    end: int
    vague: bool = False
    percent: bool = False


@functools.lru_cache(maxsize=1)
def _phrase_index() -> dict[str, dict[str, tuple[Any, ...]]]:
    """The lexicon's phrase lists bucketed by first word, each bucket in the list's order.

    Why: the grammar tried every qualifier, zero word, vague word and fraction at every candidate
    position (a quarter of a million ``matches`` calls per 150 articles). A phrase can only match where
    its first word is, so trying the bucket of ``tokens[i]`` finds the same first match. Empty phrases
    (which match anywhere) end every bucket and are the default.
    """
    lex = lexicon()
    lists: dict[str, tuple[Any, ...]] = {
        "qualifiers": lex.qualifiers,
        "zero": tuple((words, 0.0) for words in lex.zero_words),
        "vague": lex.vague,
        "fractions": lex.fractions,
    }
    index: dict[str, dict[str, tuple[Any, ...]]] = {}
    for name, rows in lists.items():
        empty = tuple(row for row in rows if not row[0])
        buckets: dict[str, list[Any]] = {}
        for row in rows:
            if row[0]:
                buckets.setdefault(row[0][0], []).append(row)
        index[name] = {first: (*bucket, *empty) for first, bucket in buckets.items()}
        index[name][""] = empty
    return index


def _candidates(kind: str, tokens: list[Token], i: int) -> tuple[Any, ...]:
    """The phrases of list ``kind`` that may match at ``tokens[i]`` (see :func:`_phrase_index`)."""
    buckets = _phrase_index()[kind]
    if i >= len(tokens):
        return buckets[""]
    return buckets.get(tokens[i].text, buckets[""])


def _read_core(tokens: list[Token], i: int) -> _Core | None:
    """A single figure: zero word, vague plural, vague multiple, fraction or exact number."""
    lex = lexicon()
    for words, _zero in _candidates("zero", tokens, i):
        if matches(tokens, i, words):
            return _Core(0.0, i + len(words))
    k = i + 1 if i < len(tokens) and tokens[i].text == "a" else i
    if k < len(tokens) and tokens[k].text in lex.vague_multipliers and k + 1 < len(tokens):
        scale = tokens[k + 1].text
        if scale in lex.scales:
            return _Core(float(lex.vague_multipliers[tokens[k].text] * lex.scales[scale]), k + 2, vague=True)
    for words, value in _candidates("vague", tokens, i):
        if matches(tokens, i, words):
            return _Core(value, i + len(words), vague=True)
    for words, value in _candidates("fractions", tokens, i):
        if matches(tokens, i, words):
            return _Core(value, i + len(words), percent=True)
    read = read_number(tokens, i)
    if read is None:
        return None
    return _Core(read[0], read[1])


def _is_percent(tokens: list[Token], j: int) -> int:
    """Number of tokens at ``j`` that mark a percentage (0 if none): "%", "percent", "per cent"."""
    lex = lexicon()
    if j < len(tokens) and tokens[j].text in lex.percent_words:
        return 1
    if matches(tokens, j, ("per", "cent")):
        return 2
    return 0


def _read_rate(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """A rate at ``tokens[j]``: "a day", "per week", "every day", "each month", "daily"."""
    lex = lexicon()
    if j < len(tokens) and tokens[j].text in lex.rate_adverbs:
        return lex.rate_adverbs[tokens[j].text], j + 1
    if (
        j + 1 < len(tokens)
        and tokens[j].text in lex.rate_determiners
        and tokens[j + 1].text in ("day", "week", "month", "hour", "year", "night")
    ):
        return lex.rate_units[tokens[j + 1].text], j + 2
    return None


def find_rate(text: str) -> str | None:
    """The first rate expression anywhere in ``text`` ("every day" -> "day"), or None."""
    tokens = tokenize(text)
    for j in range(len(tokens)):
        rate = _read_rate(tokens, j)
        if rate is not None:
            return rate[0]
    return None


def _not_a_count(tokens: list[Token], i: int, j: int, core: _Core) -> bool:
    """Ages, durations, times, money and years look like numbers but are never counts of people."""
    lex = lexicon()
    prev = tokens[i - 1].text if i > 0 else ""
    if prev in lex.currency or prev == ":" or prev in lex.age_cues:
        return True
    if _is_index(tokens, i, j):
        return True
    if i >= 3 and tokens[i - 1].text in ("to", "and", "-", "–") and tokens[i - 3].text in lex.age_cues:
        return True  # the second age of "ages 3 and 4", "ages 0 to 17"
    if j < len(tokens) and tokens[j].text == ":":
        return True
    k = j + 1 if j < len(tokens) and tokens[j].text == "-" else j
    if k < len(tokens) and tokens[k].text in lex.not_counts_after:
        return True
    if k < len(tokens) and tokens[k].text in lex.age_units:
        m = k + 2 if k + 1 < len(tokens) and tokens[k + 1].text == "-" else k + 1
        if m < len(tokens) and tokens[m].text == "old":
            return True
    raw = tokens[i].text
    return (
        raw.isdigit() and len(raw) == 4 and 1800 <= core.value <= 2100 and (prev in lex.year_cues or i == 0)
    )


def _is_index(tokens: list[Token], i: int, j: int) -> bool:
    """ "Image 6 of 8", "1 / 8": two digit figures joined by "of" or "/" number pages, not people."""
    joiners = lexicon().index_joiners
    before = i >= 2 and tokens[i - 1].text in joiners and tokens[i - 2].text[0].isdigit()
    after = j + 1 < len(tokens) and tokens[j].text in joiners and tokens[j + 1].text[0].isdigit()
    return tokens[i].text[0].isdigit() and (before or after)


def _parse_at(tokens: list[Token], i: int, text: str) -> tuple[Quantity, int] | None:
    effect, fuzzy = "exact", False
    k = i
    for words, eff, approx in _candidates("qualifiers", tokens, i):
        if matches(tokens, i, words):
            if eff == "none":
                return None
            effect, fuzzy, k = eff, approx, i + len(words)
            break
    previous: float | None = None
    second: _Core | None = None
    if k < len(tokens) and tokens[k].text in CHANGE_WORDS and matches(tokens, k + 1, ("from",)):
        k += 1
    if k < len(tokens) and tokens[k].text in ("between", "from"):
        first = _read_core(tokens, k + 1)
        joiner = "and" if tokens[k].text == "between" else "to"
        if first is None or not matches(tokens, first.end, (joiner,)):
            return None
        second = _read_core(tokens, first.end + 1)
        if second is None:
            return None
        if second.value < first.value:
            previous, core, second = first.value, second, None
        else:
            core = first
    else:
        found = _read_core(tokens, k)
        if found is None:
            return None
        core = found
        if core.end < len(tokens) and tokens[core.end].text in RANGE_JOINERS:
            nxt = _read_core(tokens, core.end + 1)
            if nxt is not None and nxt.value > core.value and not nxt.vague and not core.vague:
                second = nxt
    end = (second or core).end
    if _not_a_count(tokens, k, end, second or core):
        return None
    percent = core.percent or (second is not None and second.percent)
    n = _is_percent(tokens, end)
    if n:
        percent, end = True, end + n
    if second is not None and not percent and _is_percent(tokens, core.end):
        percent = True
    previous, end = _read_previous(tokens, end, previous)
    rate = _read_rate(tokens, end)
    per = None
    if rate is not None:
        per, end = rate
    low = core.value
    high = second.value if second is not None else None
    approximate = fuzzy or core.vague or (second is not None and second.vague) or effect == "approx"
    bounds: tuple[float | None, float | None, float | None]
    if high is not None:
        bounds = (low, high, low)
    elif core.vague:
        bounds = (low, None, low) if effect != "max" else (None, low, None)
    elif effect == "min":
        bounds = (low, None, low)
    elif effect == "max":
        bounds = (None, low, None)
    elif effect == "approx":
        bounds = (None, None, low)
    else:
        bounds = (low, low, low)
    start, stop = tokens[i].start, tokens[end - 1].end
    quantity = Quantity(
        min=bounds[0],
        max=bounds[1],
        best=bounds[2],
        text=text[start:stop],
        start=start,
        end=stop,
        approximate=approximate,
        vague=core.vague,
        unit="percent" if percent else None,
        per=per,
        previous=previous,
    )
    return quantity, end


def _read_previous(tokens: list[Token], end: int, previous: float | None) -> tuple[float | None, int]:
    """A trailing earlier figure: "4,000, down from 10,000" or "4,000 (up from 3,000)"."""
    k = end + 1 if end < len(tokens) and tokens[end].text in (",", "(") else end
    if k + 1 < len(tokens) and tokens[k].text in CHANGE_WORDS and tokens[k + 1].text == "from":
        earlier = _read_core(tokens, k + 2)
        if earlier is not None:
            stop = earlier.end + _is_percent(tokens, earlier.end)
            return earlier.value, stop
    return previous, end


@functools.lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Words a quantity can start with; scanning skips every other word at the cost of one lookup."""
    lex = lexicon()
    words = (
        {q[0][0] for q in lex.qualifiers} | {v[0][0] for v in lex.vague} | {f[0][0] for f in lex.fractions}
    )
    words |= {z[0] for z in lex.zero_words} | set(lex.units) | set(lex.tens) | set(lex.vague_multipliers)
    return frozenset(words | {"a", "an", "between", "from", "down", "up"})


def scan(text: str, offset: int = 0) -> list[Quantity]:
    """Every quantity in ``text``, left to right, offsets shifted by ``offset``. Never raises on text."""
    tokens = tokenize(text)
    starters = _starters()
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].text
        if not word[0].isdigit() and word not in starters:
            i += 1
            continue
        parsed = _parse_at(tokens, i, text)
        if parsed is None:
            i += 1
            continue
        quantity, i = parsed
        if offset:
            quantity = replace(quantity, start=quantity.start + offset, end=quantity.end + offset)
        found.append(quantity)
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in ``text`` with a rate found anywhere after it ("4,000 people a day")."""
    found = scan(text)
    if not found:
        return None
    first = found[0]
    if first.per is None:
        per = find_rate(text[first.end :])
        if per is not None:
            first = replace(first, per=per)
    return first


def find_quantities(spans: Any) -> list[Quantity]:
    """Quantities in a spaCy ``Doc`` or ``Span`` (or an iterable of spans), offsets into the Doc's text."""
    if hasattr(spans, "start_char") or hasattr(spans, "sents"):
        items: Iterable[Any] = [spans]
    else:
        items = spans
    found: list[Quantity] = []
    for span in items:
        offset = int(getattr(span, "start_char", 0))
        found.extend(scan(str(span.text), offset))
    return found

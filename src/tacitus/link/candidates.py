"""Candidate generation for linking: which earlier mentions is a new one worth scoring against?

Two indexes, both incremental and both *symmetric* (whether a pair is a candidate depends on the two
mentions only, never on which arrived first), so the linked partition stays independent of input order:

- :class:`BlockIndex`: week buckets of the date window x place cell (country, admin1). Cheap, and finds the
  reports of one day in one province even when their wording differs.
- :class:`TermIndex`: an inverted index of each mention's rarest salient words (its top TF-IDF terms whose
  frozen document frequency is at most ``max_df``). Follow-up reports weeks or months later (an arrest, a
  funeral, a trial) and reports whose place was resolved differently still share the victim's or the
  suspect's name, the street, the venue: the words that identify one occurrence. Measured on GVC: the
  top 20 terms with df <= 5% of the corpus keep 99.7% of same-incident pairs with cosine >= 0.15 while
  scoring 5% of all pairs (docs/benchmarks/link.md). The cap is absolute, not a share of the corpus, so a
  posting list cannot grow with the corpus: linking stays near-linear.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from tacitus.link.compat import DateWindow
from tacitus.link.text import TextModel, Vector
from tacitus.model import Place

BUCKET_DAYS = 7

Cell = tuple[str, str]


def place_cell(place: Place | None) -> Cell | None:
    """(country, admin1) of a place, case-folded; ``None`` when the place is unknown."""
    if place is None:
        return None
    return ((place.country or "").casefold(), (place.admin1 or "").casefold())


def cells_compatible(a: Cell | None, b: Cell | None) -> bool:
    """Symmetric: unknown parts match anything; two known countries or admin units must be equal."""
    if a is None or b is None:
        return True
    return all(x == y or not x or not y for x, y in zip(a, b, strict=True))


def window_buckets(window: DateWindow | None) -> list[int] | None:
    """The week buckets a date window touches (``None`` for an undated mention)."""
    if window is None:
        return None
    return list(range(window.lo // BUCKET_DAYS, window.hi // BUCKET_DAYS + 1))


class BlockIndex:
    """Mentions by week bucket x place cell; undated mentions sit in a bucket every query looks at."""

    def __init__(self) -> None:
        self._index: dict[int | None, dict[Cell | None, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(self, key: str, window: DateWindow | None, place: Place | None) -> None:
        found = window_buckets(window)
        buckets: list[int | None] = [None] if found is None else [*found]
        cell = place_cell(place)
        for bucket in buckets:
            self._index[bucket][cell].append(key)

    def query(self, window: DateWindow | None, place: Place | None) -> set[str]:
        buckets = window_buckets(window)
        bucket_keys: list[int | None] = list(self._index) if buckets is None else [*buckets, None]
        cell = place_cell(place)
        found: set[str] = set()
        for bucket in bucket_keys:
            cells = self._index.get(bucket)
            if not cells:
                continue
            for other_cell, keys in cells.items():
                if cells_compatible(cell, other_cell):
                    found.update(keys)
        return found


class TermIndex:
    """Mentions by their rare salient terms (see the module docstring for why and how it was sized)."""

    def __init__(self, model: TextModel, top_terms: int = 20, max_df: int = 25) -> None:
        self.top_terms = top_terms
        self.max_df = max_df
        # A term is rare enough when its frozen IDF is at least the IDF of a term seen in max_df documents
        # (terms the model never saw get the largest IDF, so they always qualify).
        n = model.documents
        self._min_idf = math.log((1 + n) / (1 + max_df)) + 1.0 if n > max_df else 0.0
        self._model = model
        self._postings: dict[str, list[str]] = defaultdict(list)

    def terms(self, vector: Vector) -> list[str]:
        """The mention's ``top_terms`` heaviest rare terms (ties broken by the term: deterministic)."""
        default = self._model.unseen_idf
        rare = [t for t in vector if self._model.idf.get(t, default) >= self._min_idf]
        rare.sort(key=lambda t: (-vector[t], t))
        return rare[: self.top_terms]

    def add(self, key: str, terms: Iterable[str]) -> None:
        for term in terms:
            self._postings[term].append(key)

    def query(self, terms: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for term in terms:
            found.update(self._postings.get(term, ()))
        return found

"""Candidate generation for linking: which earlier mentions is a new one worth scoring against?

Two indexes, both incremental and both *symmetric*: whether a pair is a candidate is a predicate of the two
mentions alone, never of which arrived first or of what else is indexed. The incremental query returns
exactly the earlier mentions satisfying it, so every pair that satisfies it is compared once, whatever the
order, and the linked partition stays independent of input order.

- :class:`BlockIndex`: same day, same place cell, shared salient word. Two mentions are candidates when
  their date windows are at most ``days`` apart, their place cells (country, admin1) are compatible, and
  they share one of their ``terms`` heaviest TF-IDF words (any document frequency: a town's name, the
  street, "mosque"). It finds reports of one day in one province even when the rare words differ. Why
  the word gate and day (not week) granularity: a block of one week x one province holds every report
  of that week there, so its size, and the comparisons per report, grow with the density of the feed
  (the 100k-report benchmark made 6.9M comparisons at 69 per report); a pair sharing none of its
  heaviest words has a low cosine and could not pass the threshold anyway (measured on GVC and the suite:
  the gate loses no linked pair, docs/benchmarks/link.md). A hard count cap (keep the k nearest) is not
  used on purpose: which k are nearest depends on what else has arrived, so an incremental linker with
  such a cap would give different incidents for different input orders.
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
from collections.abc import Iterable, Sequence

from tacitus.link.compat import DateWindow, window_gap_days
from tacitus.link.text import TextModel, Vector
from tacitus.model import Place

Cell = tuple[str, str]

WEEK = 7


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


def salient_terms(vector: Vector, count: int) -> list[str]:
    """The ``count`` heaviest terms of a vector (ties broken by the term: deterministic)."""
    return sorted(vector, key=lambda t: (-vector[t], t))[:count]


class BlockIndex:
    """Mentions by (week, salient term), filtered by the day gap and the place cell at query time.

    The candidate predicate (see the module docstring) is: windows at most ``days`` apart (or one
    undated), compatible place cells, and one of either mention's ``narrow`` heaviest terms among the
    other's ``wide`` heaviest terms. Each mention is posted under the weeks of its window x its ``wide``
    terms (and its ``narrow`` ones separately); a query reads its own narrow terms in the wide postings
    and its wide terms in the narrow postings of the weeks within reach, then keeps the pairs that satisfy
    the predicate exactly. Its cost follows the reports per week and word, not the size of the corpus.
    """

    def __init__(self, days: int = 1) -> None:
        self.days = days
        self._narrow: dict[tuple[int | None, str], list[str]] = defaultdict(list)
        self._wide: dict[tuple[int | None, str], list[str]] = defaultdict(list)
        self._by_term: dict[str, list[str]] = defaultdict(list)
        self._wide_by_term: dict[str, list[str]] = defaultdict(list)
        self._cells: dict[str, Cell | None] = {}
        self._windows: dict[str, DateWindow | None] = {}

    @staticmethod
    def _weeks(window: DateWindow | None, reach: int = 0) -> list[int | None]:
        if window is None:
            return [None]
        return list(range((window.lo - reach) // WEEK, (window.hi + reach) // WEEK + 1))

    def add(
        self,
        key: str,
        window: DateWindow | None,
        place: Place | None,
        narrow: Sequence[str],
        wide: Sequence[str],
    ) -> None:
        self._cells[key] = place_cell(place)
        self._windows[key] = window
        for week in self._weeks(window):
            for term in narrow:
                self._narrow[(week, term)].append(key)
            for term in wide:
                self._wide[(week, term)].append(key)
        for term in narrow:
            self._by_term[term].append(key)
        for term in wide:
            self._wide_by_term[term].append(key)

    def query(
        self, window: DateWindow | None, place: Place | None, narrow: Sequence[str], wide: Sequence[str]
    ) -> set[str]:
        found: set[str] = set()
        if window is None:  # an undated mention may be any day's: every week, through the term lists
            for term in narrow:
                found.update(self._wide_by_term.get(term, ()))
            for term in wide:
                found.update(self._by_term.get(term, ()))
        else:
            for week in [*self._weeks(window, self.days), None]:
                for term in narrow:
                    found.update(self._wide.get((week, term), ()))
                for term in wide:
                    found.update(self._narrow.get((week, term), ()))
        cell = place_cell(place)
        return {
            key
            for key in found
            if cells_compatible(cell, self._cells[key])
            and window_gap_days(window, self._windows[key]) <= self.days
        }


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

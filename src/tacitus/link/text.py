"""A small TF-IDF model with a frozen vocabulary, for text similarity between reports.

Why our own and frozen: the pairwise "same incident" decision must be a pure function of the two reports
so that the linked partition does not depend on input order. An IDF that grows as documents arrive would
make an early decision differ from a late one; so the IDF is fitted once (on the batch being linked, or on
a reference corpus) and then frozen. Unseen words get the largest IDF, as in scikit-learn's smoothed
formula ``idf = ln((1 + n) / (1 + df)) + 1``. Twenty lines of dictionaries are faster for sparse pairwise
cosines over a few candidates than building a scikit-learn matrix per query.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_TOKEN = re.compile(r"[^\W\d_][\w'-]*[^\W_]|[^\W\d_]", re.UNICODE)

#: Function words only (no domain words: which topical words are common is the IDF's job to learn).
_FUNCTION_WORDS = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your yours said says
    say told according mr mrs ms s t"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())

Vector = dict[str, float]


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens without numbers and function words."""
    return [t for t in (m.group(0).casefold() for m in _TOKEN.finditer(text)) if t not in STOPWORDS]


@dataclass(frozen=True)
class TextModel:
    """Frozen inverse document frequencies; ``vector`` gives an L2-normalised sublinear TF-IDF vector."""

    idf: Mapping[str, float] = field(default_factory=dict)
    documents: int = 0

    @classmethod
    def fit(cls, texts: Iterable[str]) -> TextModel:
        """Count document frequencies over ``texts`` (a set statistic: the order of texts is irrelevant)."""
        df: Counter[str] = Counter()
        n = 0
        for text in texts:
            df.update(set(tokens(text)))
            n += 1
        idf = {term: math.log((1 + n) / (1 + count)) + 1.0 for term, count in df.items()}
        return cls(idf=idf, documents=n)

    @property
    def unseen_idf(self) -> float:
        return math.log(1 + self.documents) + 1.0

    def vector(self, text: str) -> Vector:
        counts = Counter(tokens(text))
        default = self.unseen_idf
        weights = {t: (1.0 + math.log(c)) * self.idf.get(t, default) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two L2-normalised sparse vectors (iterates over the smaller one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())

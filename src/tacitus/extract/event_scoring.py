"""Faster scoring for the event classifier: the same numbers, with the character n-grams counted per word.

Why: scoring a sentence with the fitted scikit-learn pipeline spends most of its time cutting every word
into its character 2-5-grams and looking each up in the vocabulary (~1,300 dictionary look-ups for a
news sentence). A ``char_wb`` vectorizer's n-grams never cross a space, so a sentence's counts are the
sum of its words' counts, and a word's in-vocabulary n-grams can be computed once and reused: news
repeats its words. Everything after the counting (sublinear tf, idf, L2 norm, the linear SVM) is done by
the same NumPy/SciPy/scikit-learn operations in the same order as ``TfidfVectorizer.transform`` and
``FeatureUnion``, so the scores are identical (tests/extract/test_event_scoring.py compares them).

Used only when the fitted model has exactly the shape trained by ``EventTypeClassifier.train`` (a word
vectorizer and a lower-casing ``char_wb`` vectorizer in a ``FeatureUnion`` before a linear model);
anything else is scored by scikit-learn as is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain, pairwise
from typing import Any

import numpy as np

#: Words whose n-grams are kept; past this the cache starts afresh, so memory stays flat on long runs.
WORD_CACHE_SIZE = 100_000


class CharNgramCounter:
    """In-vocabulary character n-gram counts of a fitted lower-casing ``char_wb`` TF-IDF vectorizer."""

    def __init__(self, vectorizer: Any) -> None:
        self.vocabulary: dict[str, int] = vectorizer.vocabulary_
        self.min_n, self.max_n = vectorizer.ngram_range
        self._words: dict[str, list[int]] = _WordCache(self.word_features)

    def word_features(self, word: str) -> list[int]:
        """Vocabulary indices of the n-grams of `` word `` (padded with a space each side), repeated."""
        found = self._words.get(word)
        if found is not None:
            return found
        padded = f" {word} "
        size = len(padded)
        vocabulary = self.vocabulary
        found = []
        for n in range(self.min_n, self.max_n + 1):
            if size <= n:  # a short word counts once, as itself (scikit-learn's rule)
                index = vocabulary.get(padded)
                if index is not None:
                    found.append(index)
                break
            for offset in range(size - n + 1):
                index = vocabulary.get(padded[offset : offset + n])
                if index is not None:
                    found.append(index)
        if len(self._words) >= WORD_CACHE_SIZE:
            self._words.clear()
        self._words[word] = found
        return found

    def counts(self, texts: Sequence[str]) -> Any:
        """The sparse count matrix ``CountVectorizer`` would build for ``texts`` (float64, sorted)."""
        # A known word's n-grams are read by the cache's C-level __getitem__; only new words call Python.
        known = self._words.__getitem__
        features = [list(chain.from_iterable(map(known, t.lower().split()))) for t in texts]
        return count_matrix(features, len(self.vocabulary))


class _WordCache(dict[str, list[int]]):
    """The counter's word -> n-gram indices cache; a missing word is computed (and stored) on lookup."""

    def __init__(self, compute: Callable[[str], list[int]]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> list[int]:
        return self._compute(word)


def count_matrix(features: Sequence[list[int]], width: int) -> Any:
    """The ``len(features)`` x ``width`` count matrix (float64, sorted) of each row's column indices.

    Each row's (column, count) pairs, sorted by column, as a Counter-then-sort (``CountVectorizer``) gives
    them: one batch-wide np.unique of row * width + column counts in C what a Counter per row counted.
    """
    import scipy.sparse as sp  # type: ignore[import-untyped]

    lengths = np.fromiter(map(len, features), dtype=np.int64, count=len(features))
    columns = np.fromiter(chain.from_iterable(features), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(features), dtype=np.int64), lengths)
    keys, counted = np.unique(rows * width + columns, return_counts=True)
    indptr = np.zeros(len(features) + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys // width, minlength=len(features)), out=indptr[1:])
    indices = keys % width
    matrix = sp.csr_array(
        (counted.astype(np.intc), indices.astype(np.int32), indptr.astype(np.int32)),
        shape=(len(features), width),
        dtype=np.float64,
    )
    matrix.sort_indices()
    return matrix


def tfidf(counts: Any, vectorizer: Any) -> Any:
    """``TfidfTransformer.transform`` on a fresh count matrix: the same operations in the same order."""
    from sklearn.preprocessing import normalize  # type: ignore[import-untyped]

    if vectorizer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1.0
    if vectorizer.use_idf:
        counts.data *= vectorizer.idf_[counts.indices]
    if vectorizer.norm is not None:
        counts = normalize(counts, norm=vectorizer.norm, copy=False)
    return counts


class FastScorer:
    """``decision_function`` of a fitted ``[FeatureUnion(words, chars), linear model]`` pipeline."""

    def __init__(self, words: Any, chars: Any, linear: Any) -> None:
        self.words = words
        self.chars = chars
        self.counter = CharNgramCounter(chars)
        self.linear = linear

    @classmethod
    def of(cls, model: Any) -> FastScorer | None:
        """A fast scorer for ``model``, or None when the model is not of the shape this one reproduces."""
        from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
        from sklearn.pipeline import FeatureUnion  # type: ignore[import-untyped]

        steps = getattr(model, "steps", None)
        if not steps or len(steps) != 2 or not isinstance(steps[0][1], FeatureUnion):
            return None
        union = steps[0][1]
        parts = [t for _, t in union.transformer_list]
        if union.transformer_weights is not None or len(parts) != 2:
            return None
        if not all(isinstance(p, TfidfVectorizer) for p in parts):
            return None
        words, chars = parts
        plain_chars = (
            chars.analyzer == "char_wb"
            and chars.lowercase
            and chars.preprocessor is None
            and chars.strip_accents is None
            and chars.input == "content"
            and not chars.binary
            and chars.dtype == np.float64
        )
        if not plain_chars or not hasattr(steps[1][1], "decision_function"):
            return None
        return cls(words, chars, steps[1][1])

    def decision_function(self, texts: list[str]) -> Any:
        """Per text, the linear model's score of every class (rows as scikit-learn returns them)."""
        return self.from_counts(self.word_counts(texts), self.counter.counts(texts))

    def word_counts(self, texts: Sequence[str]) -> Any:
        """The word vectorizer's raw counts (its ``CountVectorizer`` half, before the TF-IDF weights)."""
        from sklearn.feature_extraction.text import CountVectorizer

        return CountVectorizer.transform(self.words, texts)

    def from_counts(self, word_counts: Any, char_counts: Any) -> Any:
        """Scores from the two blocks' raw counts (sorted rows; left unchanged): TF-IDF, stack, model."""
        import scipy.sparse as sp

        word_block = tfidf(word_counts.astype(np.float64), self.words)
        char_block = tfidf(char_counts.astype(np.float64), self.chars)
        return self.linear.decision_function(sp.hstack([word_block, char_block]).tocsr())


def window_matrix(windows: Sequence[tuple[int, int]], size: int) -> Any:
    """A 0/1 matrix whose row ``k`` sums the rows ``windows[k]`` = ``(start, end)`` of a ``size``-row one."""
    import scipy.sparse as sp

    lengths = np.fromiter((end - start for start, end in windows), dtype=np.int64, count=len(windows))
    columns = np.fromiter(
        chain.from_iterable(range(start, end) for start, end in windows),
        dtype=np.int64,
        count=int(lengths.sum()),
    )
    indptr = np.zeros(len(windows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    ones = np.ones(len(columns), dtype=np.float64)
    return sp.csr_array((ones, columns, indptr), shape=(len(windows), size))


class WindowScorer:
    """Scores of sentences and of windows of consecutive sentences, counting each sentence once.

    Why: reading a sentence in its window (the sentence and its neighbours, joined by a space) tripled
    the text the classifier counted n-grams in. A joined window's counts are its sentences' counts
    summed, exactly: character n-grams never cross a space, the word tokens of a joined text are the
    sentences' tokens in order, and the only n-grams a join adds are the word bigrams across each
    junction, counted here directly. Everything after the counting is ``FastScorer``'s, so the scores
    equal those of the joined texts bit for bit (tests/extract/test_event_scoring.py).
    """

    def __init__(self, fast: FastScorer) -> None:
        self.fast = fast
        words = fast.words
        self._tokens = words.build_tokenizer()
        self._prepare = words.build_preprocessor()
        self._vocabulary: dict[str, int] = words.vocabulary_

    @classmethod
    def of(cls, fast: FastScorer | None) -> WindowScorer | None:
        """A window scorer when the word vectorizer is the plain 1-2-gram one whose junctions it knows."""
        if fast is None:
            return None
        words = fast.words
        plain = (
            words.analyzer == "word"
            and words.ngram_range == (1, 2)
            and words.stop_words is None
            and words.input == "content"
            and not words.binary
            and words.tokenizer is None
            and words.preprocessor is None
        )
        return cls(fast) if plain else None

    def _word_counts(self, tokens: Sequence[list[str]]) -> Any:
        """``FastScorer.word_counts`` from the texts' tokens: their unigrams and bigrams (``"a b"``, as
        scikit-learn's ``_word_ngrams`` joins them) found in the vocabulary, counted per text."""
        get = self._vocabulary.get
        features = []
        for words in tokens:
            found = [index for index in map(get, words) if index is not None]
            bigrams = map(get, map(" ".join, pairwise(words)))
            found.extend(index for index in bigrams if index is not None)
            features.append(found)
        return count_matrix(features, len(self._vocabulary))

    def _junctions(self, tokens: Sequence[list[str]], windows: Sequence[tuple[int, int]]) -> Any:
        """Counts of the word bigrams each window's joins add (last token before, first token after)."""
        import scipy.sparse as sp

        rows: list[int] = []
        columns: list[int] = []
        for row, (start, end) in enumerate(windows):
            last: str | None = None
            for sentence in tokens[start:end]:
                if not sentence:
                    continue
                if last is not None:
                    index = self._vocabulary.get(f"{last} {sentence[0]}")
                    if index is not None:
                        rows.append(row)
                        columns.append(index)
                last = sentence[-1]
        values = np.ones(len(rows), dtype=np.float64)
        shape = (len(windows), len(self._vocabulary))
        return sp.csr_array((values, (rows, columns)), shape=shape)

    def decision_function(self, texts: Sequence[str], windows: Sequence[tuple[int, int]]) -> tuple[Any, Any]:
        """Scores of ``texts`` and of each window ``(start, end)``: ``" ".join(texts[start:end])``."""
        fast = self.fast
        tokens = [self._tokens(self._prepare(t)) for t in texts]  # once, for the counts and the junctions
        word_counts = self._word_counts(tokens)
        char_counts = fast.counter.counts(texts)
        summing = window_matrix(windows, len(texts))
        window_words = (summing @ word_counts + self._junctions(tokens, windows)).tocsr()
        window_chars = (summing @ char_counts).tocsr()
        for matrix in (window_words, window_chars):
            matrix.sum_duplicates()
            matrix.sort_indices()
        return fast.from_counts(word_counts, char_counts), fast.from_counts(window_words, window_chars)

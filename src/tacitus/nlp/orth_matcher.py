"""The EntityRuler's case-sensitive names matched by a PhraseMatcher, with the token Matcher's output.

Why: the ruler matches its case-sensitive names ("IS", "CTS") with spaCy's token ``Matcher``, which
starts every pattern at every token: ~0.27 s per 510 GVC articles for ~100 names, most of what the ruler
adds to spaCy. Each of those patterns is a plain sequence of exact words (``[{"ORTH": w}, ...]``), which a
``PhraseMatcher`` on ORTH finds with one hash lookup per token. The ruler keeps its token patterns (its
``patterns``, labels and serialisation are unchanged); only the object it calls as ``matcher`` changes.

The ruler dedupes the matches with a ``set`` and keeps the first of equally ranked ones, so the list is
returned exactly as the ``Matcher`` returns it: ``(match_id, start, end)`` once each, ordered by end,
then start, then the order the patterns were added (the Matcher's state order), which
tests/nlp/test_orth_matcher.py checks against the Matcher itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc


class OrthPhraseMatcher:
    """Callable like a ``Matcher`` holding only exact-ORTH token patterns, over one ``PhraseMatcher``."""

    def __init__(self, vocab: Any, patterns: Sequence[tuple[str, Sequence[str]]]) -> None:
        """``patterns``: (match key string, words) in the order they were added to the Matcher."""
        self._phrases = PhraseMatcher(vocab, attr="ORTH")
        self.patterns = [(key, tuple(words)) for key, words in patterns]
        strings = vocab.strings
        #: (match id, words) -> the first pattern index giving it: the Matcher's rank among equal spans.
        self._rank: dict[tuple[int, tuple[int, ...]], int] = {}
        by_key: dict[str, dict[tuple[str, ...], None]] = {}
        for index, (key, words) in enumerate(patterns):
            orths = tuple(strings.add(w) for w in words)
            self._rank.setdefault((strings.add(key), orths), index)
            by_key.setdefault(key, {})[tuple(words)] = None
        for key, phrases in by_key.items():
            self._phrases.add(key, [Doc(vocab, words=list(words)) for words in phrases])
        self._keys = len(by_key)

    def __len__(self) -> int:
        """The number of match keys (the Matcher's ``len``)."""
        return self._keys

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        found = self._phrases(doc)
        if not found:
            return []
        ranked = sorted(
            (end, start, self._rank[(key, tuple(doc[i].orth for i in range(start, end)))], key)
            for key, start, end in found
        )
        out: list[tuple[int, int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        for end, start, _rank, key in ranked:
            match = (key, start, end)
            if match not in seen:
                seen.add(match)
                out.append(match)
        return out


def use_phrase_matcher(ruler: Any, vocab: Any, patterns: Sequence[tuple[str, Sequence[str]]]) -> None:
    """Give ``ruler`` an :class:`OrthPhraseMatcher` in place of its token ``Matcher``.

    ``patterns`` must be every token pattern of the ruler, as (match key, exact words), in the order they
    were added: the ruler's token patterns must number exactly that many, else its Matcher is kept.
    """
    if patterns and sum(len(p) for p in ruler.token_patterns.values()) == len(patterns):
        ruler.matcher = OrthPhraseMatcher(vocab, patterns)

"""Exact and near-duplicate documents: wire copy syndicated by many outlets counts as one source.

Why MinHash/LSH over word shingles (datasketch): a reprint differs from its wire original by a headline, a
dateline, a byline or a trimmed last paragraph, so exact hashes miss it, while comparing every pair of
documents is quadratic. LSH finds candidates in constant time per document; the estimated Jaccard
similarity of the two shingle sets then decides. Both steps are pure pair functions and duplicate groups are
connected components, so the grouping does not depend on the order documents arrive in. The threshold is
measured in docs/benchmarks/link.md (independent reports of one incident stay well below it).
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import Literal

from datasketch import MinHash, MinHashLSH

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+", re.UNICODE)

#: Estimated Jaccard similarity of 5-word shingle sets above which two documents are one text.
#: Measured in docs/benchmarks/link.md (reprints versus independent reports of one incident).
DEFAULT_THRESHOLD = 0.5


def normalised_hash(text: str) -> str:
    """SHA-1 of the case-folded words: whitespace and punctuation changes do not make a new text."""
    return hashlib.sha1(" ".join(_WORD.findall(text.casefold())).encode("utf-8")).hexdigest()


def shingles(text: str, size: int) -> set[str]:
    """Overlapping runs of ``size`` case-folded words (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class DuplicateLink:
    """``doc_id`` repeats ``duplicate_of`` (exactly or nearly), with the estimated similarity."""

    doc_id: str
    duplicate_of: str
    kind: Literal["exact", "near"]
    similarity: float


class DuplicateIndex:
    """An incremental index of documents that answers "which earlier document is this a copy of?"."""

    def __init__(
        self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = 128, shingle_size: int = 5
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._hashes: dict[str, str] = {}
        self._by_hash: dict[str, list[str]] = {}
        self._minhashes: dict[str, MinHash] = {}
        self._parent: dict[str, str] = {}
        self.links: list[DuplicateLink] = []

    def minhash(self, text: str) -> MinHash:
        """A seeded MinHash of the text's shingles (seeded: equal texts give equal signatures anywhere)."""
        mh = MinHash(num_perm=self.num_perm, seed=1)
        for shingle in sorted(shingles(text, self.shingle_size)):
            mh.update(shingle.encode("utf-8"))
        return mh

    def add(self, doc_id: str, text: str) -> list[DuplicateLink]:
        """Index a document and return its links to documents already indexed (empty when original)."""
        if doc_id in self._hashes:
            return []
        self._parent[doc_id] = doc_id
        digest = normalised_hash(text)
        links = [DuplicateLink(doc_id, other, "exact", 1.0) for other in self._by_hash.get(digest, [])]
        self._hashes[doc_id] = digest
        self._by_hash.setdefault(digest, []).append(doc_id)
        mh = self.minhash(text)
        if len(shingles(text, self.shingle_size)) > 1:
            exact = {link.duplicate_of for link in links}
            for other in sorted(self._lsh.query(mh)):
                if other in exact:
                    continue
                similarity = float(mh.jaccard(self._minhashes[other]))
                if similarity >= self.threshold:
                    links.append(DuplicateLink(doc_id, other, "near", similarity))
            self._lsh.insert(doc_id, mh)
            self._minhashes[doc_id] = mh
        for link in links:
            self._union(link.doc_id, link.duplicate_of)
        self.links.extend(links)
        if links:
            log.debug("document %s duplicates %s", doc_id, [link.duplicate_of for link in links])
        return links

    def _find(self, doc_id: str) -> str:
        root = doc_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[doc_id] != root:
            self._parent[doc_id], doc_id = root, self._parent[doc_id]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:  # the smaller id is the root: the canonical copy does not depend on arrival order
            lo, hi = sorted((ra, rb))
            self._parent[hi] = lo

    def canonical(self, doc_id: str) -> str:
        """The representative of a document's duplicate group (the smallest id), itself when original."""
        return self._find(doc_id) if doc_id in self._parent else doc_id

    def groups(self) -> dict[str, list[str]]:
        """Canonical id -> every member (sorted), for groups of two or more documents."""
        out: dict[str, list[str]] = {}
        for doc_id in self._parent:
            out.setdefault(self._find(doc_id), []).append(doc_id)
        return {k: sorted(v) for k, v in out.items() if len(v) > 1}

    def verdicts(self) -> list[tuple[str, str, float]]:
        """(document, its group's canonical copy, best similarity) for every non-canonical duplicate."""
        best: dict[str, float] = {}
        for link in self.links:
            for doc_id in (link.doc_id, link.duplicate_of):
                best[doc_id] = max(best.get(doc_id, 0.0), link.similarity)
        return sorted(
            (doc_id, self.canonical(doc_id), similarity)
            for doc_id, similarity in best.items()
            if self.canonical(doc_id) != doc_id
        )

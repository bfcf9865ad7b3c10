"""A dict that forgets its oldest entries past a size limit: the resolver's per-process caches.

Why: the gazetteer and resolver cache lookups per name because news repeats names across documents, but a
batch over a million articles meets an open-ended set of names; unbounded, those caches grow with the
corpus and break "memory flat in batch size and corpus size". First-in, first-out eviction is enough: the
names that matter recur often and come straight back after an eviction, at the cost of one lookup.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedDict(dict[K, V]):
    """``dict`` whose ``d[key] = value`` drops the oldest entry once ``limit`` entries are held."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        super().__init__()
        self.limit = limit

    def __setitem__(self, key: K, value: V) -> None:
        if key not in self and len(self) >= self.limit:
            del self[next(iter(self))]
        super().__setitem__(key, value)

"""The resolver's caches forget their oldest entries instead of growing with the corpus."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tacitus.geo.bounded import BoundedDict


@given(st.lists(st.integers(min_value=0, max_value=50)), st.integers(min_value=1, max_value=10))
def test_never_holds_more_than_its_limit_and_keeps_the_newest(keys: list[int], limit: int) -> None:
    cache: BoundedDict[int, int] = BoundedDict(limit)
    for n, key in enumerate(keys):
        cache[key] = n
        assert len(cache) <= limit
        assert cache[key] == n  # the entry just written is always there


def test_overwriting_a_held_key_evicts_nothing() -> None:
    cache: BoundedDict[str, int] = BoundedDict(2)
    cache["a"], cache["b"] = 1, 2
    cache["a"] = 3
    assert cache == {"a": 3, "b": 2}
    cache["c"] = 4
    assert cache == {"b": 2, "c": 4}


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        BoundedDict(0)

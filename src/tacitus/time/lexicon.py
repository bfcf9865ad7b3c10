"""The curated words the resolver reads, loaded once from ``lexicon.yaml``.

Why a data file: which words make a recurrence, a future verb or a part of a month is curated knowledge a
reviewer should be able to change without touching the grammar that uses it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Lexicon:
    """Typed view of ``lexicon.yaml``."""

    numbers: dict[str, int]
    vague_numbers: dict[str, tuple[int, int]]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    week_parts: dict[str, tuple[int, int]]
    vague_windows: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    month_weeks: dict[str, tuple[int, int]]
    day_words: dict[str, int]
    times_of_day: tuple[str, ...]
    recurrence_words: tuple[str, ...]
    duration_units: tuple[str, ...]
    future_auxiliaries: frozenset[str]
    reported_future_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    after_words: tuple[str, ...]
    before_words: tuple[str, ...]


def _pairs(raw: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {str(k): (int(v[0]), int(v[1])) for k, v in raw.items()}


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The package's lexicon (read once per process)."""
    text = resources.files("tacitus.time").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    return Lexicon(
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        vague_numbers=_pairs(raw["vague_numbers"]),
        month_parts=_pairs(raw["month_parts"]),
        year_parts=_pairs(raw["year_parts"]),
        week_parts=_pairs(raw["week_parts"]),
        vague_windows={str(k): int(v) for k, v in raw["vague_windows"].items()},
        seasons=_pairs(raw["seasons"]),
        month_weeks=_pairs(raw["month_weeks"]),
        day_words={str(k): int(v) for k, v in raw["day_words"].items()},
        times_of_day=tuple(raw["times_of_day"]),
        recurrence_words=tuple(raw["recurrence_words"]),
        duration_units=tuple(raw["duration_units"]),
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        reported_future_auxiliaries=frozenset(raw["reported_future_auxiliaries"]),
        future_verbs=frozenset(raw["future_verbs"]),
        speech_verbs=frozenset(raw["speech_verbs"]),
        after_words=tuple(raw["after_words"]),
        before_words=tuple(raw["before_words"]),
    )

"""Golden quotes of the two real articles in ../shared/examples (skipped when they are absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.extract.quotes import QuoteStage
from tacitus.model import Document, Quote
from tacitus.nlp.model_loader import load_model
from tacitus.pipeline import Analysis

THOMAS = ("Col. John J. Thomas", "spokesman", "U.S. Central Command")
SCROCCA = ("Colonel Joe Scrocca", "spokesman", "coalition")


def _quotes(path: Path) -> tuple[str, list[Quote]]:
    text = path.read_text(encoding="utf-8")
    analysis = Analysis(document=Document(id=path.stem, text=text), parsed=load_model()(text))
    return text, QuoteStage()(analysis).quotes


def _example(real_examples: list[Path], name: str) -> Path:
    for path in real_examples:
        if path.name == name:
            return path
    pytest.skip(f"{name} not in shared/examples")


def _who(quote: Quote) -> tuple[str | None, str | None, str | None]:
    return quote.speaker, quote.role, quote.organization


def _starting(quotes: list[Quote], prefix: str) -> Quote:
    found = [q for q in quotes if q.text.startswith(prefix)]
    assert found, f"no quote starting {prefix!r} in {[q.text[:40] for q in quotes]}"
    return found[0]


def test_drone_video_article(real_examples: list[Path]) -> None:
    text, quotes = _quotes(_example(real_examples, "mosul-drone-video.txt"))
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    says = _starting(quotes, "shows ISIS fighters forcibly moving civilians")
    assert (says.direct, says.cue, _who(says)) == (False, "says", (None, None, "U.S. Central Command"))
    for prefix in (
        "Our Iraqi partners and CJTF",
        "While the video cannot portray intent",
        "The Coalition, through",
    ):
        quote = _starting(quotes, prefix)
        assert quote.direct
        assert _who(quote) == THOMAS
    reported = _starting(quotes, "that ISIS was “smuggling civilians")
    assert (reported.direct, reported.cue, _who(reported)) == (False, "told", SCROCCA)
    nested = _starting(quotes, "smuggling civilians into buildings")
    assert nested.direct and _who(nested) == SCROCCA
    direct = _starting(quotes, "For the first time we caught this on video")
    assert (direct.direct, direct.cue, _who(direct)) == (True, "said", SCROCCA)
    assert len(quotes) == 7  # Thomas three times, Scrocca three times, "it says" once


def test_mosul_corridors_article(real_examples: list[Path]) -> None:
    text, quotes = _quotes(_example(real_examples, "mosul-corridors.txt"))
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
    lieutenant = _starting(quotes, "ISIS militants opened fire at displaced families who were used")
    assert lieutenant.direct and lieutenant.cue == "says"
    assert _who(lieutenant) == ("one Army Lieutenant", "Lieutenant", "Army")
    agencies = _starting(quotes, "that 10,000 civilians were fleeing the city")
    assert (agencies.direct, agencies.cue, _who(agencies)) == (
        False,
        "reported",
        (None, None, "government agencies"),
    )
    headline = _starting(quotes, "ISIS militants opened fire at displaced families")
    assert headline.direct and headline.role == "Officer"
    assert len(quotes) == 3

"""Golden expectations on the two real articles in shared/examples (checked by hand)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tacitus.extract.eval_claims import analyse, shared_dir

EXAMPLES = shared_dir() / "examples"


def _claims(name: str) -> tuple[str, list[Any]]:
    path = EXAMPLES / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    text = path.read_text(encoding="utf-8")
    return text, analyse([text])[0]


def _row(c: Any) -> tuple[Any, ...]:
    return (c.kind, c.min, c.max, c.best, c.unit, c.per, c.modality)


def test_mosul_corridors() -> None:
    text, claims = _claims("mosul-corridors.txt")
    assert [_row(c) for c in claims] == [
        ("territory_held", None, 5, None, "percent", None, "asserted"),
        ("territory_retaken", 50, 50, 50, "percent", None, "asserted"),
        ("rescued", 100, None, 100, "families", None, "asserted"),
        ("displaced", 10000, 10000, 10000, "people", "day", "asserted"),
        ("displaced", 4000, 4000, 4000, "people", "day", "asserted"),
        ("trapped", None, None, 180000, "people", None, "asserted"),
    ]
    assert claims[0].actor == "ISIS militants"
    assert claims[2].quantity_text == "hundreds"
    assert claims[5].actor == "ISIS"
    for c in claims:
        assert text[c.evidence.start : c.evidence.end] == c.evidence.text


def test_mosul_drone_video() -> None:
    text, claims = _claims("mosul-drone-video.txt")
    killed = [c for c in claims if c.kind == "killed"]
    assert [_row(c) for c in killed] == [
        ("killed", None, 200, None, "people", None, "alleged"),
        ("killed", 1, 1, 1, "people", None, "asserted"),
    ]
    assert killed[0].victim == "civilians"
    assert killed[1].source is not None and "Scrocca" in (killed[1].source.speaker or "")
    # "the push to retake the western half" is a goal, not a gain: if kept, it must not be asserted.
    assert all(c.modality != "asserted" for c in claims if c.kind == "territory_retaken")
    for c in claims:
        assert text[c.evidence.start : c.evidence.end] == c.evidence.text


def test_examples_folder_resolves() -> None:
    assert isinstance(EXAMPLES, Path)

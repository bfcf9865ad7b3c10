"""place_for_span: the claim's own words, then sentence, paragraph, then the document's focus place."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tacitus.geo.assign import focus_place, place_for_span
from tacitus.model import Evidence, Place

TEXT = (
    "Fighting went on in Mosul. Ten people were killed in Zanjili on Monday.\n"
    "Aid agencies said 300 families fled.\n"
    "In Baghdad, officials met. Mosul was quiet."
)


def _place(name: str, occurrence: int = 0, precision: int = 1, gid: int | None = None) -> Place:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(name, start + 1)
    return Place(
        name=name,
        geonameid=gid,
        precision=precision,
        where_prec=precision,
        evidence=Evidence(start=start, end=start + len(name), text=name),
    )


PLACES = [_place("Mosul", gid=1), _place("Zanjili"), _place("Baghdad", gid=2), _place("Mosul", 1, gid=1)]


def _span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_place_inside_the_span_wins() -> None:
    place = place_for_span(PLACES, TEXT, *_span("Ten people were killed in Zanjili"))
    assert place is not None and place.name == "Zanjili"


def test_same_sentence_before_paragraph() -> None:
    place = place_for_span(PLACES, TEXT, *_span("officials met"))
    assert place is not None and place.name == "Baghdad"


def test_focus_place_when_nothing_nearby() -> None:
    place = place_for_span(PLACES, TEXT, *_span("300 families fled"))
    assert place is not None and place.name == "Mosul"  # named twice: the document's focus
    assert focus_place(PLACES) == place


def test_no_places() -> None:
    assert place_for_span([], TEXT, 0, 5) is None


@given(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
def test_never_raises(a: int, b: int) -> None:
    start, end = sorted((a, b))
    assert place_for_span(PLACES, TEXT, start, end) in [*PLACES, None]


def test_span_ending_on_its_full_stop_stays_in_its_sentence() -> None:
    place = place_for_span(PLACES, TEXT, *_span("Ten people were killed in Zanjili on Monday."))
    assert place is not None and place.name == "Zanjili"
    # "Aid agencies said 300 families fled." names nothing; its paragraph neither: the focus place.
    place = place_for_span(PLACES, TEXT, *_span("Aid agencies said 300 families fled."))
    assert place is not None and place.name == "Mosul"


def test_paragraph_prefers_the_place_named_before() -> None:
    text = (
        "Shelling hit Mosul on Monday morning after a long night of raids. Dozens fled. Baghdad said nothing."
    )
    places = [
        Place(name=n, precision=1, evidence=Evidence(start=text.index(n), end=text.index(n) + len(n), text=n))
        for n in ("Mosul", "Baghdad")
    ]
    start = text.index("Dozens fled")
    place = place_for_span(places, text, start, start + 11)
    assert place is not None and place.name == "Mosul"

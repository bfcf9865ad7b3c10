"""ACLED-shaped CSV: column names, coding rules, stable ids."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from tacitus.export import ACLED_COLUMNS, CSV_COLUMNS, acled_rows, write_csv
from tacitus.export.acled import conservative_fatalities, interaction, time_precision
from tacitus.export.conventions import _regions, country, disorder_type
from tacitus.model import DocumentResult, Figure, Modality

STAMP = 1_795_000_000


def rows_of(results: list[DocumentResult]) -> list[dict[str, str]]:
    return list(acled_rows(results, timestamp=STAMP))


def test_columns_are_acleds_then_tacitus_extras(results: list[DocumentResult]) -> None:
    out = io.StringIO()
    assert write_csv(results, out, timestamp=STAMP) == 5
    lines = out.getvalue().splitlines()
    assert lines[0].split(",")[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert lines[0].split(",") == list(CSV_COLUMNS)
    assert CSV_COLUMNS[-6:] == (
        "fatalities_min",
        "fatalities_max",
        "modality",
        "evidence",
        "document_id",
        "url",
    )
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert parsed == rows_of(results)


def test_one_row_per_event_with_acled_coding(results: list[DocumentResult]) -> None:
    attack, clash, strike, bomb, palmyra = rows_of(results)
    assert attack["event_id_cnty"].startswith("IRQ") and attack["event_id_cnty"][3:].isdigit()
    assert attack | {"event_id_cnty": ""} == attack | {
        "event_id_cnty": "",
        "event_date": "2017-03-29",
        "year": "2017",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "inter1": "2",
        "inter2": "7",
        "interaction": "27",
        "civilian_targeting": "Civilian targeting",
        "iso": "368",
        "region": "Middle East",
        "country": "Iraq",
        "admin1": "Nineveh",
        "location": "Mosul",
        "latitude": "36.3350",
        "longitude": "43.1189",
        "geo_precision": "1",
        "source": "Example News",
        "fatalities": "35",
        "fatalities_min": "35",
        "fatalities_max": "",
        "tags": "human shields; displaced",
        "timestamp": str(STAMP),
        "modality": "asserted",
        "document_id": "doc-mosul",
        "url": "https://example.org/mosul",
    }
    assert clash["interaction"] == "12"  # inter1 2, inter2 1: lower code first
    assert clash["time_precision"] == "2" and clash["event_date"] == "2017-03-20"
    assert clash["fatalities"] == "0" and clash["latitude"] == ""
    assert clash["civilian_targeting"] == ""
    # a negated event keeps its row, counts no one, and says why
    assert (strike["fatalities"], strike["fatalities_max"], strike["modality"]) == ("0", "10", "negated")
    assert strike["interaction"] == "10"
    # no place: unknown country; year-less date: the publication date at month precision
    assert bomb["event_id_cnty"].startswith("ZZZ")
    assert (bomb["event_date"], bomb["time_precision"]) == ("2017-04-01", "3")
    assert bomb["fatalities"] == "3"  # no best: the lower bound, never an average
    assert (palmyra["country"], palmyra["iso"], palmyra["time_precision"]) == ("Syria", "760", "3")
    assert palmyra["event_id_cnty"].startswith("SYR")


def test_notes_and_evidence_point_into_the_document(results: list[DocumentResult]) -> None:
    texts = {result.document.id: result.document.text for result in results}
    for row in rows_of(results):
        start, end = (int(part) for part in row["evidence"].split(":"))
        assert texts[row["document_id"]][start:end] == row["notes"]


def test_event_ids_are_stable_and_distinct(results: list[DocumentResult]) -> None:
    first = [row["event_id_cnty"] for row in rows_of(results)]
    again = [row["event_id_cnty"] for row in rows_of(list(reversed(results)))]
    assert sorted(first) == sorted(again)
    assert len(set(first)) == len(first)


@given(st.integers(1, 8) | st.none(), st.integers(1, 8) | st.none())
def test_interaction_is_symmetric_and_two_digit(inter1: int | None, inter2: int | None) -> None:
    code = interaction(inter1, inter2)
    assert code == interaction(inter2, inter1)
    if inter1 is None and inter2 is None:
        assert code == ""
    else:
        codes = sorted(c for c in (inter1, inter2) if c is not None)
        assert len(code) == 2
        assert int(code) == (codes[0] * 10 + codes[1] if len(codes) == 2 else codes[0] * 10)


@given(
    st.floats(0, 1e6) | st.none(),
    st.floats(0, 1e6) | st.none(),
    st.sampled_from(["asserted", "alleged", "negated", "generic", "hypothetical"]),
)
def test_fatalities_are_conservative(low: float | None, best: float | None, modality: Modality) -> None:
    value = conservative_fatalities(Figure(min=low, best=best), modality)
    assert value >= 0
    if modality in ("negated", "generic", "hypothetical"):
        assert value == 0
    elif best is not None:
        assert value == int(best)


def test_time_precision_codes() -> None:
    assert [time_precision(p) for p in ("day", "week", "month", "year", None)] == [1, 2, 3, 3, 3]


def test_every_acled_region_code_is_a_known_country() -> None:
    unknown = [code for code in _regions() if country(code) is None]
    assert unknown == []
    assert country("xk") is not None and country("XK").name == "Kosovo"  # type: ignore[union-attr]
    assert country("ZZ") is None and country(None) is None
    assert country("CD").name == "Democratic Republic of Congo"  # type: ignore[union-attr]


def test_disorder_types() -> None:
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert disorder_type("Riots", "Violent demonstration") == "Demonstrations"
    assert disorder_type("Riots", "Mob violence") == "Political violence"
    assert disorder_type("Strategic developments", "Other") == "Strategic developments"
    assert disorder_type("Not ACLED", None) == ""

"""Claim roles and scope: a means is no actor, a running total since a date is no incident."""

from __future__ import annotations

import pytest

from tacitus.extract.eval_claims import analyse

CASES = [
    ("A drone strike near the market killed as many as 14 shoppers.", None),
    ("Nine farmers were killed by shelling on Sunday.", None),
    ("A Turkish airstrike killed 7 fighters near the border.", "Turkish"),
    ("The raid by al-Shabaab killed 11 soldiers.", "al-Shabaab"),
    ("Unidentified gunmen killed three traders.", "Unidentified gunmen"),
]


@pytest.mark.parametrize(("text", "actor"), CASES)
def test_means_is_no_actor_but_its_owner_is(text: str, actor: str | None) -> None:
    [claims] = analyse([text])
    [claim] = [c for c in claims if c.kind == "killed"]
    assert claim.actor == actor


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Some 90 traders have been killed on the highway since October.", "generic"),
        ("Nearly 700 civilians have died in the district since 2019.", "generic"),
        ("Two more patients have died since the explosion.", "asserted"),
    ],
)
def test_a_running_total_since_a_calendar_date_is_a_tally(text: str, modality: str) -> None:
    [claims] = analyse([text])
    [claim] = [c for c in claims if c.kind == "killed"]
    assert claim.modality == modality

"""Accept, edit, reject, merge and split on SQLite and PostgreSQL; reviewed values survive re-extraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tacitus.errors import StoreError
from tacitus.model import Claim
from tacitus.review import ReviewError, ReviewService, parse_ref
from tacitus.store.sql import SqlAccess

if TYPE_CHECKING:
    from tacitus.store.sql import SqlRepository


def _first_claim(repo: SqlRepository) -> tuple[str, Claim]:
    for result in repo.iter_results():
        if result.claims:
            return f"{result.document.id}:c0", result.claims[0]
    raise AssertionError("the examples have claims")


def test_parse_ref() -> None:
    assert str(parse_ref("abc:c3")) == "abc:c3"
    assert parse_ref("a:b:e0").doc_id == "a:b"
    for bad in ("abc", "abc:x1", "abc:c", ":c1", "abc:c1x"):
        with pytest.raises(ValueError, match="record reference"):
            parse_ref(bad)


def test_accept_edit_reject_are_audited_and_keep_evidence(repo: SqlRepository) -> None:
    service = ReviewService(repo)
    ref, machine = _first_claim(repo)
    accepted = service.review(ref, "accept", "alice", "read the article")
    assert accepted.status == "accepted" and accepted.value == machine
    edited = service.review(ref, "edit", "bob", "toll was revised", {"best": 42, "modality": "alleged"})
    assert isinstance(edited.value, Claim)
    assert edited.value.best == 42 and edited.value.modality == "alleged"
    assert edited.value.evidence == machine.evidence
    text = repo.get_document(parse_ref(ref).doc_id).text  # type: ignore[union-attr]
    assert text[edited.value.evidence.start : edited.value.evidence.end] == edited.value.evidence.text
    rejected = service.review(ref, "reject", "carol", "not a casualty figure")
    assert rejected.value is None and rejected.status == "rejected"

    trail = service.audit(accepted.key)
    assert [(e.who, e.action) for e in trail] == [("alice", "accept"), ("bob", "edit"), ("carol", "reject")]
    assert trail[1].before == machine.model_dump(mode="json")
    assert trail[1].after is not None and trail[1].after["best"] == 42
    assert trail[2].after is None and trail[2].why == "not a casualty figure"


def test_invalid_edits_are_refused(repo: SqlRepository) -> None:
    service = ReviewService(repo)
    ref, _ = _first_claim(repo)
    for changes, message in (
        ({}, "at least one field"),
        ({"evidence": None}, "evidence span cannot be edited"),
        ({"modality": "certain"}, "invalid edit"),
        ({"no_such_field": 1}, "invalid edit"),
    ):
        with pytest.raises(ReviewError, match=message):
            service.review(ref, "edit", "alice", "", changes)
    with pytest.raises(ReviewError, match="does not exist"):
        service.review(ref.rsplit(":", 1)[0] + ":c999", "accept", "alice")
    assert service.audit() == []


def test_audit_is_append_only(repo: SqlRepository) -> None:
    service = ReviewService(repo)
    ref, _ = _first_claim(repo)
    service.review(ref, "accept", "alice")
    for statement in ("UPDATE review_audit SET who = 'mallory'", "DELETE FROM review_audit"):
        with pytest.raises(StoreError, match="append-only"), SqlAccess(repo).transaction("tamper") as w:
            w.execute(statement)
    assert service.audit()[0].who == "alice"


def test_reviewed_value_wins_over_reextraction_and_change_is_flagged(repo: SqlRepository) -> None:
    service = ReviewService(repo)
    ref, machine = _first_claim(repo)
    doc_id = parse_ref(ref).doc_id
    service.review(ref, "edit", "alice", "checked", {"best": 7})
    assert service.flags() == []

    result = repo.get_result(doc_id)
    assert result is not None
    changed = machine.model_copy(update={"best": 1000.0})
    rerun = result.model_copy(update={"claims": [changed, *result.claims[1:]]})
    assert repo.store_document(result.document, rerun, repo.start_run("re-extract", {}, {})) == "unchanged"

    again = service.reviewed(ref)
    assert isinstance(again.machine, Claim) and again.machine.best == 1000.0
    assert isinstance(again.value, Claim) and again.value.best == 7  # the reviewed value wins
    assert again.changed
    flags = service.flags()
    assert [(f["kind"], f["problem"]) for f in flags] == [("claim", "machine_changed")]
    assert flags[0]["machine"]["best"] == 1000.0


def test_merge_then_split(repo: SqlRepository) -> None:
    service = ReviewService(repo)
    incidents = sorted(repo.iter_incidents(), key=lambda i: i.id)
    a, b = incidents[0], incidents[1]
    merged = service.merge(a.id, b.id, "alice", "same strike")
    assert set(merged.documents) == set(a.documents) | set(b.documents)
    assert set(merged.events) == set(a.events) | set(b.events)
    assert merged.id.startswith("rev-")
    with pytest.raises(ReviewError, match="no incident"):
        service.merge("inc-missing", a.id, "alice")

    moved = [d for d in merged.documents if d in b.documents and d not in a.documents]
    parts = service.split(merged.id, moved, "bob", "two different strikes after all")
    assert [set(p.documents) for p in parts] == [set(moved), set(merged.documents) - set(moved)]
    trail = service.audit()
    assert [e.action for e in trail] == ["merge", "split"]
    with pytest.raises(ReviewError, match="leave at least one"):
        service.split(parts[0].id, parts[0].documents, "bob")


def test_tokens_are_hashed_and_revocable(repo: SqlRepository) -> None:
    from tacitus.store.tokens import create_token, list_tokens, revoke_token, verify_token

    info, secret = create_token(repo, "alice", "analyst")
    row = SqlAccess(repo).one("SELECT token_hash FROM api_tokens")
    assert row is not None
    stored = row["token_hash"]
    assert secret not in stored and len(stored) == 64
    assert verify_token(repo, secret) == info
    assert verify_token(repo, secret + "x") is None
    with pytest.raises(StoreError, match="exists"):
        create_token(repo, "alice", "reader")
    with pytest.raises(StoreError, match="role must be"):
        create_token(repo, "bob", "root")
    assert revoke_token(repo, "alice") and not revoke_token(repo, "alice")
    assert verify_token(repo, secret) is None
    assert list_tokens(repo)[0].revoked_at is not None

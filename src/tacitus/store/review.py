"""Persistence of analyst review (migration 0003): overrides, reviewed incidents and the audit trail.

Why separate tables: the machine rows (``claims``, ``events``, ``incidents``) are replaced wholesale by
re-extraction and re-linking. Reviews kept beside them survive that, and the audit table is append-only
(triggers refuse UPDATE and DELETE), so the record of who changed what cannot be rewritten through SQL
short of dropping the table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, Literal

from tacitus.model import Incident, Record
from tacitus.store.sqlite import SQLiteRepository

Status = Literal["accepted", "edited", "rejected"]


class Override(Record):
    """An analyst's verdict on one claim or event, with the machine value it was made on."""

    target_kind: Literal["claim", "event"]
    review_key: str
    doc_id: str
    status: Status
    machine: dict[str, Any]
    value: dict[str, Any] | None = None
    reviewer: str
    reviewed_at: str
    reason: str = ""


class AuditEntry(Record):
    """One change: who, when, what, the value before and after, and why."""

    id: int
    at: str
    who: str
    action: str
    target_kind: str
    target: str
    before: Any = None
    after: Any = None
    why: str = ""


class ReviewedIncident(Record):
    """An incident an analyst made by merging or splitting, with the member keys it was built from."""

    id: str
    incident: Incident
    members: list[str]
    fingerprint: str
    active: bool
    reviewer: str
    reviewed_at: str
    reason: str = ""


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def append_audit(
    conn: sqlite3.Connection,
    at: str,
    who: str,
    action: str,
    target_kind: str,
    target: str,
    before: Any,
    after: Any,
    why: str,
) -> None:
    """Append one audit row (call inside the transaction that makes the change)."""
    conn.execute(
        "INSERT INTO review_audit (at, who, action, target_kind, target, before, after, why)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (at, who, action, target_kind, target, _dump(before), _dump(after), why),
    )


def put_override(conn: sqlite3.Connection, override: Override) -> None:
    """Insert or replace the verdict on one record (the latest review wins; the audit keeps them all)."""
    conn.execute(
        "INSERT INTO review_overrides (target_kind, review_key, doc_id, status, machine, value, reviewer,"
        " reviewed_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (target_kind, review_key) DO UPDATE SET status = excluded.status,"
        " machine = excluded.machine, value = excluded.value, reviewer = excluded.reviewer,"
        " reviewed_at = excluded.reviewed_at, reason = excluded.reason",
        (
            override.target_kind,
            override.review_key,
            override.doc_id,
            override.status,
            _dump(override.machine),
            _dump(override.value),
            override.reviewer,
            override.reviewed_at,
            override.reason,
        ),
    )


def _override(row: sqlite3.Row) -> Override:
    fields = dict(row)
    fields["machine"] = _load(fields["machine"])
    fields["value"] = _load(fields["value"])
    return Override.model_validate(fields)


def get_override(repo: SQLiteRepository, target_kind: str, key: str) -> Override | None:
    """The verdict on one record by its review key, or None."""
    row = (
        repo.connection()
        .execute(
            "SELECT * FROM review_overrides WHERE target_kind = ? AND review_key = ?", (target_kind, key)
        )
        .fetchone()
    )
    return _override(row) if row is not None else None


def list_overrides(repo: SQLiteRepository, doc_id: str | None = None) -> list[Override]:
    """Every verdict (of one document when ``doc_id`` is given), by key."""
    if doc_id is None:
        rows = repo.connection().execute("SELECT * FROM review_overrides ORDER BY target_kind, review_key")
    else:
        rows = repo.connection().execute(
            "SELECT * FROM review_overrides WHERE doc_id = ? ORDER BY target_kind, review_key", (doc_id,)
        )
    return [_override(row) for row in rows]


def iter_audit(
    repo: SQLiteRepository, target: str | None = None, limit: int = 1000, offset: int = 0
) -> list[AuditEntry]:
    """Audit rows, oldest first; ``target`` narrows to one record key or incident id."""
    sql = "SELECT * FROM review_audit"
    params: list[Any] = []
    if target is not None:
        sql += " WHERE target = ?"
        params.append(target)
    sql += " ORDER BY id LIMIT ? OFFSET ?"
    params += [limit, offset]
    out: list[AuditEntry] = []
    for row in repo.connection().execute(sql, params):
        fields = dict(row)
        fields["before"] = _load(fields["before"])
        fields["after"] = _load(fields["after"])
        out.append(AuditEntry.model_validate(fields))
    return out


def save_reviewed_incident(
    conn: sqlite3.Connection,
    incident: Incident,
    members: Sequence[str],
    fingerprint: str,
    reviewer: str,
    at: str,
    reason: str,
) -> None:
    """Store (or re-activate) an incident made by an analyst."""
    conn.execute(
        "INSERT INTO reviewed_incidents (id, record, members, fingerprint, active, reviewer, reviewed_at,"
        " reason) VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET record = excluded.record,"
        " members = excluded.members, fingerprint = excluded.fingerprint, active = 1,"
        " reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at, reason = excluded.reason",
        (incident.id, incident.model_dump_json(), _dump(list(members)), fingerprint, reviewer, at, reason),
    )


def deactivate_reviewed_incident(conn: sqlite3.Connection, incident_id: str) -> None:
    """Retire a reviewed incident that a later merge or split replaced."""
    conn.execute("UPDATE reviewed_incidents SET active = 0 WHERE id = ?", (incident_id,))


def _reviewed(row: sqlite3.Row) -> ReviewedIncident:
    return ReviewedIncident(
        id=row["id"],
        incident=Incident.model_validate_json(row["record"]),
        members=_load(row["members"]),
        fingerprint=row["fingerprint"],
        active=bool(row["active"]),
        reviewer=row["reviewer"],
        reviewed_at=row["reviewed_at"],
        reason=row["reason"],
    )


def get_reviewed_incident(repo: SQLiteRepository, incident_id: str) -> ReviewedIncident | None:
    """One analyst-made incident (active or retired), or None."""
    row = (
        repo.connection().execute("SELECT * FROM reviewed_incidents WHERE id = ?", (incident_id,)).fetchone()
    )
    return _reviewed(row) if row is not None else None


def active_reviewed_incidents(repo: SQLiteRepository) -> list[ReviewedIncident]:
    """The analyst-made incidents currently in force, by id."""
    rows = repo.connection().execute("SELECT * FROM reviewed_incidents WHERE active = 1 ORDER BY id")
    return [_reviewed(row) for row in rows]


#: The incidents the API shows: machine incidents none of whose events or claims an analyst regrouped,
#: plus the active analyst-made ones. Used as a CTE (``WITH live AS (...)``) with columns
#: ``id, record, origin``.
LIVE_INCIDENTS_SQL = (
    "WITH reviewed_members AS ("
    " SELECT j.value AS member FROM reviewed_incidents r, json_each(r.members) j WHERE r.active = 1),"
    " live AS ("
    " SELECT i.id AS id, i.record AS record, 'machine' AS origin FROM incidents i"
    " WHERE NOT EXISTS (SELECT 1 FROM json_each(i.record, '$.events') je"
    "  WHERE je.value IN (SELECT member FROM reviewed_members))"
    " AND NOT EXISTS (SELECT 1 FROM json_each(i.record, '$.claims') jc"
    "  WHERE jc.value IN (SELECT member FROM reviewed_members))"
    " UNION ALL"
    " SELECT r.id, r.record, 'reviewed' FROM reviewed_incidents r WHERE r.active = 1)"
)

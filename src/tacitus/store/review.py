"""Persistence of analyst review (migration 0003): overrides, reviewed incidents and the audit trail.

Why separate tables: the machine rows (``claims``, ``events``, ``incidents``) are replaced wholesale by
re-extraction and re-linking. Reviews kept beside them survive that, and the audit table is append-only
(triggers refuse UPDATE and DELETE), so the record of who changed what cannot be rewritten through SQL
short of dropping the table.

Both backends: the statements go through :mod:`tacitus.store.sql` (``?`` placeholders, dict rows, JSON
columns decoded whichever way the backend returns them); the write functions take the
:class:`~tacitus.store.sql.Writer` of the caller's transaction, so a change and its audit row commit
together.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from tacitus.model import Incident, Record
from tacitus.store.sql import Dialect, SqlAccess, Writer, access, dump_json

if TYPE_CHECKING:
    from tacitus.store.sql import ReviewStore

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


def append_audit(
    conn: Writer,
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
        (at, who, action, target_kind, target, dump_json(before), dump_json(after), why),
    )


def put_override(conn: Writer, override: Override) -> None:
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
            dump_json(override.machine),
            dump_json(override.value),
            override.reviewer,
            override.reviewed_at,
            override.reason,
        ),
    )


def _override(db: SqlAccess, row: dict[str, Any]) -> Override:
    row["machine"] = db.load_json(row["machine"])
    row["value"] = db.load_json(row["value"])
    return Override.model_validate(row)


def get_override(repo: ReviewStore, target_kind: str, key: str) -> Override | None:
    """The verdict on one record by its review key, or None."""
    db = access(repo)
    row = db.one(
        "SELECT * FROM review_overrides WHERE target_kind = ? AND review_key = ?", (target_kind, key)
    )
    return _override(db, row) if row is not None else None


def list_overrides(repo: ReviewStore, doc_id: str | None = None) -> list[Override]:
    """Every verdict (of one document when ``doc_id`` is given), by key."""
    db = access(repo)
    if doc_id is None:
        rows = db.rows("SELECT * FROM review_overrides ORDER BY target_kind, review_key")
    else:
        rows = db.rows(
            "SELECT * FROM review_overrides WHERE doc_id = ? ORDER BY target_kind, review_key", (doc_id,)
        )
    return [_override(db, row) for row in rows]


def iter_audit(
    repo: ReviewStore, target: str | None = None, limit: int = 1000, offset: int = 0
) -> list[AuditEntry]:
    """Audit rows, oldest first; ``target`` narrows to one record key or incident id."""
    db = access(repo)
    sql = "SELECT * FROM review_audit"
    params: list[Any] = []
    if target is not None:
        sql += " WHERE target = ?"
        params.append(target)
    sql += " ORDER BY id LIMIT ? OFFSET ?"
    params += [limit, offset]
    out: list[AuditEntry] = []
    for row in db.rows(sql, params):
        row["before"] = db.load_json(row["before"])
        row["after"] = db.load_json(row["after"])
        out.append(AuditEntry.model_validate(row))
    return out


def save_reviewed_incident(
    conn: Writer,
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
        (
            incident.id,
            incident.model_dump_json(),
            dump_json(list(members)),
            fingerprint,
            reviewer,
            at,
            reason,
        ),
    )


def deactivate_reviewed_incident(conn: Writer, incident_id: str) -> None:
    """Retire a reviewed incident that a later merge or split replaced."""
    conn.execute("UPDATE reviewed_incidents SET active = 0 WHERE id = ?", (incident_id,))


def _reviewed(db: SqlAccess, row: dict[str, Any]) -> ReviewedIncident:
    return ReviewedIncident(
        id=row["id"],
        incident=Incident.model_validate(db.load_json(row["record"])),
        members=db.load_json(row["members"]),
        fingerprint=row["fingerprint"],
        active=bool(row["active"]),
        reviewer=row["reviewer"],
        reviewed_at=row["reviewed_at"],
        reason=row["reason"],
    )


def get_reviewed_incident(repo: ReviewStore, incident_id: str) -> ReviewedIncident | None:
    """One analyst-made incident (active or retired), or None."""
    db = access(repo)
    row = db.one("SELECT * FROM reviewed_incidents WHERE id = ?", (incident_id,))
    return _reviewed(db, row) if row is not None else None


def active_reviewed_incidents(repo: ReviewStore) -> list[ReviewedIncident]:
    """The analyst-made incidents currently in force, by id."""
    db = access(repo)
    return [
        _reviewed(db, row) for row in db.rows("SELECT * FROM reviewed_incidents WHERE active = 1 ORDER BY id")
    ]


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

#: The same CTE for PostgreSQL, where the JSON columns are JSONB.
LIVE_INCIDENTS_SQL_PG = (
    "WITH reviewed_members AS ("
    " SELECT j.member FROM reviewed_incidents r, jsonb_array_elements_text(r.members) AS j(member)"
    " WHERE r.active = 1),"
    " live AS ("
    " SELECT i.id AS id, i.record AS record, 'machine' AS origin FROM incidents i"
    " WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(i.record -> 'events') AS je(member)"
    "  WHERE je.member IN (SELECT member FROM reviewed_members))"
    " AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(i.record -> 'claims') AS jc(member)"
    "  WHERE jc.member IN (SELECT member FROM reviewed_members))"
    " UNION ALL"
    " SELECT r.id, r.record, 'reviewed' FROM reviewed_incidents r WHERE r.active = 1)"
)


def live_incidents_sql(dialect: Dialect) -> str:
    """The live-incidents CTE in ``dialect``."""
    return LIVE_INCIDENTS_SQL if dialect == "sqlite" else LIVE_INCIDENTS_SQL_PG

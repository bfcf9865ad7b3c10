"""The review operations analysts run from the API or the CLI, each with its audit row.

Why a service over the store: every change must do three things in one transaction (read the value it
changes, write the new verdict, append who/when/what/before/after/why), and the API and the CLI must do
them identically. Reviewed values win over machine values when read (:meth:`ReviewService.effective`);
when the machine later finds a different value for a reviewed record, the record is flagged
(:meth:`ReviewService.flags`) instead of silently changing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from tacitus.errors import TacitusError
from tacitus.link.duplicates import DuplicateIndex
from tacitus.link.linker import LinkConfig
from tacitus.link.mention import Mention, mentions_of
from tacitus.link.reconcile import Reconciler
from tacitus.model import Claim, DocumentResult, Event, Incident
from tacitus.review.keys import RecordRef, TargetKind, parse_ref, review_key
from tacitus.store import review as store
from tacitus.store.review import AuditEntry, Override, Status
from tacitus.store.sql import SqlAccess
from tacitus.store.sql_repository import content_hash_of

if TYPE_CHECKING:
    from tacitus.store.sql import SqlRepository

log = logging.getLogger(__name__)

Verdict = Literal["accept", "edit", "reject"]
_STATUS: dict[Verdict, Status] = {"accept": "accepted", "edit": "edited", "reject": "rejected"}


class ReviewError(TacitusError):
    """A review that cannot be done as asked (unknown record, invalid edit, ...); ``code`` for the API."""

    def __init__(self, message: str, code: str = "invalid_review", status: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclasses.dataclass(frozen=True)
class Reviewed:
    """A record as the API shows it: the effective value, its machine value and the verdict, if any."""

    ref: str
    key: str
    machine: Claim | Event
    value: Claim | Event | None
    status: Status | None
    changed: bool

    def review_json(self) -> dict[str, Any] | None:
        if self.status is None:
            return None
        return {"status": self.status, "key": self.key, "machine_changed": self.changed}


class ReviewService:
    """Review operations on one repository (open one service per request or command)."""

    def __init__(self, repo: SqlRepository) -> None:
        self.repo = repo
        self.db = SqlAccess(repo)

    # ------------------------------------------------------------------------------- claims and events
    def _machine(self, ref: RecordRef) -> tuple[DocumentResult, Claim | Event]:
        result = self.repo.get_result(ref.doc_id)
        if result is None:
            raise ReviewError(f"no document {ref.doc_id!r} in the store", "not_found", 404)
        records: Sequence[Claim | Event] = result.claims if ref.kind == "claim" else result.events
        if not 0 <= ref.index < len(records):
            raise ReviewError(
                f"document {ref.doc_id} has {len(records)} {ref.kind}s; {ref} does not exist",
                "not_found",
                404,
            )
        return result, records[ref.index]

    def reviewed(self, ref: RecordRef | str) -> Reviewed:
        """One claim or event with its verdict applied."""
        ref = parse_ref(ref) if isinstance(ref, str) else ref
        result, machine = self._machine(ref)
        key = review_key(ref.kind, ref.doc_id, content_hash_of(result.document), machine)
        return self._apply(str(ref), key, machine, store.get_override(self.db, ref.kind, key))

    @staticmethod
    def _apply(ref: str, key: str, machine: Claim | Event, override: Override | None) -> Reviewed:
        if override is None:
            return Reviewed(ref, key, machine, machine, None, False)
        changed = machine.model_dump(mode="json") != override.machine
        value: Claim | Event | None = None
        if override.value is not None:
            value = type(machine).model_validate(override.value)
        return Reviewed(ref, key, machine, value, override.status, changed)

    def effective(self, result: DocumentResult) -> tuple[list[Reviewed], list[Reviewed]]:
        """A document's claims and events with every verdict applied (rejected ones have no value)."""
        digest = content_hash_of(result.document)
        overrides = {
            (o.target_kind, o.review_key): o for o in store.list_overrides(self.db, result.document.id)
        }
        out: dict[TargetKind, list[Reviewed]] = {"claim": [], "event": []}
        groups: tuple[tuple[TargetKind, Sequence[Claim | Event]], ...] = (
            ("claim", result.claims),
            ("event", result.events),
        )
        for target, records in groups:
            for i, record in enumerate(records):
                key = review_key(target, result.document.id, digest, record)
                ref = f"{result.document.id}:{target[0]}{i}"
                out[target].append(self._apply(ref, key, record, overrides.get((target, key))))
        return out["claim"], out["event"]

    def review(
        self,
        ref: RecordRef | str,
        verdict: Verdict,
        who: str,
        why: str = "",
        changes: Mapping[str, Any] | None = None,
    ) -> Reviewed:
        """Accept, edit or reject one claim or event; the evidence span itself cannot be edited."""
        ref = parse_ref(ref) if isinstance(ref, str) else ref
        current = self.reviewed(ref)
        machine_json = current.machine.model_dump(mode="json")
        before = None if current.value is None else current.value.model_dump(mode="json")
        after: dict[str, Any] | None
        if verdict == "reject":
            after = None
        elif verdict == "accept":
            after = before if before is not None else machine_json
        else:
            after = self._edited(current, changes or {})
        status = _STATUS[verdict]
        override = Override(
            target_kind=ref.kind,
            review_key=current.key,
            doc_id=ref.doc_id,
            status=status,
            machine=machine_json,
            value=after,
            reviewer=who,
            reviewed_at=self.repo.now(),
            reason=why,
        )
        with self.db.transaction(f"review {ref}") as conn:
            store.put_override(conn, override)
            store.append_audit(
                conn, override.reviewed_at, who, verdict, ref.kind, current.key, before, after, why
            )
        log.info("%s %s %s (%s)", who, status, ref, current.key)
        return self._apply(str(ref), current.key, current.machine, override)

    @staticmethod
    def _edited(current: Reviewed, changes: Mapping[str, Any]) -> dict[str, Any]:
        if not changes:
            raise ReviewError("an edit needs at least one field to change")
        if "evidence" in changes:
            raise ReviewError("the evidence span cannot be edited: reject the record instead")
        base = (current.value or current.machine).model_dump(mode="json")
        try:
            edited = type(current.machine).model_validate({**base, **dict(changes)})
        except ValidationError as exc:
            raise ReviewError(f"invalid edit: {exc.errors(include_url=False)}") from exc
        return edited.model_dump(mode="json")

    # ------------------------------------------------------------------------------- incidents
    def _incident(self, incident_id: str) -> Incident:
        reviewed = store.get_reviewed_incident(self.db, incident_id)
        if reviewed is not None and reviewed.active:
            return reviewed.incident
        incident = self.repo.get_incident(incident_id)
        if incident is None:
            raise ReviewError(f"no incident {incident_id!r}", "not_found", 404)
        return incident

    def _results(self, doc_ids: Sequence[str]) -> dict[str, DocumentResult]:
        """The documents' results with edited claim and event values in place of the machine's."""
        out: dict[str, DocumentResult] = {}
        for doc_id in dict.fromkeys(doc_ids):
            result = self.repo.get_result(doc_id)
            if result is None:
                raise ReviewError(
                    f"incident names document {doc_id!r}, which is not in the store", "not_found", 404
                )
            claims, events = self.effective(result)
            out[doc_id] = result.model_copy(
                update={
                    "claims": [r.value or r.machine for r in claims],
                    "events": [r.value or r.machine for r in events],
                }
            )
        return out

    def _mentions(self, incident: Incident, results: Mapping[str, DocumentResult]) -> list[Mention]:
        """The mentions that make up an incident, without the claims an analyst rejected."""
        events = set(incident.events)
        docs_with_events = {key.rpartition(":")[0] for key in events}
        mentions: list[Mention] = []
        for doc_id in incident.documents:
            result = results[doc_id]
            claims, _ = self.effective(self.repo.get_result(doc_id) or result)
            rejected = {i for i, r in enumerate(claims) if r.status == "rejected"}
            for mention in mentions_of(result, fallback=LinkConfig().fallback):
                member = bool(set(mention.event_keys) & events) or (
                    not mention.event_indexes and doc_id not in docs_with_events
                )
                if member:
                    kept = tuple(i for i in mention.claim_indexes if i not in rejected)
                    mentions.append(dataclasses.replace(mention, claim_indexes=kept))
        return mentions

    def _reconcile(self, mentions: Sequence[Mention], results: Mapping[str, DocumentResult]) -> Incident:
        duplicates = DuplicateIndex()
        for doc_id in sorted({m.doc_id for m in mentions}):
            duplicates.add(doc_id, results[doc_id].document.text)
        return Reconciler(results, duplicates).incident(mentions)

    def _fingerprint(self, incident: Incident) -> str:
        """A hash of the member records' current machine values: it changes when re-extraction does."""
        digest = hashlib.sha256()
        for doc_id in incident.documents:
            result = self.repo.get_result(doc_id)
            if result is None:
                digest.update(f"missing:{doc_id}".encode())
                continue
            digest.update(content_hash_of(result.document).encode())
            for key in (*incident.events, *incident.claims):
                owner, _, tail = key.rpartition(":")
                if owner != doc_id or not tail[1:].isdigit():
                    continue
                records: Sequence[Claim | Event] = result.events if tail[0] == "e" else result.claims
                index = int(tail[1:])
                if index < len(records):
                    digest.update(records[index].model_dump_json().encode())
        return digest.hexdigest()

    def _save(
        self,
        made: Sequence[Incident],
        retired: Sequence[str],
        action: str,
        who: str,
        why: str,
        before: Any,
    ) -> None:
        now = self.repo.now()
        with self.db.transaction(action) as conn:
            for incident_id in retired:
                store.deactivate_reviewed_incident(conn, incident_id)
            for incident in made:
                members = sorted({*incident.events, *incident.claims})
                store.save_reviewed_incident(
                    conn, incident, members, self._fingerprint(incident), who, now, why
                )
            after = [i.model_dump(mode="json") for i in made]
            target = ",".join(retired) if retired else ",".join(i.id for i in made)
            store.append_audit(conn, now, who, action, "incident", target, before, after, why)

    def merge(self, first: str, second: str, who: str, why: str = "") -> Incident:
        """Merge two incidents into one, reconciling its figures again from all their claims."""
        if first == second:
            raise ReviewError("cannot merge an incident with itself")
        a, b = self._incident(first), self._incident(second)
        results = self._results([*a.documents, *b.documents])
        mentions = {m.key: m for m in [*self._mentions(a, results), *self._mentions(b, results)]}
        merged = self._reconcile(list(mentions.values()), results)
        merged = merged.model_copy(update={"id": "rev-" + merged.id.removeprefix("inc-")})
        before = [a.model_dump(mode="json"), b.model_dump(mode="json")]
        self._save([merged], [first, second], "merge", who, why, before)
        return merged

    def split(self, incident_id: str, documents: Sequence[str], who: str, why: str = "") -> list[Incident]:
        """Split the reports of ``documents`` off an incident into an incident of their own."""
        incident = self._incident(incident_id)
        moving = set(documents)
        unknown = moving - set(incident.documents)
        if not moving or unknown:
            raise ReviewError(
                f"split needs documents of incident {incident_id}; not in it: {sorted(unknown)}"
                if unknown
                else "split needs at least one document to move out"
            )
        if moving == set(incident.documents):
            raise ReviewError("split must leave at least one document in the incident")
        results = self._results(incident.documents)
        mentions = self._mentions(incident, results)
        parts = [
            [m for m in mentions if m.doc_id in moving],
            [m for m in mentions if m.doc_id not in moving],
        ]
        if not all(parts):
            raise ReviewError("both sides of the split need at least one report of the occurrence")
        made = [self._reconcile(part, results) for part in parts]
        made = [i.model_copy(update={"id": "rev-" + i.id.removeprefix("inc-")}) for i in made]
        self._save(made, [incident_id], "split", who, why, [incident.model_dump(mode="json")])
        return made

    # ------------------------------------------------------------------------------- reading the trail
    def audit(self, target: str | None = None, limit: int = 1000, offset: int = 0) -> list[AuditEntry]:
        """The audit trail, oldest first (of one record key or incident id when given)."""
        return store.iter_audit(self.db, target, limit, offset)

    def flags(self) -> list[dict[str, Any]]:
        """Reviews the machine has moved away from: changed values, vanished records, changed incidents."""
        current: dict[tuple[str, str], Claim | Event] = {}
        flagged: list[dict[str, Any]] = []
        for override in store.list_overrides(self.db):
            result = self.repo.get_result(override.doc_id)
            if result is not None and (override.target_kind, override.review_key) not in current:
                digest = content_hash_of(result.document)
                groups: tuple[tuple[TargetKind, Sequence[Claim | Event]], ...] = (
                    ("claim", result.claims),
                    ("event", result.events),
                )
                for kind, records in groups:
                    for record in records:
                        current.setdefault(
                            (kind, review_key(kind, result.document.id, digest, record)), record
                        )
            machine = current.get((override.target_kind, override.review_key))
            if machine is None:
                flagged.append(
                    {"kind": override.target_kind, "key": override.review_key, "problem": "missing"}
                )
            elif machine.model_dump(mode="json") != override.machine:
                flagged.append(
                    {
                        "kind": override.target_kind,
                        "key": override.review_key,
                        "problem": "machine_changed",
                        "machine": machine.model_dump(mode="json"),
                        "reviewed": override.value,
                    }
                )
        for reviewed in store.active_reviewed_incidents(self.db):
            if self._fingerprint(reviewed.incident) != reviewed.fingerprint:
                flagged.append({"kind": "incident", "key": reviewed.id, "problem": "machine_changed"})
        return flagged

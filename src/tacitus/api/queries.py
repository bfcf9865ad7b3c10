"""The SQL behind the list endpoints: filters analysts use, over reviewed values, parameterised only.

Why filter on ``json_extract`` of the effective record rather than on the scalar columns: an analyst's edit
(a corrected type, a moved place) lives in ``review_overrides``, not in the machine row, and a filter must
see the reviewed value. Every value a client sends goes in as a ``?`` parameter; the only SQL text built
from input is chosen from fixed dictionaries (sort orders, JSON paths).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.api.errors import ApiError
from tacitus.review.keys import key_sql
from tacitus.store.review import LIVE_INCIDENTS_SQL
from tacitus.store.sqlite import SQLiteRepository

#: Most documents a full-text filter may match (a filter, not a ranking: the page is sorted otherwise).
MAX_TEXT_MATCHES = 10_000


@dataclass
class Filters:
    """Filters common to claims, events and incidents (None = not filtered)."""

    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    sub_type: str | None = None
    kind: str | None = None
    actor: str | None = None
    modality: str | None = None
    min_sources: int | None = None
    q: str | None = None
    doc_id: str | None = None
    include_rejected: bool = False


@dataclass
class Where:
    """WHERE clauses and their parameters, built together so they cannot drift apart."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees, or None."""
    if text is None or not text.strip():
        return None
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise ApiError(
            422, "bbox must be four numbers: west,south,east,north", detail={"bbox": text}
        ) from exc
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(
            422, "bbox out of range: -180<=west,east<=180, -90<=south<=north<=90", detail={"bbox": text}
        )
    return west, south, east, north


def _text_matches(repo: SQLiteRepository, query: str) -> str:
    """JSON list of the ids of documents matching a full-text query (store syntax and retry rules)."""
    hits = repo.search(query, limit=MAX_TEXT_MATCHES)
    return json.dumps(sorted({hit.doc_id for hit in hits}))


def _common(where: Where, f: Filters, rec: str, repo: SQLiteRepository, doc_col: str | None) -> None:
    """Filters shared by every record kind; ``rec`` is the SQL expression of the effective record JSON."""
    day = f"json_extract({rec}, '$.date.start')"
    if f.date_from is not None:
        where.add(f"{day} >= ? AND substr({day}, 1, 2) != '--'", f.date_from)
    if f.date_to is not None:
        where.add(f"{day} <= ? AND substr({day}, 1, 2) != '--'", f.date_to + "\uffff")
    if f.bbox is not None:
        west, south, east, north = f.bbox
        lat, lon = f"json_extract({rec}, '$.place.lat')", f"json_extract({rec}, '$.place.lon')"
        where.add(f"{lat} BETWEEN ? AND ?", south, north)
        if west <= east:
            where.add(f"{lon} BETWEEN ? AND ?", west, east)
        else:  # across the antimeridian
            where.add(f"({lon} >= ? OR {lon} <= ?)", west, east)
    if f.country is not None:
        where.add(f"upper(json_extract({rec}, '$.place.country')) = upper(?)", f.country)
    if f.admin1 is not None:
        where.add(f"lower(json_extract({rec}, '$.place.admin1')) = lower(?)", f.admin1)
    if f.q is not None and doc_col is not None:
        where.add(f"{doc_col} IN (SELECT value FROM json_each(?))", _text_matches(repo, f.q))
    if f.doc_id is not None and doc_col is not None:
        where.add(f"{doc_col} = ?", f.doc_id)


def _contains(expr: str) -> str:
    return f"instr(lower(coalesce({expr}, '')), lower(?)) > 0"


@dataclass(frozen=True)
class Page:
    """One page of rows and the total the filters match."""

    rows: list[sqlite3.Row]
    total: int


def _page(
    repo: SQLiteRepository, base: str, where: Where, order: str, limit: int, offset: int, prefix: str = ""
) -> Page:
    conn = repo.connection()
    total = conn.execute(f"{prefix} SELECT count(*) FROM ({base}){where.sql()}", where.params).fetchone()[0]
    rows = conn.execute(
        f"{prefix} SELECT * FROM ({base}){where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    ).fetchall()
    return Page(rows, int(total))


def _order(sort: str, orders: dict[str, str]) -> str:
    if sort not in orders:
        raise ApiError(422, f"sort must be one of {sorted(orders)}", detail={"sort": sort})
    return orders[sort]


_RECORD_BASE = (
    "SELECT x.doc_id AS doc_id, x.idx AS idx, {key} AS review_key, x.record AS machine,"
    " o.status AS status, o.machine AS snapshot,"
    " CASE WHEN o.status IN ('accepted', 'edited') THEN o.value ELSE x.record END AS rec"
    " FROM {table} x JOIN documents d ON d.id = x.doc_id"
    " LEFT JOIN review_overrides o ON o.target_kind = '{kind}' AND o.review_key = {key}"
)
_DAY_ORDER = "coalesce(json_extract(rec, '$.date.start'), '~')"
CLAIM_SORTS = {
    "document": "doc_id, idx",
    "date": f"{_DAY_ORDER}, doc_id, idx",
    "-date": f"{_DAY_ORDER} DESC, doc_id, idx",
    "best": "coalesce(json_extract(rec, '$.best'), -1) DESC, doc_id, idx",
}
EVENT_SORTS = {
    **CLAIM_SORTS,
    "fatalities": "coalesce(json_extract(rec, '$.fatalities.best'), -1) DESC, doc_id, idx",
}
INCIDENT_SORTS = {
    "date": f"{_DAY_ORDER}, id",
    "-date": f"{_DAY_ORDER} DESC, id",
    "killed": "coalesce(json_extract(rec, '$.killed.best'), -1) DESC, id",
    "sources": "json_extract(rec, '$.sources') DESC, id",
    "id": "id",
}


def list_claims(repo: SQLiteRepository, f: Filters, sort: str, limit: int, offset: int) -> Page:
    """Claims with verdicts applied (rejected ones only when asked for)."""
    base = _RECORD_BASE.format(key=key_sql("claim", "x"), table="claims", kind="claim")
    where = Where()
    if not f.include_rejected:
        where.add("(status IS NULL OR status != 'rejected')")
    _common(where, f, "rec", repo, "doc_id")
    if f.kind is not None:
        where.add("json_extract(rec, '$.kind') = ?", f.kind)
    if f.actor is not None:
        where.add(_contains("json_extract(rec, '$.actor')"), f.actor)
    if f.modality is not None:
        where.add("json_extract(rec, '$.modality') = ?", f.modality)
    return _page(repo, base, where, _order(sort, CLAIM_SORTS), limit, offset)


def list_events(repo: SQLiteRepository, f: Filters, sort: str, limit: int, offset: int) -> Page:
    """Events with verdicts applied (rejected ones only when asked for)."""
    base = _RECORD_BASE.format(key=key_sql("event", "x"), table="events", kind="event")
    where = Where()
    if not f.include_rejected:
        where.add("(status IS NULL OR status != 'rejected')")
    _common(where, f, "rec", repo, "doc_id")
    if f.type is not None:
        where.add("json_extract(rec, '$.type') = ?", f.type)
    if f.sub_type is not None:
        where.add("json_extract(rec, '$.sub_type') = ?", f.sub_type)
    if f.actor is not None:
        first, second = _contains("json_extract(rec, '$.actor1')"), _contains("json_extract(rec, '$.actor2')")
        where.add(f"({first} OR {second})", f.actor, f.actor)
    if f.modality is not None:
        where.add("json_extract(rec, '$.modality') = ?", f.modality)
    return _page(repo, base, where, _order(sort, EVENT_SORTS), limit, offset)


def list_incidents(repo: SQLiteRepository, f: Filters, sort: str, limit: int, offset: int) -> Page:
    """Incidents as reviewed: machine ones not regrouped by an analyst, plus the analyst-made ones."""
    base = "SELECT id, record AS rec, origin FROM live"
    where = Where()
    _common(where, f, "rec", repo, None)
    if f.type is not None:
        where.add("json_extract(rec, '$.type') = ?", f.type)
    if f.sub_type is not None:
        where.add("json_extract(rec, '$.sub_type') = ?", f.sub_type)
    if f.actor is not None:
        where.add(
            f"EXISTS (SELECT 1 FROM json_each(rec, '$.actors') a WHERE {_contains('a.value')})", f.actor
        )
    if f.min_sources is not None:
        where.add("json_extract(rec, '$.sources') >= ?", f.min_sources)
    if f.q is not None:
        where.add(
            "EXISTS (SELECT 1 FROM json_each(rec, '$.documents') m WHERE m.value IN"
            " (SELECT value FROM json_each(?)))",
            _text_matches(repo, f.q),
        )
    if f.doc_id is not None:
        where.add("EXISTS (SELECT 1 FROM json_each(rec, '$.documents') m WHERE m.value = ?)", f.doc_id)
    return _page(repo, base, where, _order(sort, INCIDENT_SORTS), limit, offset, LIVE_INCIDENTS_SQL)


def live_incident(repo: SQLiteRepository, incident_id: str) -> sqlite3.Row | None:
    """One incident as the list shows it (a regrouped machine incident is not live)."""
    row: sqlite3.Row | None = (
        repo.connection()
        .execute(
            f"{LIVE_INCIDENTS_SQL} SELECT id, record AS rec, origin FROM live WHERE id = ?", (incident_id,)
        )
        .fetchone()
    )
    return row


def list_documents(
    repo: SQLiteRepository,
    q: str | None,
    source: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
) -> Page:
    """Documents without their text, newest first."""
    base = (
        "SELECT d.pk, d.id, d.version, d.url, d.path, d.title, d.published, d.source, d.language, d.fmt,"
        " d.content_hash, d.ingested_at, length(d.text) AS chars,"
        " (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims,"
        " (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events FROM documents d"
    )
    where = Where()
    if q is not None:
        where.add("id IN (SELECT value FROM json_each(?))", _text_matches(repo, q))
    if source is not None:
        where.add(_contains("source"), source)
    if date_from is not None:
        where.add("published >= ?", date_from)
    if date_to is not None:
        where.add("published <= ?", date_to)
    return _page(repo, base, where, "coalesce(published, '') DESC, pk", limit, offset)


def list_places(repo: SQLiteRepository, f: Filters, name: str | None, limit: int, offset: int) -> Page:
    """Resolved places, one row per gazetteer entry (or name), with how many documents mention them."""
    base = (
        "SELECT coalesce('geonames:' || geonameid, 'name:' || name) AS place_id, name, geonameid,"
        " avg(lat) AS lat, avg(lon) AS lon, country, admin1, admin2, feature_code,"
        " min(precision) AS precision,"
        " count(*) AS mentions, count(DISTINCT doc_id) AS documents,"
        " json_object('place', json_object('lat', avg(lat), 'lon', avg(lon), 'country', country,"
        " 'admin1', admin1)) AS rec"
        " FROM places GROUP BY coalesce('geonames:' || geonameid, 'name:' || name)"
    )
    where = Where()
    _common(where, Filters(bbox=f.bbox, country=f.country, admin1=f.admin1), "rec", repo, None)
    if name is not None:
        where.add(_contains("name"), name)
    return _page(repo, base, where, "documents DESC, place_id", limit, offset)


def list_actors(repo: SQLiteRepository, name: str | None, limit: int, offset: int) -> Page:
    """Canonical actors with how many documents mention them."""
    base = (
        "SELECT name, min(type) AS type, max(parent) AS parent, max(country) AS country,"
        " count(DISTINCT doc_id) AS documents FROM actors GROUP BY name"
    )
    where = Where()
    if name is not None:
        where.add(_contains("name"), name)
    return _page(repo, base, where, "documents DESC, name", limit, offset)


def documents_meta(repo: SQLiteRepository, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Title, url, outlet and date of documents, by id."""
    rows = repo.connection().execute(
        "SELECT id, title, url, source, published FROM documents"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(doc_ids)),),
    )
    return {row["id"]: dict(row) for row in rows}

"""The SQL behind the list endpoints: filters analysts use, over reviewed values, parameterised only.

Why filter on a JSON field of the effective record rather than on the scalar columns: an analyst's edit
(a corrected type, a moved place) lives in ``review_overrides``, not in the machine row, and a filter must
see the reviewed value. Every value a client sends goes in as a ``?`` parameter; the only SQL text built
from input is chosen from fixed dictionaries (sort orders, JSON paths).

Both backends: the queries are written once, and the pieces whose SQL differs between SQLite and
PostgreSQL (JSON fields, JSON arrays, substring and full-text matching, byte-order sorting) come from
:class:`tacitus.store.sql.SqlAccess`. Rows come back as dicts with the JSON columns decoded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tacitus.api.errors import ApiError
from tacitus.review.keys import key_sql
from tacitus.store.review import live_incidents_sql
from tacitus.store.sql import SqlAccess, access

if TYPE_CHECKING:
    from tacitus.store.sql import ReviewStore


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


@dataclass(frozen=True)
class Located:
    """SQL expressions of a row's date, coordinates and admin names, which the shared filters test."""

    day: str | None
    lat: str
    lon: str
    country: str
    admin1: str


def _in_record(db: SqlAccess, rec: str) -> Located:
    """Where a claim, event or incident record keeps its date and place."""
    return Located(
        day=db.json_text(rec, "date", "start"),
        lat=db.json_number(rec, "place", "lat"),
        lon=db.json_number(rec, "place", "lon"),
        country=db.json_text(rec, "place", "country"),
        admin1=db.json_text(rec, "place", "admin1"),
    )


def _common(where: Where, f: Filters, db: SqlAccess, at: Located, doc_col: str | None) -> None:
    """Filters shared by every record kind (dates compare as ISO text, by bytes on either backend)."""
    if at.day is not None:
        day = db.bytewise(at.day)
        if f.date_from is not None:
            where.add(f"{day} >= ? AND substr({at.day}, 1, 2) != '--'", f.date_from)
        if f.date_to is not None:
            # an ISO day, month or year sorts at or before date_to when its first 10 characters do
            where.add(
                f"{db.bytewise(f'substr({at.day}, 1, 10)')} <= ? AND substr({at.day}, 1, 2) != '--'",
                f.date_to,
            )
    if f.bbox is not None:
        west, south, east, north = f.bbox
        where.add(f"{at.lat} BETWEEN ? AND ?", south, north)
        if west <= east:
            where.add(f"{at.lon} BETWEEN ? AND ?", west, east)
        else:  # across the antimeridian
            where.add(f"({at.lon} >= ? OR {at.lon} <= ?)", west, east)
    if f.country is not None:
        where.add(f"upper({at.country}) = upper(?)", f.country)
    if f.admin1 is not None:
        where.add(f"lower({at.admin1}) = lower(?)", f.admin1)
    if f.q is not None and doc_col is not None:
        matches, params = db.text_matches(f.q)
        where.add(f"{doc_col} IN ({matches})", *params)
    if f.doc_id is not None and doc_col is not None:
        where.add(f"{doc_col} = ?", f.doc_id)


@dataclass(frozen=True)
class Page:
    """One page of rows (dicts, JSON columns decoded) and the total the filters match."""

    rows: list[dict[str, Any]]
    total: int


def _page(
    db: SqlAccess,
    base: str,
    where: Where,
    order: str,
    limit: int,
    offset: int,
    prefix: str = "",
    json_columns: Sequence[str] = (),
) -> Page:
    counted = db.one(f"{prefix} SELECT count(*) AS n FROM ({base}) AS page{where.sql()}", where.params)
    rows = db.rows(
        f"{prefix} SELECT * FROM ({base}) AS page{where.sql()} ORDER BY {order} LIMIT ? OFFSET ?",
        [*where.params, limit, offset],
    )
    for row in rows:
        for name in json_columns:
            row[name] = db.load_json(row[name])
    return Page(rows, int(counted["n"]) if counted is not None else 0)


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
_RECORD_JSON = ("machine", "snapshot", "rec")


def _day_order(db: SqlAccess) -> str:
    return f"coalesce({db.bytewise(db.json_text('rec', 'date', 'start'))}, '~')"


def claim_sorts(db: SqlAccess) -> dict[str, str]:
    """ORDER BY clauses of the claim list by sort name; every one ends on the unique (doc_id, idx)."""
    tail = f"{db.bytewise('doc_id')}, idx"
    return {
        "document": tail,
        "date": f"{_day_order(db)}, {tail}",
        "-date": f"{_day_order(db)} DESC, {tail}",
        "best": f"coalesce({db.json_number('rec', 'best')}, -1) DESC, {tail}",
    }


def event_sorts(db: SqlAccess) -> dict[str, str]:
    """ORDER BY clauses of the event list (the claim ones, and by fatalities)."""
    tail = f"{db.bytewise('doc_id')}, idx"
    return {
        **claim_sorts(db),
        "fatalities": f"coalesce({db.json_number('rec', 'fatalities', 'best')}, -1) DESC, {tail}",
    }


def incident_sorts(db: SqlAccess) -> dict[str, str]:
    """ORDER BY clauses of the incident list; every one ends on the unique id."""
    tail = db.bytewise("id")
    return {
        "date": f"{_day_order(db)}, {tail}",
        "-date": f"{_day_order(db)} DESC, {tail}",
        "killed": f"coalesce({db.json_number('rec', 'killed', 'best')}, -1) DESC, {tail}",
        "sources": f"coalesce({db.json_number('rec', 'sources')}, -1) DESC, {tail}",
        "id": tail,
    }


def _not_rejected(where: Where, f: Filters) -> None:
    if not f.include_rejected:
        where.add("(status IS NULL OR status != 'rejected')")


def list_claims(repo: ReviewStore, f: Filters, sort: str, limit: int, offset: int) -> Page:
    """Claims with verdicts applied (rejected ones only when asked for)."""
    db = access(repo)
    base = _RECORD_BASE.format(key=key_sql("claim", "x"), table="claims", kind="claim")
    where = Where()
    _not_rejected(where, f)
    _common(where, f, db, _in_record(db, "rec"), "doc_id")
    if f.kind is not None:
        where.add(f"{db.json_text('rec', 'kind')} = ?", f.kind)
    if f.actor is not None:
        where.add(db.contains(db.json_text("rec", "actor")), f.actor)
    if f.modality is not None:
        where.add(f"{db.json_text('rec', 'modality')} = ?", f.modality)
    order = _order(sort, claim_sorts(db))
    return _page(db, base, where, order, limit, offset, json_columns=_RECORD_JSON)


def list_events(repo: ReviewStore, f: Filters, sort: str, limit: int, offset: int) -> Page:
    """Events with verdicts applied (rejected ones only when asked for)."""
    db = access(repo)
    base = _RECORD_BASE.format(key=key_sql("event", "x"), table="events", kind="event")
    where = Where()
    _not_rejected(where, f)
    _common(where, f, db, _in_record(db, "rec"), "doc_id")
    if f.type is not None:
        where.add(f"{db.json_text('rec', 'type')} = ?", f.type)
    if f.sub_type is not None:
        where.add(f"{db.json_text('rec', 'sub_type')} = ?", f.sub_type)
    if f.actor is not None:
        first = db.contains(db.json_text("rec", "actor1"))
        second = db.contains(db.json_text("rec", "actor2"))
        where.add(f"({first} OR {second})", f.actor, f.actor)
    if f.modality is not None:
        where.add(f"{db.json_text('rec', 'modality')} = ?", f.modality)
    order = _order(sort, event_sorts(db))
    return _page(db, base, where, order, limit, offset, json_columns=_RECORD_JSON)


def list_incidents(repo: ReviewStore, f: Filters, sort: str, limit: int, offset: int) -> Page:
    """Incidents as reviewed: machine ones not regrouped by an analyst, plus the analyst-made ones."""
    db = access(repo)
    base = "SELECT id, record AS rec, origin FROM live"
    where = Where()
    _common(where, f, db, _in_record(db, "rec"), None)
    if f.type is not None:
        where.add(f"{db.json_text('rec', 'type')} = ?", f.type)
    if f.sub_type is not None:
        where.add(f"{db.json_text('rec', 'sub_type')} = ?", f.sub_type)
    if f.actor is not None:
        actors = db.json_elements("rec", "actors", "a")
        where.add(f"EXISTS (SELECT 1 FROM {actors} WHERE {db.contains('a.value')})", f.actor)
    if f.min_sources is not None:
        where.add(f"{db.json_number('rec', 'sources')} >= ?", f.min_sources)
    members = db.json_elements("rec", "documents", "m")
    if f.q is not None:
        matches, params = db.text_matches(f.q)
        where.add(f"EXISTS (SELECT 1 FROM {members} WHERE m.value IN ({matches}))", *params)
    if f.doc_id is not None:
        where.add(f"EXISTS (SELECT 1 FROM {members} WHERE m.value = ?)", f.doc_id)
    order = _order(sort, incident_sorts(db))
    prefix = live_incidents_sql(db.dialect)
    return _page(db, base, where, order, limit, offset, prefix, json_columns=("rec",))


def live_incident(repo: ReviewStore, incident_id: str) -> dict[str, Any] | None:
    """One incident as the list shows it (a regrouped machine incident is not live)."""
    db = access(repo)
    row = db.one(
        f"{live_incidents_sql(db.dialect)} SELECT id, record AS rec, origin FROM live WHERE id = ?",
        (incident_id,),
    )
    if row is not None:
        row["rec"] = db.load_json(row["rec"])
    return row


def has_incidents(repo: ReviewStore) -> bool:
    """True when the store holds a machine incident or an active analyst-made one."""
    row = access(repo).one(
        "SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM reviewed_incidents"
        " WHERE active = 1) AS n"
    )
    return row is not None and int(row["n"]) > 0


def list_documents(
    repo: ReviewStore,
    q: str | None,
    source: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int,
    offset: int,
) -> Page:
    """Documents without their text, newest first."""
    db = access(repo)
    base = (
        "SELECT d.pk, d.id, d.version, d.url, d.path, d.title, d.published, d.source, d.language, d.fmt,"
        " d.content_hash, d.ingested_at, length(d.text) AS chars,"
        " (SELECT count(*) FROM claims c WHERE c.doc_id = d.id) AS claims,"
        " (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events FROM documents d"
    )
    where = Where()
    if q is not None:
        matches, params = db.text_matches(q)
        where.add(f"id IN ({matches})", *params)
    if source is not None:
        where.add(db.contains("source"), source)
    if date_from is not None:
        where.add(f"{db.bytewise('published')} >= ?", date_from)
    if date_to is not None:
        where.add(f"{db.bytewise('published')} <= ?", date_to)
    published = db.bytewise("coalesce(published, '')")
    order = f"{published} DESC, pk"
    return _page(db, base, where, order, limit, offset)


def list_places(repo: ReviewStore, f: Filters, name: str | None, limit: int, offset: int) -> Page:
    """Resolved places, one row per gazetteer entry (or name), with how many documents mention them.

    Columns that may differ between the mentions of one place (the name as written) take their
    smallest value, so the row is the same on every backend and every run.
    """
    db = access(repo)
    place_id = "coalesce('geonames:' || p.geonameid, 'name:' || p.name)"
    base = (
        f"SELECT {place_id} AS place_id, min(p.name) AS name, min(p.geonameid) AS geonameid,"
        " avg(p.lat) AS lat, avg(p.lon) AS lon, min(p.country) AS country, min(p.admin1) AS admin1,"
        " min(p.admin2) AS admin2, min(p.feature_code) AS feature_code, min(p.precision) AS precision,"
        " count(*) AS mentions, count(DISTINCT p.doc_id) AS documents"
        f" FROM places p GROUP BY {place_id}"
    )
    where = Where()
    columns = Located(day=None, lat="lat", lon="lon", country="country", admin1="admin1")
    _common(where, Filters(bbox=f.bbox, country=f.country, admin1=f.admin1), db, columns, None)
    if name is not None:
        where.add(db.contains("name"), name)
    return _page(db, base, where, f"documents DESC, {db.bytewise('place_id')}", limit, offset)


def list_actors(repo: ReviewStore, name: str | None, limit: int, offset: int) -> Page:
    """Canonical actors with how many documents mention them."""
    db = access(repo)
    base = (
        "SELECT name, min(type) AS type, max(parent) AS parent, max(country) AS country,"
        " count(DISTINCT doc_id) AS documents FROM actors GROUP BY name"
    )
    where = Where()
    if name is not None:
        where.add(db.contains("name"), name)
    return _page(db, base, where, f"documents DESC, {db.bytewise('name')}", limit, offset)


def documents_meta(repo: ReviewStore, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Title, url, outlet and date of documents, by id."""
    wanted = list(dict.fromkeys(doc_ids))
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = access(repo).rows(
        f"SELECT id, title, url, source, published FROM documents WHERE id IN ({marks})", wanted
    )
    return {row["id"]: row for row in rows}

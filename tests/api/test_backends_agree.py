"""SQLite and PostgreSQL serve the same answers: every filter, sort and page, before and after review.

Both servers hold the same examples store (the PostgreSQL one is a copy into a fresh schema), so every
list and detail answer must be equal, item for item and in the same order, except the documents'
``ingested_at`` (the copy's time) and floating-point sums compared to 1e-9. The queries exercise every
filter the API has, every sort, and pagination; then the same analyst edits are made on both and the
answers compared again, so reviewed values are filtered the same way too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from .conftest import Server, serve_backend

INCIDENT_QUERIES: list[dict[str, Any]] = [
    {},
    *({"sort": sort} for sort in ("date", "-date", "killed", "sources", "id")),
    {"limit": 2, "offset": 2},
    {"min_sources": 2},
    {"country": "iq"},
    {"admin1": "Nīnawá"},
    {"bbox": "43,34,46,37"},
    {"bbox": "170,-60,-170,60"},  # across the antimeridian
    {"type": "Battles"},
    {"sub_type": "Armed clash"},
    {"actor": "POLICE"},
    {"date_from": "2026-10-01", "date_to": "2026-10-13"},
    {"date_to": "2026-10-01", "sort": "-date"},
    {"q": "Kirkuk"},
    {"q": '"car bomb"'},
    {"q": "drone OR kirkuk"},
    {"q": "kirk*"},
    {"q": "Kirkuk NOT police"},
    {"q": "al-Shifa"},
    {"document": "dea9e48959cd185e"},
    {"country": "IQ", "type": "Explosions/Remote violence", "sort": "killed"},
]
CLAIM_QUERIES: list[dict[str, Any]] = [
    {"limit": 500},
    *({"sort": sort, "limit": 500} for sort in ("document", "date", "-date", "best")),
    {"kind": "killed", "limit": 3, "offset": 3},
    {"modality": "alleged"},
    {"actor": "car"},
    {"date_from": "2026-10-10"},
    {"q": "shells"},
    {"country": "SY"},
    {"bbox": "35,30,40,37"},
    {"document": "dea9e48959cd185e"},
    {"include_rejected": True, "limit": 500},
]
EVENT_QUERIES: list[dict[str, Any]] = [
    {"limit": 500},
    *({"sort": sort, "limit": 500} for sort in ("document", "date", "-date", "best", "fatalities")),
    {"type": "Protests"},
    {"sub_type": "Air/drone strike"},
    {"actor": "forces"},
    {"modality": "asserted", "limit": 4, "offset": 1},
    {"date_from": "2026-10-01", "date_to": "2026-10-31"},
    {"admin1": "kirkūk"},
    {"include_rejected": True, "limit": 500},
]
OTHER_QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("/api/places", {"limit": 500}),
    ("/api/places", {"name": "kirk"}),
    ("/api/places", {"country": "IQ", "limit": 3, "offset": 1}),
    ("/api/places", {"bbox": "43,34,46,37"}),
    ("/api/places", {"admin1": "Nīnawá"}),
    ("/api/actors", {"limit": 500}),
    ("/api/actors", {"name": "forces", "limit": 2, "offset": 1}),
    ("/api/documents", {"limit": 500}),
    ("/api/documents", {"q": "drone"}),
    ("/api/documents", {"source": "tigris"}),
    ("/api/documents", {"date_from": "2026-10-09", "date_to": "2026-10-15"}),
    ("/api/review/flags", {}),
    ("/api/config", {}),
]


@pytest.fixture(scope="module")
def servers(request: pytest.FixtureRequest, examples_db: Path) -> Iterator[tuple[Server, Server]]:
    """The examples store served from SQLite and from PostgreSQL side by side."""
    postgres = serve_backend(request, "postgres", examples_db)
    sqlite = serve_backend(request, "sqlite", examples_db)
    try:
        yield next(sqlite), next(postgres)
    finally:
        for started in (sqlite, postgres):
            started.close()


def _comparable(value: Any) -> Any:
    """The answer with copy-dependent fields dropped and floats rounded (sums differ in the last bit)."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if k != "ingested_at"}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, float):
        return round(value, 9)
    return value


def _get(client: httpx.Client, path: str, params: dict[str, Any]) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, (path, params, response.text)
    return _comparable(response.json())


def _all_queries() -> list[tuple[str, dict[str, Any]]]:
    return [
        *(("/api/incidents", q) for q in INCIDENT_QUERIES),
        *(("/api/claims", q) for q in CLAIM_QUERIES),
        *(("/api/events", q) for q in EVENT_QUERIES),
        *OTHER_QUERIES,
    ]


def _assert_same_everywhere(sqlite: Server, postgres: Server) -> None:
    with sqlite.client() as left, postgres.client() as right:
        for path, params in _all_queries():
            assert _get(left, path, params) == _get(right, path, params), (path, params)
        for item in _get(left, "/api/incidents", {"limit": 500})["items"]:
            detail = f"/api/incidents/{item['id']}"
            assert _get(left, detail, {}) == _get(right, detail, {}), detail
        for item in _get(left, "/api/events", {"limit": 500})["items"][:6]:
            detail = f"/api/events/{item['ref']}"
            assert _get(left, detail, {}) == _get(right, detail, {}), detail
        for doc in _get(left, "/api/documents", {"limit": 500})["items"][:4]:
            detail = f"/api/documents/{doc['id']}"
            assert _get(left, detail, {}) == _get(right, detail, {}), detail


def test_every_filter_sort_and_page_agrees(servers: tuple[Server, Server]) -> None:
    sqlite, postgres = servers
    with sqlite.client() as client:
        non_empty = {
            (path, str(params))
            for path, params in _all_queries()
            if _get(client, path, params).get("items", [None])
        }
    # the battery is only a check when most of its queries find something
    assert len(non_empty) >= len(_all_queries()) - 4
    _assert_same_everywhere(sqlite, postgres)


def test_reviewed_values_are_filtered_alike(servers: tuple[Server, Server]) -> None:
    sqlite, postgres = servers
    for server in (sqlite, postgres):
        auth = {"Authorization": f"Bearer {server.tokens['analyst']}"}
        with server.client() as client:
            claims = client.get("/api/claims", params={"kind": "killed", "limit": 500}).json()["items"]
            events = client.get("/api/events", params={"sort": "document", "limit": 500}).json()["items"]
            edited = client.patch(
                f"/api/claims/{claims[0]['ref']}", json={"changes": {"kind": "injured"}}, headers=auth
            )
            assert edited.status_code == 200, edited.text
            rejected = client.post(f"/api/events/{events[0]['ref']}/reject", json={}, headers=auth)
            assert rejected.status_code == 200, rejected.text
            incidents = client.get("/api/incidents", params={"sort": "id"}).json()["items"]
            merged = client.post(
                "/api/incidents/merge", json={"incidents": [i["id"] for i in incidents[:2]]}, headers=auth
            )
            assert merged.status_code == 200, merged.text
            now_injured = client.get("/api/claims", params={"kind": "injured", "limit": 500}).json()
            assert claims[0]["ref"] in {item["ref"] for item in now_injured["items"]}
            assert events[0]["ref"] not in {
                item["ref"] for item in client.get("/api/events", params={"limit": 500}).json()["items"]
            }
    _assert_same_everywhere(sqlite, postgres)

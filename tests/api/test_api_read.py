"""Read endpoints over a real server and a database built from the sample articles."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import Server


def _error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["message"]
    error: dict[str, Any] = body["error"]
    return error


def test_health_and_openapi(server: Server) -> None:
    with server.client() as client:
        health = client.get("/api/health").json()
        assert health["status"] == "ok"
        assert health["counts"]["documents"] == 10  # the 10 sample articles; examples/README.md is skipped
        assert health["counts"]["incidents"] > 0
        spec = client.get("/openapi.json").json()
    for path in (
        "/api/incidents",
        "/api/claims",
        "/api/events",
        "/api/documents",
        "/api/places",
        "/api/actors",
        "/api/incidents/merge",
        "/api/claims/{ref}/accept",
    ):
        assert path in spec["paths"], path
    assert "min_sources" in {p["name"] for p in spec["paths"]["/api/incidents"]["get"]["parameters"]}


def test_incidents_filters_and_stable_pagination(server: Server) -> None:
    with server.client() as client:
        everything = client.get("/api/incidents", params={"limit": 500}).json()
        total = everything["total"]
        assert total == len(everything["items"]) > 2
        pages: list[str] = []
        offset: int | None = 0
        while offset is not None:
            page = client.get("/api/incidents", params={"limit": 2, "offset": offset}).json()
            pages += [item["id"] for item in page["items"]]
            offset = page["next_offset"]
        assert pages == [item["id"] for item in everything["items"]]

        corroborated = client.get("/api/incidents", params={"min_sources": 2}).json()
        assert 0 < corroborated["total"] < total
        assert all(item["incident"]["sources"] >= 2 for item in corroborated["items"])

        kirkuk = client.get("/api/incidents", params={"q": "Kirkuk"}).json()["items"]
        assert kirkuk and all(
            any(d in item["incident"]["documents"] for d in item["incident"]["documents"]) for item in kirkuk
        )
        iraq = client.get("/api/incidents", params={"country": "IQ"}).json()["items"]
        assert iraq and all(item["incident"]["place"]["country"] == "IQ" for item in iraq)
        box = client.get("/api/incidents", params={"bbox": "43,34,46,37"}).json()["items"]  # around Kirkuk
        assert box and all(43 <= item["incident"]["place"]["lon"] <= 46 for item in box)
        syria = client.get("/api/incidents", params={"country": "SY"}).json()["items"]
        assert {item["id"] for item in syria}.isdisjoint({item["id"] for item in iraq})
        some_type = everything["items"][0]["incident"]["type"]
        typed = client.get("/api/incidents", params={"type": some_type}).json()["items"]
        assert typed and all(item["incident"]["type"] == some_type for item in typed)


def test_incident_detail_lists_claims_with_evidence_in_the_text(server: Server) -> None:
    with server.client() as client:
        items = client.get("/api/incidents", params={"sort": "killed"}).json()["items"]
        detail = client.get(f"/api/incidents/{items[0]['id']}").json()
        assert detail["claims"], detail
        for claim in detail["claims"]:
            evidence = claim["claim"]["evidence"]
            text = client.get(f"/api/documents/{claim['document']}").json()["document"]["text"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
            assert text.find(claim["context"]["before"] + evidence["text"] + claim["context"]["after"]) >= 0
            assert claim["claim"]["modality"] in {"asserted", "alleged", "negated", "generic", "hypothetical"}
            assert claim["source"]["type"]


def test_claims_events_places_actors_documents(server: Server) -> None:
    with server.client() as client:
        killed = client.get("/api/claims", params={"kind": "killed", "limit": 500}).json()
        assert killed["total"] > 0 and all(i["claim"]["kind"] == "killed" for i in killed["items"])
        alleged = client.get("/api/events", params={"modality": "negated"}).json()["items"]
        assert all(i["event"]["modality"] == "negated" for i in alleged)
        dated = client.get("/api/events", params={"date_from": "2026-01-01", "date_to": "2026-12-31"}).json()
        assert all("2026-01-01" <= i["event"]["date"]["start"][:10] <= "2026-12-31" for i in dated["items"])
        ref = client.get("/api/events").json()["items"][0]["ref"]
        assert client.get(f"/api/events/{ref}").json()["ref"] == ref
        places = client.get("/api/places", params={"name": "kirkuk"}).json()["items"]
        assert places and places[0]["documents"] >= 2
        actors = client.get("/api/actors", params={"name": "police"}).json()["items"]
        assert actors and all("police" in a["name"].lower() for a in actors)
        docs = client.get("/api/documents", params={"q": "drone"}).json()["items"]
        assert docs and "text" not in docs[0]


def test_errors_have_one_shape(server: Server) -> None:
    with server.client() as client:
        assert _error(client.get("/api/incidents/nope"), 404)["code"] == "not_found"
        assert _error(client.get("/api/nothing-here"), 404)["code"] == "not_found"
        _error(client.get("/api/incidents", params={"bbox": "1,2"}), 422)
        _error(client.get("/api/incidents", params={"limit": 0}), 422)
        _error(client.get("/api/incidents", params={"limit": 100000}), 422)
        _error(client.get("/api/incidents", params={"date_from": "yesterday"}), 422)
        _error(client.get("/api/incidents", params={"sort": "drop table"}), 422)
        _error(client.get("/api/claims/not-a-ref"), 422)
        _error(client.get("/api/claims/abc:e0"), 422)
        _error(client.delete("/api/incidents"), 405)


def test_hostile_query_text_is_data_not_sql(server: Server) -> None:
    with server.client() as client:
        for text in ("'; DROP TABLE incidents; --", '" OR 1=1 --', "al-Shifa", "5%"):
            response = client.get("/api/incidents", params={"q": text, "actor": text, "country": text[:8]})
            assert response.status_code in (200, 400), response.text
        assert client.get("/api/health").json()["counts"]["incidents"] > 0

"""Writes need a token of the right role; malformed, oversized or hostile requests get a clear 4xx."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tacitus.api import ApiConfig

from .conftest import BACKENDS, Server, serve_backend


def _rows(server: Server) -> tuple[int, int, int]:
    return (
        server.count("review_overrides"),
        server.count("review_audit"),
        server.count("reviewed_incidents"),
    )


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_writes_without_a_valid_token_change_nothing(server: Server) -> None:
    with server.client() as client:
        ref = client.get("/api/claims").json()["items"][0]["ref"]
        ids = [i["id"] for i in client.get("/api/incidents").json()["items"][:2]]
        before = _rows(server)
        attempts = [
            ("POST", f"/api/claims/{ref}/reject", {}),
            ("PATCH", f"/api/claims/{ref}", {"changes": {"best": 1}}),
            ("POST", "/api/incidents/merge", {"incidents": ids}),
        ]
        for method, path, body in attempts:
            for headers, status in (
                ({}, 401),
                (_auth("not-a-token"), 401),
                ({"Authorization": "Basic dXNlcjpwYXNz"}, 401),
                (_auth(server.tokens["reader"]), 403),
            ):
                response = client.request(method, path, json=body, headers=headers)
                assert response.status_code == status, (method, path, headers, response.text)
                assert response.json()["error"]["code"] in {"unauthorized", "forbidden"}
                if status == 401:
                    assert response.headers["www-authenticate"] == "Bearer"
        assert _rows(server) == before


def test_analyst_token_writes_and_is_audited(server: Server) -> None:
    with server.client() as client:
        ref = client.get("/api/claims").json()["items"][0]["ref"]
        response = client.post(
            f"/api/claims/{ref}/accept", json={"why": "checked"}, headers=_auth(server.tokens["analyst"])
        )
        assert response.status_code == 200, response.text
        assert response.json()["review"]["status"] == "accepted"
        trail = client.get("/api/review/audit").json()["items"]
        assert trail[-1]["who"] == "analyst-token" and trail[-1]["why"] == "checked"


def test_malformed_and_oversized_requests(server: Server) -> None:
    token = _auth(server.tokens["analyst"])
    with server.client() as client:
        ref = client.get("/api/claims").json()["items"][0]["ref"]
        before = _rows(server)
        cases = [
            (
                client.post(
                    "/api/incidents/merge",
                    content=b"{not json",
                    headers={**token, "content-type": "application/json"},
                ),
                422,
            ),
            (client.post("/api/incidents/merge", json={"incidents": ["a"]}, headers=token), 422),
            (
                client.post(
                    "/api/incidents/merge", json={"incidents": ["a", "b"], "extra": 1}, headers=token
                ),
                422,
            ),
            (client.patch(f"/api/claims/{ref}", json={"changes": {}}, headers=token), 422),
            (client.patch(f"/api/claims/{ref}", json={"changes": {"evidence": None}}, headers=token), 422),
            (
                client.patch(f"/api/claims/{ref}", json={"changes": {"modality": "certain"}}, headers=token),
                422,
            ),
            (
                client.post(
                    "/api/incidents/merge",
                    content=b"[" + b"1," * 40000 + b"1]",
                    headers={**token, "content-type": "application/json"},
                ),
                413,
            ),
        ]
        for response, status in cases:
            assert response.status_code == status, response.text
            assert set(response.json()["error"]) == {"code", "message", "detail"}
        assert cases[-1][0].json()["error"]["code"] == "payload_too_large"

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while streaming
            for _ in range(100):
                yield b" " * 1024

        streamed = client.post(
            "/api/incidents/merge", content=chunks(), headers={**token, "content-type": "application/json"}
        )
        assert streamed.status_code == 413, streamed.text
        assert _rows(server) == before


def test_no_cors_by_default_and_security_headers(server: Server) -> None:
    with server.client() as client:
        response = client.get("/api/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in response.headers
        page = client.get("/")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-content-type-options"] == "nosniff"


@pytest.fixture(scope="module", params=BACKENDS)
def protected(request: pytest.FixtureRequest, examples_db: Path) -> Iterator[Server]:
    config = ApiConfig(open_reads=False, cors_origins=("http://allowed.example",))
    yield from serve_backend(request, request.param, examples_db, config)


def test_protected_reads_and_configured_cors(protected: Server) -> None:
    with protected.client() as client:
        assert client.get("/api/incidents").status_code == 401
        assert client.get("/api/incidents", headers=_auth(protected.tokens["reader"])).status_code == 200
        response = client.get(
            "/api/health", headers={"Origin": "http://allowed.example", **_auth(protected.tokens["reader"])}
        )
        assert response.headers["access-control-allow-origin"] == "http://allowed.example"


def test_server_keeps_answering_under_bounded_load(server: Server) -> None:
    paths = ["/api/incidents", "/api/claims?kind=killed", "/api/events?limit=20", "/api/health"]
    latencies: list[float] = []
    deadline = time.monotonic() + 30

    def hit(i: int) -> int:
        if time.monotonic() > deadline:
            return -1
        with httpx.Client(base_url=server.url, timeout=10) as client:
            start = time.perf_counter()
            status = client.get(paths[i % len(paths)]).status_code
            latencies.append(time.perf_counter() - start)
            return status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(hit, range(400)))
    answered = [s for s in statuses if s != -1]
    assert answered and all(s == 200 for s in answered)
    assert statistics.median(latencies) < 5
    with server.client() as client:
        assert client.get("/api/health").status_code == 200

"""The map page in a real headless Chromium (Debian's) driven by Playwright, against a real server.

Skips cleanly when /usr/bin/chromium is missing. Never downloads a browser (`playwright install` is not
used): the system Chromium is launched by path, with networking features off so the page can only reach
the loopback server, which is how the page must work offline.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, Server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


@pytest.fixture(scope="module")
def server(sqlite_server: Server) -> Server:
    """The browser test stays on SQLite: the page is the same whichever backend serves the API."""
    return sqlite_server


@pytest.fixture(scope="module")
def page(server: Server) -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        outside: list[str] = []

        def only_this_server(route: Any) -> None:
            """Let requests to the test server through; record and abort any other (no CDN, no tiles)."""
            if route.request.url.startswith(server.url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", only_this_server)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(server.url + "/")
        tab.wait_for_selector("body[data-ready='1']", timeout=20_000)
        yield tab
        assert not errors, errors
        assert not outside, f"the page tried to reach the network: {outside}"
        browser.close()


def test_page_shows_incidents_filters_and_evidence(page: object, server: Server) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    import httpx

    with httpx.Client(base_url=server.url) as client:
        located = [
            item
            for item in client.get("/api/incidents", params={"limit": 500}).json()["items"]
            if item["incident"]["place"] and item["incident"]["place"]["lat"] is not None
        ]
    points = page.locator("#points circle")
    expect(points).to_have_count(len(located))
    assert page.locator("#countries path").count() > 100  # the offline country outlines

    types = {item["incident"]["type"] for item in located if item["incident"]["type"]}
    chosen = sorted(types)[0]
    expected = sum(1 for item in located if item["incident"]["type"] == chosen)
    page.select_option("#f-type", chosen)
    page.click("#f-apply")
    expect(points).to_have_count(expected)
    assert expected < len(located)
    page.click("#f-reset")
    expect(points).to_have_count(len(located))

    biggest = max(located, key=lambda i: (i["incident"]["killed"] or {}).get("best") or 0)
    page.locator(f"#points circle[data-id='{biggest['id']}']").click(force=True)
    evidence = page.locator("#panel mark.evidence").first
    expect(evidence).to_be_visible()
    text = evidence.inner_text()
    assert len(text) > 20
    expect(page.locator("#panel li.claim").first).to_contain_text("source:")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))

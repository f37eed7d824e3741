"""Every kind of page opens in the browser, offline, without console errors, and is
photographed for review (test-artifacts/screenshots/)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from browserkit import Guard, shoot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


def okr_path(roadmap: dict[str, Any]) -> str:
    return f"okrs/{roadmap['okrs'][-1]['period'].lower()}/"


# Kinds the stakeholder walk (test_browser_walk.py) does not already photograph.
PAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "okr": okr_path,
    "kpis-index": lambda _: "kpis/",
    "team": lambda r: f"teams/{r['teams'][0]['id']}/",
    "priorities": lambda _: "priorities/",
    "health": lambda _: "health/",
    "traceability": lambda _: "traceability/",
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_opens_offline(kind: str, page: Page, base_url: str, roadmap: dict[str, Any]) -> None:
    response = page.goto(base_url + PAGES[kind](roadmap))
    assert response is not None and response.status == 200
    heading = page.locator("article h1").first
    assert heading.is_visible() and heading.inner_text().strip()
    shoot(page, kind)


def test_okr_page_shows_key_results_with_progress(
    page: Page, base_url: str, roadmap: dict[str, Any]
) -> None:
    period = roadmap["okrs"][-1]
    page.goto(base_url + okr_path(roadmap))
    text = page.locator("article").inner_text()
    for objective in period["objectives"]:
        assert objective["title"] in text
    bars = page.get_by_role("progressbar")
    assert bars.count() >= sum(len(o["key_results"]) for o in period["objectives"])
    for bar in bars.all():
        assert (bar.get_attribute("aria-label") or "").strip()
        assert 0 <= float(bar.get_attribute("aria-valuenow") or "nan") <= 100


def test_no_request_at_all_leaves_127_0_0_1(browser: Browser, base_url: str) -> None:
    """The demo site makes no request beyond its own host, even once the page is idle."""
    strict = Guard(origin=base_url.rstrip("/"))
    context = browser.new_context()
    try:
        strict.attach(context)
        page = context.new_page()
        page.goto(base_url)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not strict.external, strict.external

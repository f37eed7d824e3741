"""A phone (390x844): pages read without scrolling sideways.

Wide diagrams and tables may scroll inside their own overflow container, never the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from browserkit import MOBILE, shoot

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

PAGE_WIDTH_JS = """() => ({
  scrollWidth: document.scrollingElement.scrollWidth,
  innerWidth: window.innerWidth,
  widest: [...document.querySelectorAll("article *")]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map(el => el.tagName.toLowerCase() + "." + [...el.classList].join(".")),
})"""


@pytest.fixture
def phone(new_context: Callable[..., BrowserContext]) -> Page:
    context = new_context(viewport=MOBILE, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


def assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate(PAGE_WIDTH_JS)
    assert width["innerWidth"] == MOBILE["width"]
    assert width["scrollWidth"] <= width["innerWidth"], width


def test_board_on_a_phone(phone: Page, base_url: str) -> None:
    phone.goto(base_url)
    assert_no_sideways_scroll(phone)
    cards = phone.locator(".outcomes-card")
    assert cards.count() > 0
    box = cards.first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
    shoot(phone, "mobile-board")


def test_hypothesis_on_a_phone(phone: Page, base_url: str, roadmap: dict[str, Any]) -> None:
    hyp = next(h for h in roadmap["hypotheses"] if h["latest"] and h["journey_steps"])
    phone.goto(f"{base_url}hypotheses/{hyp['id']}/")
    assert_no_sideways_scroll(phone)
    chart = phone.locator("figure.outcomes-chart svg[role=img]:visible").first
    box = chart.bounding_box()
    assert box and box["width"] <= MOBILE["width"], box
    shoot(phone, "mobile-hypothesis")


def test_journey_map_gives_way_to_the_step_list(
    phone: Page, base_url: str, roadmap: dict[str, Any]
) -> None:
    """A map wider than a phone scrolled inside its box; now the step list stands in for it."""
    journey = roadmap["journeys"][0]
    phone.goto(f"{base_url}journeys/{journey['id']}/")
    assert_no_sideways_scroll(phone)
    wrapper = phone.locator("div.outcomes-diagram").first
    assert wrapper.evaluate("el => getComputedStyle(el).display") == "none"
    assert phone.locator("section.outcomes-step").first.is_visible()
    shoot(phone, "mobile-journey", full_page=False)


def test_a_tapped_badge_opens_its_meaning(phone: Page, base_url: str) -> None:
    # On a phone there is no hover for the badge's `title`: a tap opens the glossary
    # entry, in view, which says what the word means.
    phone.goto(f"{base_url}hypotheses/")
    badge = phone.locator(".outcomes-hypotheses tbody a.outcomes-badge-link").nth(1)
    word = badge.inner_text().strip()
    assert word.startswith("data: ")
    badge.tap()
    phone.wait_for_url(f"**/legend/#verdict-{word.removeprefix('data: ')}")
    entry = phone.locator(f"#verdict-{word.removeprefix('data: ')}")
    assert entry.inner_text().strip() == word
    box = entry.bounding_box()
    assert box and 0 <= box["y"] < MOBILE["height"], box
    meaning = entry.locator("xpath=following-sibling::dd[1]").inner_text()
    assert len(meaning) > 20
    shoot(phone, "mobile-badge-meaning", full_page=False)

"""Accessibility: axe-core (npm's axe-core, injected into the page) finds no serious or
critical violation on the pages stakeholders read, in the light and the dark scheme.

Violations Material for MkDocs causes itself are excluded narrowly, by rule and selector,
in `browserkit.MATERIAL_EXCLUSIONS`; everything our templates, CSS, charts and diagrams
produce is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from browserkit import MATERIAL_EXCLUSIONS, axe_violations, describe

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser


def pages(roadmap: dict[str, Any]) -> dict[str, str]:
    """One page of each kind a stakeholder reads, by path."""
    hyp = next(h for h in roadmap["hypotheses"] if h["latest"] and h["journey_steps"])
    return {
        "board": "",
        "theme": f"themes/{roadmap['themes'][0]['id']}/",
        "hypothesis": f"hypotheses/{hyp['id']}/",
        "kpi": f"kpis/{hyp['kpi']}/",
        "okr": f"okrs/{roadmap['okrs'][-1]['period'].lower()}/",
        "journey": f"journeys/{roadmap['journeys'][0]['id']}/",
        "hypotheses-index": "hypotheses/",
    }


COLOUR_RULES = ("color-contrast", "link-in-text-block")
KINDS = ["board", "theme", "hypothesis", "kpi", "okr", "journey", "hypotheses-index"]
DARK_KINDS = ["board", "hypothesis", "kpi", "journey"]


@pytest.mark.parametrize(
    ("kind", "scheme"),
    [(kind, "light") for kind in KINDS] + [(kind, "dark") for kind in DARK_KINDS],
)
def test_no_serious_axe_violations(
    kind: str,
    scheme: str,
    new_context: Callable[..., BrowserContext],
    base_url: str,
    roadmap: dict[str, Any],
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    page.goto(base_url + pages(roadmap)[kind])
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    # The dark scheme changes colours only: check those rules there, every rule in light.
    rules = COLOUR_RULES if scheme == "dark" else None
    found = axe_violations(page, MATERIAL_EXCLUSIONS, rules=rules)
    assert not found, f"axe-core on {kind} ({scheme}):\n{describe(found)}"


def test_charts_have_accessible_names(page: Page, base_url: str, roadmap: dict[str, Any]) -> None:
    # The hypothesis and KPI charts are found by their names in test_browser_walk.py.
    # Charts are images; the journey map holds links, so it is a named group instead.
    for kind, role in (("theme", "img"), ("journey", "group")):
        page.goto(base_url + pages(roadmap)[kind])
        figures = page.locator(f"article svg[role={role}]:visible")
        assert figures.count() > 0, kind
        for svg in figures.all():
            title = (svg.locator(":scope > title").text_content() or "").strip()
            assert title, f"{kind}: a chart without a <title>"
            # The accessible name (aria-labelledby -> <title> then <desc>) as Playwright's
            # implementation of the accname spec computes it.
            named = page.get_by_role(role, name=re.compile(rf"^{re.escape(title)}(\s|$)"))
            assert named.count() >= 1, f"{kind}: no {role} named {title!r}"
        # Every chart has its data in a table beside it, for readers who cannot see it.
        if kind != "journey":
            assert page.locator("details.outcomes-chart-data table").count() == figures.count()


def test_diagram_links_are_not_inside_an_image(page: Page, base_url: str, roadmap: Any) -> None:
    page.goto(base_url + pages(roadmap)["journey"])
    found = axe_violations(page, rules=["nested-interactive"])
    assert not found, describe(found)

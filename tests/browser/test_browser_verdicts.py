"""Every verdict of the demo, as a stakeholder sees it: the verdict and its basis in words.

The demo roadmap shows each of the eight verdicts on at least one hypothesis; for each,
the page must say the verdict in a sentence with figures and, where there is one, the
decision date with its countdown. A screenshot of one page per verdict is saved under
test-artifacts/screenshots/verdict-<verdict>.png.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from browserkit import shoot

from outcomes.model.figures import VERDICTS

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_every_verdict_shows_with_its_basis(
    page: Page, base_url: str, roadmap: dict[str, Any]
) -> None:
    by_verdict: dict[str, dict[str, Any]] = {}
    for h in roadmap["hypotheses"]:
        by_verdict.setdefault(h["verdict"], h)
    assert sorted(by_verdict) == sorted(VERDICTS), "the demo must show every verdict"
    for verdict, h in sorted(by_verdict.items()):
        page.goto(f"{base_url}hypotheses/{h['id']}/")
        box = page.locator(".outcomes-verdict")
        assert box.count() == 1 and box.is_visible()
        text = box.inner_text()
        assert text.startswith(f"What the data says: {verdict}."), text
        assert len(text) > len(f"What the data says: {verdict}.") + 20, text  # a basis follows
        if h["decide_by"]:
            assert "Decision date " in text, text
        if h["evidence"] and h["evidence"]["source"] == "readout":
            assert "Experiment readout: " in text and " control, " in text, text
        shoot(page, f"verdict-{verdict}", full_page=False)

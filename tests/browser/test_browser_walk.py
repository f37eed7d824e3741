"""What a stakeholder does on the demo site, in a real browser.

Board -> theme card -> hypothesis (chart and latest value) -> KPI; search for a hypothesis
by a word of its belief; dark mode keeps the chart readable; a journey map's step links
lead to hypotheses; the hypotheses index filters by status without JavaScript of ours.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest
from browserkit import BACKGROUND_JS, contrast, parse_color, path_of, shoot

from outcomes.render.explain import day

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

MIN_CHART_CONTRAST = 3.0  # WCAG 1.4.11, non-text contrast (and large text)


def hypotheses_by_id(roadmap: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {h["id"]: h for h in roadmap["hypotheses"]}


def kpi_names(roadmap: dict[str, Any]) -> dict[str, str]:
    return {k["id"]: k["name"] for k in roadmap["kpis"]}


def chart_name(kpi_name: str) -> re.Pattern[str]:
    """A chart's accessible name: its <title> (the KPI), then its <desc> (charts.py points
    aria-labelledby at both)."""
    return re.compile(rf"^{re.escape(kpi_name)}(\s|$)")


def h1(page: Page) -> str:
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_board_theme_hypothesis_kpi(page: Page, base_url: str, roadmap: dict[str, Any]) -> None:
    hypotheses = hypotheses_by_id(roadmap)
    names = kpi_names(roadmap)
    themes = {t["id"]: t for t in roadmap["themes"]}

    page.goto(base_url)
    assert h1(page) == "Roadmap"
    columns = [c.inner_text() for c in page.locator(".outcomes-column > h2").all()]
    assert columns[:3] == ["NOW", "NEXT", "LATER"]  # upper-cased by outcomes.css
    shoot(page, "board")
    shoot(page, "board-viewport", full_page=False)

    # A theme card, then the theme page it leads to.
    card = page.locator(".outcomes-card h3 a").first
    card_title = card.inner_text().strip()
    card.click()
    page.wait_for_url("**/themes/*/")
    theme_id = path_of(page.url, base_url).removeprefix("themes/").strip("/")
    assert theme_id in themes, page.url
    assert h1(page) == card_title == themes[theme_id]["title"]
    outcome_charts = page.locator("figure.outcomes-chart svg[role=img]:visible")
    assert outcome_charts.count() == len(themes[theme_id]["outcomes"])
    shoot(page, "theme")

    # A hypothesis of that theme that has a measured KPI.
    links = page.locator(".outcomes-table a[href*='hypotheses/']")
    target = next(
        link
        for link in links.all()
        if hypotheses[link.get_attribute("href").rstrip("/").split("/")[-1]]["latest"]
    )
    target.click()
    page.wait_for_url("**/hypotheses/*/")
    hyp_id = path_of(page.url, base_url).removeprefix("hypotheses/").strip("/")
    hypothesis = hypotheses[hyp_id]
    assert h1(page) == hypothesis["title"]
    assert page.locator(".outcomes-belief").inner_text().startswith("We believe ")

    # Its chart: an SVG image named after the KPI, with the latest value beside it.
    kpi_name = names[hypothesis["kpi"]]
    chart = page.get_by_role("img", name=chart_name(kpi_name))
    assert chart.count() == 1 and chart.is_visible()
    assert chart.locator("path.oc-series").count() == 1
    latest = page.locator(".outcomes-latest")
    value = latest.locator("strong").inner_text()
    date = day(datetime.date.fromisoformat(hypothesis["latest"]["date"]))  # as pages write it
    assert re.fullmatch(r"[\d.,]+\s?\S*", value), value
    assert f"{value} on {date}" in latest.inner_text()
    description = chart.locator("desc").text_content() or ""
    assert f"latest {value} on {date}" in description
    shoot(page, "hypothesis")

    # The KPI link.
    latest.get_by_role("link", name=kpi_name).click()
    page.wait_for_url(f"**/kpis/{hypothesis['kpi']}/")
    assert path_of(page.url, base_url) == f"kpis/{hypothesis['kpi']}/"
    assert h1(page) == kpi_name
    assert page.get_by_role("img", name=chart_name(kpi_name)).is_visible()
    assert page.locator("dl.outcomes-facts").inner_text().count(date) == 1
    shoot(page, "kpi")


def _search_word(roadmap: dict[str, Any], search_index: dict[str, Any]) -> tuple[str, str]:
    """A hypothesis and a word of its belief that few pages of the site contain."""
    docs = search_index["docs"]
    texts = {d["location"]: d["text"].lower() for d in docs if "#" not in d["location"]}
    best: tuple[int, str, str] | None = None
    for hyp in roadmap["hypotheses"]:
        text = texts.get(f"hypotheses/{hyp['id']}/", "")
        belief = re.search(r"we believe (.*?)</p>", text)
        assert belief, f"no belief in the search index for {hyp['id']}"
        for word in re.findall(r"[a-z]{7,}", belief.group(1)):
            frequency = sum(word in t for t in texts.values())
            if best is None or frequency < best[0]:
                best = (frequency, hyp["id"], word)
    assert best
    return best[1], best[2]


def test_search_finds_a_hypothesis_by_a_word_of_its_belief(
    page: Page, base_url: str, roadmap: dict[str, Any], search_index: dict[str, Any]
) -> None:
    hyp_id, word = _search_word(roadmap, search_index)
    page.goto(base_url)
    query = page.get_by_role("textbox", name="Search")
    query.click()
    # Material's lunr worker loads search_index.json from 127.0.0.1; wait until it is ready.
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "el => !/initializing/i.test(el.textContent)", arg=meta.element_handle(), timeout=10_000
    )
    query.press_sequentially(word, delay=20)
    hit = page.locator(f".md-search-result__item a[href*='/hypotheses/{hyp_id}/']").first
    hit.wait_for(state="visible")
    assert word in hit.inner_text().lower()
    assert re.match(r"\d+ matching documents?", meta.inner_text().strip())
    shoot(page, "search", full_page=False)
    hit.click()
    page.wait_for_url(f"**/hypotheses/{hyp_id}/?h=*")
    assert path_of(page.url, base_url) == f"hypotheses/{hyp_id}/"


CHART_PARTS = {
    "line": ("path.oc-series", "stroke"),
    "latest point": ("circle.oc-latest", "fill"),
    "axis labels": (".oc-ticks text", "fill"),
    "target label": ("text.oc-label-target", "fill"),
    "baseline label": ("text.oc-label-baseline", "fill"),
}


def _chart_contrasts(page: Page) -> dict[str, float]:
    chart = page.locator("figure.outcomes-chart svg[role=img]:visible").first
    background = parse_color(chart.evaluate(BACKGROUND_JS))
    ratios = {}
    for part, (selector, prop) in CHART_PARTS.items():
        element = chart.locator(selector).first
        colour = element.evaluate(f"el => getComputedStyle(el).{prop}")
        opacity = float(element.evaluate(f"el => getComputedStyle(el).{prop}Opacity"))
        r, g, b, a = parse_color(colour)
        ratios[part] = round(contrast((r, g, b, a * opacity), background), 2)
    return ratios


def test_dark_mode_keeps_the_chart_readable(
    page: Page, base_url: str, roadmap: dict[str, Any]
) -> None:
    hyp = next(h for h in roadmap["hypotheses"] if h["latest"])
    page.goto(f"{base_url}hypotheses/{hyp['id']}/")
    light = _chart_contrasts(page)
    assert min(light.values()) >= MIN_CHART_CONTRAST, light

    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    body_bg = parse_color(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert sum(body_bg[:3]) / 3 < 80, f"the page did not turn dark: {body_bg}"
    dark = _chart_contrasts(page)
    assert min(dark.values()) >= MIN_CHART_CONTRAST, dark
    shoot(page, "hypothesis-dark")

    # The choice sticks across pages, like any Material site.
    page.goto(base_url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    shoot(page, "board-dark", full_page=False)


def test_journey_step_link_inside_the_map(
    page: Page, base_url: str, roadmap: dict[str, Any]
) -> None:
    hypotheses = hypotheses_by_id(roadmap)
    journeys = {j["id"]: j for j in roadmap["journeys"]}
    journey = journeys.get("new-team") or next(iter(journeys.values()))
    page.goto(f"{base_url}journeys/{journey['id']}/")
    assert h1(page) == journey["title"]
    diagram = page.get_by_role("group", name=re.compile(r"^Journey map: "))
    assert diagram.count() == 1
    diagram.scroll_into_view_if_needed()
    shoot(page, "journey", full_page=False)

    # A hypothesis node targeting a step: a link inside the SVG, its tooltip a <title>.
    step = diagram.locator("g.outcomes-hypothesis a[href*='hypotheses/']").first
    href = step.get_attribute("href") or ""
    hyp_id = href.rstrip("/").split("/")[-1]
    hypothesis = hypotheses[hyp_id]
    assert any(hyp_id in s["hypotheses"] for s in journey["steps"])
    tooltip = step.locator("title").text_content() or ""
    assert tooltip == f"Hypothesis ({hypothesis['status']}): {hypothesis['title']}"
    step.click()
    page.wait_for_url(f"**/hypotheses/{hyp_id}/")
    assert h1(page) == hypotheses[hyp_id]["title"]


def test_hypotheses_index_filters_by_status(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}hypotheses/")
    rows = page.locator(".outcomes-hypotheses tbody tr")
    statuses = [row.get_attribute("data-status") for row in rows.all()]
    counts = Counter(statuses)
    status = "testing" if counts["testing"] else counts.most_common(1)[0][0]
    assert 0 < counts[status] < len(statuses)
    shoot(page, "hypotheses-index")

    page.locator(f'label[for="f-status-{status}"]').click()
    shown = [row.get_attribute("data-status") for row in rows.all() if row.is_visible()]
    assert shown == [status] * counts[status]
    for row in rows.filter(visible=True).all():
        assert row.locator(".outcomes-badge").first.inner_text() == status
    shoot(page, "hypotheses-index-filtered")

    page.locator('label[for="f-status-all"]').click()
    assert rows.filter(visible=True).count() == len(statuses)


def test_hypotheses_filters_live_in_the_url_and_say_when_nothing_matches(
    page: Page, base_url: str
) -> None:
    # A link with the filter in it opens filtered; a click writes the filter back into
    # the address; a combination with no bet says so instead of a bare header.
    page.goto(f"{base_url}hypotheses/#status=parked")
    rows = page.locator(".outcomes-hypotheses tbody tr")
    everything = [(r.get_attribute("data-status"), r.get_attribute("data-team")) for r in
                  rows.all()]  # fmt: skip
    parked = sum(1 for status, _ in everything if status == "parked")
    assert 0 < parked < len(everything)
    shown = [r.get_attribute("data-status") for r in rows.filter(visible=True).all()]
    assert shown == ["parked"] * parked
    empty = page.locator(".outcomes-empty")
    assert not empty.is_visible()

    page.locator('label[for="f-status-validated"]').click()
    assert page.evaluate("location.hash") == "#status=validated"
    assert {r.get_attribute("data-status") for r in rows.filter(visible=True).all()} == {
        "validated"
    }

    teams = {team for _, team in everything if team}
    statuses = {status for status, _ in everything}
    status, team = next(
        (s, t) for s in sorted(statuses) for t in sorted(teams) if (s, t) not in everything
    )
    page.locator(f'label[for="f-status-{status}"]').click()
    page.locator(f'label[for="{team}"]').click()
    assert page.evaluate("location.hash") == f"#status={status}&team={team[len('f-team-') :]}"
    assert rows.filter(visible=True).count() == 0
    assert empty.is_visible()
    assert "No hypothesis matches these filters" in empty.inner_text()
    page.locator('label[for="f-status-all"]').click()
    assert not empty.is_visible() and rows.filter(visible=True).count() > 0

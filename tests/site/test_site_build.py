"""End-to-end: build a small roadmap with MkDocs + Material and read the HTML.

One build per module (`built`); every figure asserted here is computed by hand in
the comments of `sitekit.MAIN_PROJECT` or below, never by calling the model.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

from outcomes.adapters.cli import main as outcomes_main
from sitekit import (
    AS_OF,
    MAIN_PROJECT,
    Element,
    build_site,
    exists_in_site,
    internal_links,
    page_url,
    read_page,
    resolve,
    snapshot,
    write_files,
)

pytestmark = pytest.mark.e2e


@dataclass
class Built:
    root: Path
    site: Path
    before: dict[str, tuple[int, str]]
    after: dict[str, tuple[int, str]]

    def page(self, url: str) -> Element:
        return read_page(self.site, url)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("main")
    write_files(root, MAIN_PROJECT)
    before = snapshot(root)
    site = build_site(root)
    return Built(root, site, before, snapshot(root))


def hrefs(element: Element, here: str) -> set[str]:
    """Site-root URLs of the links inside `element`, as a browser on `here` resolves them."""
    return {resolve(here, a.attrs["href"]) for a in element.find_all("a") if "href" in a.attrs}


def page_links(element: Element) -> list[Element]:
    """The links inside `element` but those of badges to the glossary."""
    return [
        a for a in element.find_all("a") if "outcomes-badge-link" not in a.attrs.get("class", "")
    ]


def badges(element: Element, prefix: str) -> list[str]:
    """Texts of the badges whose class starts with `outcomes-<prefix>-`, in page order."""
    found = []
    for span in element.find_all("span", class_="outcomes-badge"):
        if any(c.startswith(f"outcomes-{prefix}-") for c in span.attrs["class"].split()):
            found.append(span.plain)
    return found


# -- hypothesis page ------------------------------------------------------------------


def test_hypothesis_page_links_its_kpi_and_shows_the_latest_value(built: Built) -> None:
    here = "hypotheses/checklist/"
    page = built.page(here)
    latest = page.find("p", class_="outcomes-latest")
    assert "kpis/invite-rate/" in hrefs(latest, here)
    # 0.99 is dated after as_of: the latest value is the one of 2026-11-16.
    assert "Invite rate: 47.0% on 16 Nov 2026 (product-wide); expected 50.0%." in latest.plain
    assert "99.0%" not in latest.plain


def test_hypothesis_page_shows_status_verdict_and_chart(built: Built) -> None:
    page = built.page("hypotheses/checklist/")
    statuses = page.find("p", class_="outcomes-statuses")
    assert badges(statuses, "status") == ["testing"]
    assert badges(statuses, "verdict") == ["data: running"]  # its experiment ends 2026-11-30
    assert not page.find_all("span", class_="outcomes-overdue")
    assert not page.find_all("div", class_="warning")
    svg = page.find("svg", role="img")
    assert svg.find("title").plain == "Invite rate"
    assert svg.find("desc").plain.startswith("11 weekly values")
    table = page.find("details", class_="outcomes-chart-data")
    assert len(table.find_all("tr")) == 1 + 11  # header and every value up to as_of
    belief = page.find("p", class_="outcomes-belief")
    assert belief.plain == "We believe a setup checklist for admins will result in more invites."


@pytest.mark.parametrize(
    ("hypothesis", "status", "verdict"),
    [
        ("import-history", "validated", "data: not-supported"),  # 47% < 50%
        ("tour", "testing", "data: supported"),  # 47% >= 45%
        ("templates", "idea", "data: untested"),  # no experiments
        ("empty-bet", "planned", "data: no-data"),  # its KPI has no value
        ("dropped", "invalidated", "data: not-supported"),
        ("digest", "idea", "data: untested"),
    ],
)
def test_hypothesis_verdicts(built: Built, hypothesis: str, status: str, verdict: str) -> None:
    statuses = built.page(f"hypotheses/{hypothesis}/").find("p", class_="outcomes-statuses")
    assert badges(statuses, "status") == [status]
    assert badges(statuses, "verdict") == [verdict]


def test_contradicted_status_shows_a_warning(built: Built) -> None:
    page = built.page("hypotheses/import-history/")
    warning = page.find("div", class_="warning")
    assert warning.attrs["role"] == "alert"
    assert "marked validated, but the data says not-supported" in warning.plain


def test_overdue_hypothesis_shows_the_badge(built: Built) -> None:
    # Still testing 38 days after its last experiment ended (2026-10-15).
    page = built.page("hypotheses/tour/")
    statuses = page.find("p", class_="outcomes-statuses")
    assert [s.plain for s in statuses.find_all("span", class_="outcomes-overdue")] == ["overdue"]
    assert not page.find_all("div", class_="warning")
    index = built.page("hypotheses/")
    row = next(tr for tr in index.find_all("tr") if "hypotheses/tour/" in hrefs(tr, "hypotheses/"))
    assert row.find_all("span", class_="outcomes-overdue")


def test_hypothesis_page_links_theme_and_journey_step(built: Built) -> None:
    here = "hypotheses/checklist/"
    links = hrefs(built.page(here), here)
    assert {"themes/activation/", "teams/growth/", "journeys/first-week/"} <= links
    anchors = [a.attrs["href"] for a in built.page(here).find_all("a")]
    assert "../../journeys/first-week/#step-first-run" in anchors
    journey = built.page("journeys/first-week/")
    assert journey.find_all("section", id="step-first-run")


def test_evidence_title_with_quotes_is_text(built: Built) -> None:
    evidence = built.page("hypotheses/checklist/").find("ul", class_="outcomes-evidence")
    link = evidence.find("a")
    assert link.plain == 'The "first-run" study\'s notes'
    assert link.attrs["href"] == "https://example.com/study?a=1&b=2"


# -- statuses -------------------------------------------------------------------------

# Outcomes of `activation` in file order; 60 of 120 days have passed (expected 0.5):
EXPECTED_STATUSES = [
    "on-track",  # 30 of 60: progress 0.5 >= 0.5 - 0.1
    "at-risk",  # 30 of 100: 0.3 >= 0.5 - 0.3
    "off-track",  # 30 of 300: 0.1 < 0.2
    "achieved",  # 30 of 30
    "no-data",  # nothing measured
    "missed",  # ended 2026-10-31 at 22 of 100
]


def test_theme_page_statuses(built: Built) -> None:
    page = built.page("themes/activation/")
    found = []
    for i in range(1, len(EXPECTED_STATUSES) + 1):
        section = page.find("section", id=f"outcome-{i}")
        found.append(badges(section, "status"))
    assert found == [[s] for s in EXPECTED_STATUSES]
    assert "30 (value of 16 Nov 2026); baseline 0, target 60 by 21 Jan 2027 · 50% of the way" in (
        page.find("section", id="outcome-1").plain
    )
    # A finished outcome says it is judged on its deadline, not "now".
    assert "22 (value of 26 Oct 2026, judged at the deadline 31 Oct 2026)" in (
        page.find("section", id="outcome-6").plain
    )


def test_board_statuses_and_columns(built: Built) -> None:
    board = built.page("")
    columns = {s.attrs["aria-labelledby"]: s for s in board.find_all("section")
               if "outcomes-column" in s.attrs.get("class", "")}  # fmt: skip
    assert set(columns) == {"horizon-now", "horizon-next", "horizon-later"}
    assert hrefs(columns["horizon-now"], "") >= {"themes/activation/"}
    assert "themes/retention/" in hrefs(columns["horizon-next"], "")
    assert "Nothing here." in columns["horizon-later"].plain
    done = board.find("div", class_="outcomes-done")
    assert "themes/legacy/" in hrefs(done, "")
    card = next(c for c in board.find_all("article", class_="outcomes-card")
                if "themes/activation/" in hrefs(c, ""))  # fmt: skip
    outcomes = card.find_all("div", class_="outcomes-outcome")
    assert [badges(o, "status") for o in outcomes] == [[s] for s in EXPECTED_STATUSES]
    bars = [o.find("div", role="progressbar").attrs["aria-valuenow"] for o in outcomes]
    assert bars == ["50.0", "30.0", "10.0", "100.0", "0", "22.0"]


def test_okr_key_result_status(built: Built) -> None:
    # Q4 started 2026-10-01: 52 of 91 days passed (expected 0.571); 47% from 40% to 50%
    # is progress 0.7.
    row = built.page("okrs/2026-q4/").find("tr", id="kr-grow-invites")
    assert badges(row, "status") == ["on-track"]
    assert "70%" in row.plain


def test_key_results_read_by_name_and_file_paths_sit_in_a_source_line(built: Built) -> None:
    # Readers see the KPI and objective by name, never a key result's id, and a KPI's
    # CSV path only in the page's marked "Source" line.
    row = built.page("okrs/2026-q4/").find("tr", id="kr-grow-invites")
    assert row.find("td").plain.strip() == "Invite rate"
    kpi = built.page("kpis/invite-rate/")
    assert "2026-Q4 · grow" not in kpi.plain and "More teams get going (2026-Q4)" in kpi.plain
    facts = kpi.find("dl", class_="outcomes-facts").plain
    assert ".csv" not in facts
    assert kpi.find("p", class_="outcomes-source").plain == (
        "Source: okrs/measurements/invite-rate.csv"
    )


def test_glossary_at_legend_defines_every_term_with_an_anchor(built: Built) -> None:
    # The page kept its URL (`legend/`, linked from outside) and is titled and listed
    # as the glossary; every term has its own anchor, the status sections stay.
    page = built.page("legend/")
    assert page.find("h1").plain == "Glossary"
    terms = {dt.attrs["id"] for dt in page.find_all("dt") if "id" in dt.attrs}
    wanted = {"outcome", "hypothesis", "kpi", "key-result", "baseline", "target",
              "expected-progress", "progress", "verdict", "evidence", "readout", "guardrail",
              "kill-criterion", "decision-date", "trend", "stale", "booster", "blocker",
              "emotion", "horizon"}  # fmt: skip
    assert {f"term-{t}" for t in wanted} <= terms
    assert {"status-on-track", "verdict-supported", "status-parked"} <= terms
    breached = page.find("dt", id="verdict-guardrail-breached")
    meaning = page.find_all("dd")[page.find_all("dt").index(breached)]
    assert meaning.plain == "A KPI that must not get worse went past its limit."
    link = built.page("okrs/2026-q4/").find("p", class_="outcomes-legend-link")
    assert link.plain == "What the statuses, verdicts and terms mean: the glossary."
    assert hrefs(link, "okrs/2026-q4/") == {"legend/"}


def test_every_badge_links_to_its_entry_in_the_glossary(built: Built) -> None:
    # A status or a verdict explains itself where it is shown: a click or a tap on the
    # badge opens its meaning (the `title` shows it on hover only).
    ids = {e.attrs["id"] for e in built.page("legend/").iter() if "id" in e.attrs}
    seen: set[str] = set()
    wrong = []
    for html_file in sorted(built.site.rglob("index.html")):
        here = page_url(built.site, html_file)
        for link in read_page(built.site, here).find_all("a", class_="outcomes-badge-link"):
            href = link.attrs["href"]
            anchor = href.partition("#")[2]
            badge = link.find("span", class_="outcomes-badge")
            word = badge.plain.removeprefix("data: ")
            expected = ("verdict-" if badge.plain.startswith("data: ") else "status-") + word
            if resolve(here, href) != "legend/" or anchor != expected or anchor not in ids:
                wrong.append((here, href, badge.plain))
            seen.add(anchor)
    assert not wrong
    assert {"status-on-track", "status-at-risk", "status-testing", "verdict-supported"} <= seen


def test_health_page_lists_what_needs_attention(built: Built) -> None:
    here = "health/"
    page = built.page(here)
    sections = {h.attrs["id"]: h for h in page.find_all("h2")}
    assert {"stale-kpis", "overdue-verdicts", "statuses-the-data-contradicts",
            "outcomes-behind-plan"} <= set(sections)  # fmt: skip
    lists = page.find_all("ul")
    links = [[a.attrs["href"] for a in page_links(ul)] for ul in lists]
    assert ["../kpis/empty-kpi/"] in links
    assert ["../hypotheses/tour/"] in links
    assert ["../hypotheses/import-history/"] in links
    behind = next(ul for ul in lists if "outcome-" in " ".join(a.attrs["href"] for a in
                                                                page_links(ul)))  # fmt: skip
    assert [a.attrs["href"] for a in page_links(behind)] == [
        "../themes/activation/#outcome-2", "../kpis/signups/",
        "../themes/activation/#outcome-3", "../kpis/signups/",
        "../themes/activation/#outcome-6", "../kpis/signups/",
    ]  # fmt: skip
    assert badges(behind, "status") == ["at-risk", "off-track", "missed"]


# -- journey --------------------------------------------------------------------------


def test_journey_svg_links_the_hypotheses_of_its_steps(built: Built) -> None:
    here = "journeys/first-week/"
    page = built.page(here)
    svg = page.find("div", class_="outcomes-diagram").find("svg")
    assert svg.attrs["role"] == "group"  # a map with links
    assert svg.find("title").plain
    linked = hrefs(svg, here)
    targeting = {"hypotheses/checklist/", "hypotheses/tour/", "hypotheses/import-history/"}
    assert targeting <= linked
    assert not {u for u in linked if u.startswith("hypotheses/")} - targeting
    first_run = page.find("section", id="step-first-run")
    assert {"hypotheses/checklist/", "hypotheses/tour/"} <= hrefs(first_run, here)
    signup = page.find("section", id="step-signup")
    assert "hypotheses/import-history/" in hrefs(signup, here)
    assert "hypotheses/checklist/" not in hrefs(signup, here)


# -- every link resolves --------------------------------------------------------------


def test_every_internal_link_resolves(built: Built) -> None:
    broken = [
        (page, link)
        for page, link, target in internal_links(built.site)
        if target.startswith("..") or not exists_in_site(built.site, target)
    ]
    assert not broken
    checked = sum(1 for _ in internal_links(built.site))
    assert checked > 500  # the crawler really walked the site


def test_charts_and_maps_are_restored_after_markdown_and_kept_out_of_search(
    built: Built,
) -> None:
    # The plugin keeps chart and diagram HTML out of MkDocs' Markdown step (see _Slots in
    # the plugin) and restores it in each page's final HTML: no placeholder may remain.
    pages = list(built.site.rglob("*.html"))
    assert not [p for p in pages if "<!--outcomes-" in p.read_text(encoding="utf-8")]
    charts = sum(p.read_text(encoding="utf-8").count('class="outcomes-chart"') for p in pages)
    assert charts > 5
    index = (built.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "outcomes-chart" not in index and "Data (" not in index


# -- URLs -----------------------------------------------------------------------------


def test_pages_live_at_stable_urls(built: Built) -> None:
    for url in [
        "", "themes/activation/", "themes/retention/", "themes/legacy/",
        "hypotheses/checklist/", "hypotheses/digest/", "hypotheses/",
        "kpis/invite-rate/", "kpis/empty-kpi/", "kpis/", "okrs/2026-q4/",
        "journeys/first-week/", "teams/growth/", "teams/core/", "traceability/",
        "priorities/", "health/", "about/",
    ]:  # fmt: skip
        assert (built.site / url / "index.html").is_file(), url
    assert not (built.site / "board").exists()  # no docs/index.md: the board is home
    assert built.page("").find("h1").plain == "Roadmap"


def test_roadmap_json_is_the_export(built: Built) -> None:
    out = StringIO()
    assert outcomes_main(["export", str(built.root), "--as-of", AS_OF], out=out) == 0
    published = json.loads((built.site / "roadmap.json").read_text(encoding="utf-8"))
    assert published == json.loads(out.getvalue())
    assert published["as_of"] == AS_OF


def test_nav_lists_sections_but_not_every_hypothesis_or_kpi(built: Built) -> None:
    board = built.page("")
    nav = board.find("nav", class_="md-nav--primary")
    links = hrefs(nav, "")
    assert {
        "", "themes/activation/", "themes/retention/", "themes/legacy/", "okrs/2026-q4/",
        "journeys/first-week/", "teams/growth/", "teams/core/", "hypotheses/", "kpis/",
        "priorities/", "health/", "traceability/", "about/",
    } <= links  # fmt: skip
    assert not {u for u in links if u.startswith("hypotheses/") and u != "hypotheses/"}
    assert not {u for u in links if u.startswith("kpis/") and u != "kpis/"}
    titles = {a.plain for a in nav.find_all("a")}
    assert {"Board", "New teams get going", "OKRs 2026-Q4", "Hypotheses", "KPIs",
            "Glossary"} <= titles  # fmt: skip
    assert "legend/" in links and "Legend" not in titles


# -- nothing written into the sources -------------------------------------------------


def test_build_leaves_docs_and_yaml_folders_untouched(built: Built) -> None:
    assert built.after == built.before
    assert "docs/about.md" in built.before
    assert "roadmap/activation.yaml" in built.before
    assert "okrs/measurements/signups.csv" in built.before


def test_search_previews_keep_table_cells_apart(built: Built) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text())
    texts = {d["location"]: d["text"] for d in index["docs"]}
    okr = next(text for location, text in texts.items() if location.startswith("okrs/2026-q4/"))
    assert "Key result Baseline Value Target Progress Status" in okr
    # Before: "Key resultBaselineValue…": a lower-case letter or a digit glued to the
    # capital or the figure of the next cell.
    glued = [
        (location, m.group(0))
        for location, text in texts.items()
        for m in re.finditer(r"(?:resultBaseline|[0-9]{4}-[0-9]{2}-[0-9]{2}[0-9])", text)
    ]
    assert glued == []

"""End-to-end text safety: hostile text in every kind of field never becomes markup.

DESIGN, "Safety rules": plain fields are escaped, Markdown fields are rendered then
sanitised, so no script, event handler or `javascript:`/`data:` URL reaches a page,
and template-looking text renders literally.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitekit import (
    MKDOCS_YML,
    Element,
    build_site,
    exists_in_site,
    internal_links,
    parse_html,
    read_page,
    write_files,
)

pytestmark = pytest.mark.e2e

TITLE = "<script>alert(1)</script> {{ 7*7 }}"
# How titles show: a word joiner after `<` in `</` (see test_a_title_cannot_close_the_title_element)
SHOWN = TITLE.replace("</", "<\u2060/")

HOSTILE: dict[str, str] = {
    "mkdocs.yml": MKDOCS_YML,
    "docs/about.md": "# About\n",
    "okrs/teams.yaml": """
        teams:
          - id: growth
            name: "<img src=x onerror=alert(1)> Growth"
            description: "<script>alert(1)</script>"
        """,
    "okrs/kpis.yaml": """
        kpis:
          - id: rate
            name: "Rate <script>alert(1)</script>"
            description: |
              <svg onload=alert(1)>measured</svg> [click](javascript:alert(1))
            unit: percent
            direction: increase
            owner: growth
        """,
    "okrs/measurements/rate.csv": "date,value,note\n"
    '2026-11-02,0.38,"<script>alert(1)</script>"\n2026-11-16,0.40,\n',
    "okrs/2026-Q4.yaml": """
        period: 2026-Q4
        objectives:
          - id: grow
            title: "<b onmouseover=alert(1)>Grow</b> {{ 7*7 }}"
            owner: growth
            themes: [xss]
            key_results:
              - id: rate-up
                kpi: rate
                baseline: 0.30
                target: 0.50
        """,
    "journeys/trip.yaml": """
        id: trip
        title: "<script>alert(1)</script> trip {{ 7*7 }}"
        persona: "]]> <script>alert(1)</script> \\" ' &amp;"
        description: "<iframe src=javascript:alert(1)></iframe>"
        stages:
          - id: start
            title: "<i onclick=alert(1)>Start</i>"
            steps:
              - id: step
                title: "Step \\" <b>bold</b> {{ 7*7 }} \\\\N"
                actions: ["<img src=x onerror=alert(1)>"]
                boosters: ["<script>alert(1)</script>"]
                blockers: ["\\"><a href='javascript:alert(1)'>x</a>"]
                kpis: [rate]
        """,
    "roadmap/xss.yaml": f"""
        id: xss
        title: "{TITLE}"
        horizon: now
        owner: growth
        problem: |
          <img src=x onerror=alert(1)>

          [x](javascript:alert(1)) and [y](data:text/html;base64,PHNjcmlwdD4=)

          A paragraph with attributes
          {{: onclick="alert(1)" }}

          <script>alert(1)</script>
          <a href="javascript:alert(1)" onclick="alert(1)">link</a>
          <div onmouseover="alert(1)">div</div>
          {{{{ 7*7 }}}}
        outcomes:
          - kpi: rate
            baseline: 0.30
            target: 0.50
            from: 2026-09-01
            by: 2027-03-31
        hypotheses:
          - id: closer
            title: "</title><script>alert(1)</script></TITLE ><script>alert(2)</script>"
            status: idea
            we_believe: x
            for: y
            will_result_in: z
          - id: bet
            title: "<b onmouseover=alert(1)>Bet</b> {{{{ 7*7 }}}}"
            status: testing
            we_believe: "<script>alert(1)</script>"
            for: '" onclick="alert(1)'
            will_result_in: "{{{{ 7*7 }}}}"
            measured_by: {{kpi: rate, expect: 0.45}}
            journey_steps: [trip/step]
            experiments:
              - title: "<script>alert(1)</script>"
                start: 2026-10-01
                end: 2026-12-01
                result: |
                  ![img](javascript:alert(1)) <a href="data:text/html,x">d</a>
                  <style>body {{ display: none }}</style>
            evidence:
              - title: "Quotes \\" ' <script>alert(1)</script> {{{{ 7*7 }}}}"
                url: https://example.com/a?b="c"&d=<e>
            tags: [safe]
            scores: {{value: 3, viability: 3, usability: 3, feasibility: 3}}
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    write_files(root, HOSTILE)
    return build_site(root)


def pages(site: Path) -> list[tuple[str, Element]]:
    return [(p.relative_to(site).as_posix(), parse_html(p.read_text(encoding="utf-8")))
            for p in sorted(site.rglob("*.html"))]  # fmt: skip


def test_the_hostile_project_builds_every_page(site: Path) -> None:
    for url in ("themes/xss/", "hypotheses/bet/", "kpis/rate/", "journeys/trip/",
                "okrs/2026-q4/", "teams/growth/", "priorities/", "health/"):  # fmt: skip
        assert (site / url / "index.html").is_file(), url


def test_no_script_from_user_text(site: Path) -> None:
    for name, document in pages(site):
        for script in document.find_all("script"):
            assert "alert" not in script.text, name
            src = script.attrs.get("src", "")
            assert not src or "assets/javascripts/" in src, (name, src)
        assert not document.find_all("iframe"), name
        assert not document.find_all("style") or name == "hypotheses/index.html", name


def test_no_event_handler_attributes(site: Path) -> None:
    for name, document in pages(site):
        for element in document.iter():
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert not handlers, (name, element.tag, element.attrs)


def test_no_javascript_or_data_urls(site: Path) -> None:
    for name, document in pages(site):
        for element in document.iter():
            for attr in ("href", "src", "xlink:href", "action", "formaction"):
                value = "".join(element.attrs.get(attr, "").split()).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (
                    name, element.tag, attr, value,
                )  # fmt: skip


def test_template_syntax_renders_literally(site: Path) -> None:
    theme = read_page(site, "themes/xss/")
    assert theme.find("h1").plain == SHOWN
    assert "{{ 7*7 }}" in theme.find("div", class_="outcomes-markdown").plain
    hypothesis = read_page(site, "hypotheses/bet/")
    assert hypothesis.find("h1").plain == "<b onmouseover=alert(1)>Bet<\u2060/b> {{ 7*7 }}"
    assert "will result in {{ 7*7 }}" in hypothesis.find("p", class_="outcomes-belief").plain
    for name, document in pages(site):
        assert ">49<" not in document.text and " 49 " not in document.plain, name


def test_plain_text_shows_as_text(site: Path) -> None:
    hypothesis = read_page(site, "hypotheses/bet/")
    belief = hypothesis.find("p", class_="outcomes-belief")
    assert belief.plain == (
        'We believe <script>alert(1)</script> for " onclick="alert(1) will result in {{ 7*7 }}.'
    )
    evidence = hypothesis.find("ul", class_="outcomes-evidence").find("a")
    assert evidence.plain == "Quotes \" ' <script>alert(1)</script> {{ 7*7 }}"
    assert evidence.attrs["href"] == 'https://example.com/a?b="c"&d=<e>'
    board = read_page(site, "")
    assert TITLE in board.find("article", class_="outcomes-card").plain


def test_nav_and_page_titles_are_escaped(site: Path) -> None:
    theme = read_page(site, "themes/xss/")
    assert theme.find("title").plain == f"{SHOWN} - Test roadmap"
    nav = theme.find("nav", class_="md-nav--primary")
    assert SHOWN in nav.plain
    team = [a for a in nav.find_all("a") if "Growth" in a.plain]
    assert [a.plain for a in team] == ["<img src=x onerror=alert(1)> Growth"]


def test_a_title_cannot_close_the_title_element(site: Path) -> None:
    # Material writes `page.title|striptags` (which unescapes) into <title>.
    page = read_page(site, "hypotheses/closer/")
    title = page.find("title").plain
    assert title.startswith("<\u2060/title><script>alert(1)<\u2060/script>")
    assert title.endswith(" - Test roadmap")


def test_markdown_fields_keep_their_text_but_not_their_attributes(site: Path) -> None:
    problem = read_page(site, "themes/xss/").find("div", class_="outcomes-markdown")
    assert "A paragraph with attributes" in problem.plain
    assert [a.plain for a in problem.find_all("a")] == ["x", "y", "link"]


def test_journey_diagram_escapes_labels(site: Path) -> None:
    journey = read_page(site, "journeys/trip/")
    svg = journey.find("div", class_="outcomes-diagram").find("svg")
    labels = " ".join(t.plain for t in svg.find_all("text"))
    assert "{{ 7*7 }}" in labels
    assert 'Step " <b>bold</b>' in labels
    assert "\\N" in labels  # not the node id Graphviz puts for `\N`
    assert not svg.find_all("b")
    tooltips = " ".join(t.plain for t in svg.find_all("title"))
    assert "\\N" in tooltips
    assert "<script>alert(1)</script>" in tooltips  # a booster, as text


def test_links_resolve_in_the_hostile_site(site: Path) -> None:
    broken = [(page, link) for page, link, target in internal_links(site)
              if target.startswith("..") or not exists_in_site(site, target)]  # fmt: skip
    assert not broken


def test_search_index_titles_are_escaped(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "<script" not in doc["title"].lower(), doc["location"]
        assert "<script" not in doc["text"].lower(), doc["location"]


def test_a_javascript_evidence_url_fails_the_build(tmp_path: Path) -> None:
    project = dict(HOSTILE)
    project["roadmap/xss.yaml"] = project["roadmap/xss.yaml"].replace(
        'url: https://example.com/a?b="c"&d=<e>', "url: javascript:alert(1)"
    )
    write_files(tmp_path, project)
    with pytest.raises(Abort):
        build_site(tmp_path)

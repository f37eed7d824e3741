"""The nav rule, once: the MkDocs structure and the nav.yml of other hosts agree."""

from __future__ import annotations

import yaml

from outcomes.render.nav import Nav, NavPage, roadmap_nav

PAGES = [
    NavPage("index.md", "Roadmap"),
    NavPage("themes/search.md", 'Search <fast> & "good"'),
    NavPage("okrs/2026-q4.md", "OKRs 2026-Q4"),
    NavPage("hypotheses/index.md", "Hypotheses"),
    NavPage("hypotheses/h1.md", "A bet", in_nav=False),
    NavPage("kpis/index.md", "KPIs"),
    NavPage("kpis/k1.md", "A KPI", in_nav=False),
    NavPage("priorities.md", "Priorities"),
    NavPage("teams/index.md", "Teams"),
    NavPage("teams/t1.md", "Team 1", in_nav=False),
]


def test_sections_and_indexes_never_every_page() -> None:
    nav = roadmap_nav(PAGES, "index.md")
    assert nav.entries() == [
        {"Board": "index.md"},
        {"Themes": [{'Search &lt;fast&gt; &amp; "good"': "themes/search.md"}]},
        {"OKRs": [{"OKRs 2026-Q4": "okrs/2026-q4.md"}]},
        {"Teams": "teams/index.md"},
        {"Hypotheses": "hypotheses/index.md"},
        {"KPIs": "kpis/index.md"},
        {"Priorities": "priorities.md"},
    ]
    assert "hypotheses/h1.md" not in nav.pages() and "kpis/k1.md" not in nav.pages()


def test_no_board_no_nav() -> None:
    assert roadmap_nav(PAGES, "board.md") == Nav()


def test_nav_yml_reads_back_as_the_same_nav() -> None:
    nav = roadmap_nav([*PAGES, NavPage("themes/x.md", "Ünïcode\u2028line")], "index.md")
    text = nav.yaml()
    assert text.isascii()
    assert yaml.safe_load(text) == {"nav": nav.entries()}
    assert Nav.parse(yaml.safe_load(text)["nav"]) == nav


def test_own_pages_around_the_roadmap() -> None:
    roadmap = roadmap_nav([NavPage("board.md", "Board")], "board.md")
    own = ["about.md", "guide/editing.md", "guide/setup.md", "index.md", "my-notes/a.md"]
    assert roadmap.in_host_nav(None, own) == [
        "index.md",
        {"Board": "board.md"},
        "about.md",
        {"Guide": ["guide/editing.md", "guide/setup.md"]},
        {"My notes": ["my-notes/a.md"]},
    ]
    assert roadmap.in_host_nav(["about.md"], own) == [
        "about.md",
        {"Roadmap": [{"Board": "board.md"}]},
    ]

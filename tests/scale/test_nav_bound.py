"""The nav stays the same size however large the roadmap: a section with more entries
than `NAV_SECTION_LIMIT` becomes one link to an overview page listing them all.

Material writes the whole nav into every page, so a nav that grows with the roadmap
makes the build quadratic (issue 7). The limit is lowered here so that the small
synthetic roadmap (2 themes, 1 journey, 3 teams) crosses it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from outcomes.load.project import Layout
from outcomes.pipeline import analyse
from outcomes.render import site as site_module
from outcomes.render.site import SiteOptions, render_site
from synthkit import synthetic_project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_project(tmp_path_factory.mktemp("synthetic"), 40)


def test_small_sections_are_listed_one_by_one(project: Path) -> None:
    roadmap, _ = analyse(Layout(project), datetime.date(2026, 11, 22))
    pages = {p.src_uri: p for p in render_site(roadmap, SiteOptions()).pages}
    assert "themes/index.md" not in pages
    assert all(pages[f"themes/{t}.md"].in_nav for t in roadmap.themes)


def test_a_section_over_the_limit_gets_an_overview_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_module, "NAV_SECTION_LIMIT", 2)
    roadmap, _ = analyse(Layout(project), datetime.date(2026, 11, 22))
    pages = {p.src_uri: p for p in render_site(roadmap, SiteOptions()).pages}
    assert sorted(uri for uri in pages if uri.endswith("/index.md")) == [
        "hypotheses/index.md", "kpis/index.md", "teams/index.md",
    ]  # fmt: skip
    overview = pages["teams/index.md"].content
    assert overview.startswith("# Teams\n")
    for team in roadmap.teams:
        assert f'href="{team}/"' in overview  # teams/index.md is served at teams/
        assert not pages[f"teams/{team}.md"].in_nav
    assert all(pages[f"themes/{t}.md"].in_nav for t in roadmap.themes)  # 2: listed


def test_the_nav_links_to_the_overview(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_module, "NAV_SECTION_LIMIT", 1)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    sections = {label: target for entry in config.nav if isinstance(entry, dict)
                for label, target in entry.items()}  # fmt: skip
    assert sections["Themes"] == "themes/index.md"
    assert isinstance(sections["Journeys"], list)  # 1 journey: not over the limit
    assert sections["Teams"] == "teams/index.md"
    assert isinstance(sections["OKRs"], list)  # four periods at most: always listed
    assert (project / "site" / "themes" / "index.html").is_file()

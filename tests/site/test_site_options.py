"""End-to-end: where the board goes, edit links, strict mode, errors and `mkdocs serve`."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import get_files

from sitekit import (
    AS_OF,
    MAIN_PROJECT,
    MKDOCS_YML,
    build_site,
    exists_in_site,
    internal_links,
    read_page,
    resolve,
    write_files,
)

pytestmark = pytest.mark.e2e

REPO = "https://github.com/example/roadmap"

# A one-hypothesis project: the hypothesis is `validated`; `expect` decides what the
# data says (the KPI's latest value is 0.40).
BET = """\
id: bet
title: A bet
horizon: now
hypotheses:
  - id: guess
    title: A guess
    status: validated
    we_believe: x
    for: y
    will_result_in: z
    measured_by:
      kpi: {kpi}
      expect: {expect}
      kill: {kill}
    experiments:
      - title: Test
        start: 2026-09-01
        end: 2026-10-01
"""


def small_project(root: Path, *, kpi: str = "rate", expect: float = 0.40) -> Path:
    write_files(root, {
        "mkdocs.yml": MKDOCS_YML,
        "docs/about.md": "# About\n",
        "okrs/kpis.yaml": """
            kpis:
              - id: rate
                name: Rate
                unit: percent
                direction: increase
            """,
        "okrs/measurements/rate.csv": "date,value\n2026-11-02,0.38\n2026-11-16,0.40\n",
        "roadmap/bet.yaml": BET.format(kpi=kpi, expect=expect, kill=round(expect - 0.05, 2)),
    })  # fmt: skip
    return root


# -- board and edit links -------------------------------------------------------------


@pytest.fixture(scope="module")
def with_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The main project with its own home page and edit links turned on."""
    root = tmp_path_factory.mktemp("with-index")
    config = MKDOCS_YML.replace(
        "theme:\n", f"repo_url: {REPO}\nedit_uri: edit/main/docs/\ntheme:\n"
    ).replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    write_files(root, {**MAIN_PROJECT, "mkdocs.yml": config,
                       "docs/index.md": "# Our product\n\nWelcome.\n"})  # fmt: skip
    return build_site(root)


def edit_link(site: Path, url: str) -> str | None:
    page = read_page(site, url)
    for a in page.find_all("a", class_="md-content__button"):
        if "edit" in a.attrs.get("title", "").lower():
            return a.attrs["href"]
    return None


def test_board_moves_to_board_when_docs_has_an_index(with_index: Path) -> None:
    assert read_page(with_index, "").find("h1").plain == "Our product"
    board = read_page(with_index, "board/")
    assert board.find("h1").plain == "Roadmap"
    assert "themes/activation/" in {
        resolve("board/", a.attrs["href"]) for a in board.find_all("a") if "href" in a.attrs
    }
    nav = read_page(with_index, "").find("nav", class_="md-nav--primary")
    board_entries = [a for a in nav.find_all("a") if a.plain == "Board"]
    assert [resolve("", a.attrs["href"]) for a in board_entries] == ["board/"]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("themes/activation/", "roadmap/activation.yaml"),
        ("hypotheses/checklist/", "roadmap/activation.yaml"),
        ("kpis/signups/", "okrs/kpis.yaml"),
        ("okrs/2026-q4/", "okrs/2026-Q4.yaml"),
        ("journeys/first-week/", "journeys/first-week.yaml"),
        ("teams/growth/", "okrs/teams.yaml"),
        ("about/", "docs/about.md"),
    ],
)
def test_edit_links_point_at_the_yaml_source(with_index: Path, url: str, source: str) -> None:
    assert edit_link(with_index, url) == f"{REPO}/edit/main/{source}"


def test_pages_without_a_source_have_no_edit_link(with_index: Path) -> None:
    assert edit_link(with_index, "board/") is None
    assert edit_link(with_index, "hypotheses/") is None


# -- strict mode and errors -----------------------------------------------------------


def test_strict_build_fails_on_a_data_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = small_project(tmp_path, expect=0.50)  # validated, but 40% < 50%
    with pytest.raises(Abort, match="strict mode"):
        build_site(root, strict=True)
    assert "status-contradicted" in caplog.text


def test_non_strict_build_passes_with_the_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = small_project(tmp_path, expect=0.50)
    with caplog.at_level(logging.WARNING):
        site = build_site(root)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("roadmap/bet.yaml:5:9" in r.getMessage() and "status-contradicted"
               in r.getMessage() for r in warnings)  # fmt: skip
    assert (site / "hypotheses" / "guess" / "index.html").is_file()


def test_strict_build_passes_when_the_data_agrees(tmp_path: Path) -> None:
    site = build_site(small_project(tmp_path, expect=0.40), strict=True)
    assert (site / "hypotheses" / "guess" / "index.html").is_file()


def test_an_error_fails_the_build_with_a_located_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = small_project(tmp_path, kpi="rates")
    with pytest.raises(Abort):
        build_site(root)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    message = "\n".join(r.getMessage() for r in errors)
    assert "roadmap/bet.yaml:12:12: error[unknown-reference]" in message
    assert "rate" in message  # the "did you mean"
    assert not any(r.exc_info for r in caplog.records)
    assert not (root / "site" / "hypotheses").exists()


def test_an_error_is_a_plugin_error_not_a_crash(tmp_path: Path) -> None:
    root = small_project(tmp_path, kpi="rates")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match=r"roadmap/bet\.yaml:12:12"):
        config.plugins.on_files(get_files(config), config=config)


def test_mkdocs_cli_prints_the_error_without_a_traceback(tmp_path: Path) -> None:
    root = small_project(tmp_path, kpi="rates")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "roadmap/bet.yaml:12:12: error[unknown-reference]" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# -- mkdocs serve ---------------------------------------------------------------------


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, func: object = None, *, recursive: bool = True) -> None:
        self.watched.append(path)


def test_serve_watches_the_three_yaml_folders(tmp_path: Path) -> None:
    write_files(tmp_path, MAIN_PROJECT)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    plugin = config.plugins["outcomes"]
    fake = FakeServer()
    server: Any = fake  # stands in for mkdocs' LiveReloadServer
    assert plugin.on_serve(server, config=config, builder=lambda: None) is server
    watched = {Path(p).resolve() for p in fake.watched}
    assert watched == {(tmp_path / d).resolve() for d in ("roadmap", "journeys", "okrs")}


def test_serve_watches_configured_folders(tmp_path: Path) -> None:
    project = {name.replace("roadmap/", "plans/"): text for name, text in MAIN_PROJECT.items()}
    project["mkdocs.yml"] = MKDOCS_YML.replace(
        f"as_of: {AS_OF}", f"as_of: {AS_OF}\n      roadmap_dir: plans"
    )
    write_files(tmp_path, project)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    fake = FakeServer()
    server: Any = fake
    config.plugins["outcomes"].on_serve(server, config=config, builder=lambda: None)
    watched = {Path(p).resolve() for p in fake.watched}
    assert (tmp_path / "plans").resolve() in watched
    assert (tmp_path / "roadmap").resolve() not in watched


# -- other layouts ------------------------------------------------------------------------


def test_links_resolve_without_directory_urls(tmp_path: Path) -> None:
    config = MKDOCS_YML.replace("theme:\n", "use_directory_urls: false\ntheme:\n")
    write_files(tmp_path, {**MAIN_PROJECT, "mkdocs.yml": config})
    site = build_site(tmp_path)
    assert (site / "hypotheses" / "checklist.html").is_file()
    assert (site / "themes" / "activation.html").is_file()
    broken = [(page, link) for page, link, target in internal_links(site)
              if target.startswith("..") or not exists_in_site(site, target)]  # fmt: skip
    assert not broken
    latest = read_page(site, "hypotheses/checklist.html").find("p", class_="outcomes-latest")
    assert latest.find("a").attrs["href"] == "../kpis/invite-rate.html"


def test_serve_shows_errors_on_the_board_and_recovers(tmp_path: Path) -> None:
    root = small_project(tmp_path, kpi="rates")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        board = read_page(root / "site", "")
        alert = board.find("div", role="alert")
        assert "roadmap/bet.yaml:12:12: error[unknown-reference]" in alert.plain
        small_project(tmp_path, kpi="rate")  # the fix
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        build(config, serve_url="http://127.0.0.1:8000/")
        assert read_page(root / "site", "").find("h1").plain == "Roadmap"
        assert (root / "site" / "hypotheses" / "guess" / "index.html").is_file()
    finally:
        config.plugins.on_startup(command="build", dirty=False)
        config.plugins.on_shutdown()


@pytest.mark.parametrize(
    ("index", "noted"),
    [
        ("# Our roadmap\n", True),  # a heading only: the home page would be blank
        ("", True),
        (
            "# Our roadmap\n\n" + "What we are working on and why, for the whole company. " * 3,
            False,
        ),
        ("# Roadmap\n\nSee [the board](board.md).\n", False),  # it links the board already
    ],
)
def test_an_own_home_page_that_says_little_leads_to_the_board(
    tmp_path: Path, index: str, noted: bool
) -> None:
    root = small_project(tmp_path)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text(index, encoding="utf-8")
    before = (root / "docs" / "index.md").read_bytes()
    site = build_site(root, strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ("open the board</a>" in home) is noted
    assert 'href="board/"' in home
    assert (root / "docs" / "index.md").read_bytes() == before  # nothing written into docs/

"""Graphviz under hostile input: a pathological graph times out into a warning and a
placeholder (the build goes on; `mkdocs build --strict` fails), and user labels never
become HTML-like labels, attributes or broken strings.

The pathological graph is a journey of 800 steps with five boosters and five blockers
each (8,800 nodes, 250 KB of YAML, well within the limits): `dot` needs about a second
for it on the development machine, twenty times the 0.05 s timeout set here, while the
traceability graph of the same project takes a few milliseconds.
"""

from __future__ import annotations

import datetime
import logging
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from outcomes.diagnostics import Severity
from outcomes.load.project import Layout
from outcomes.pipeline import analyse
from outcomes.render.site import SiteOptions, render_site
from sitekit import build_site

HERE = Path(__file__).parent
BASE = HERE / "base"
AS_OF = datetime.date(2026, 11, 22)
TIMEOUT = 0.05
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def big_journey(stages: int = 40, steps: int = 20, extras: int = 5) -> str:
    lines = ["id: big", "title: A very large journey", "stages:"]
    for s in range(stages):
        lines += [f"  - id: st{s}", f"    title: Stage {s}", "    steps:"]
        for t in range(steps):
            boosters = ", ".join(f"booster {i} of step {t}" for i in range(extras))
            blockers = ", ".join(f"blocker {i} of step {t}" for i in range(extras))
            lines += [
                f"      - id: s{s}-{t}",
                f"        title: Step {t} of stage {s}",
                f"        boosters: [{boosters}]",
                f"        blockers: [{blockers}]",
            ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def big_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    (root / "journeys").mkdir()
    (root / "journeys" / "big.yaml").write_text(big_journey(), encoding="utf-8")
    return root


@needs_dot
def test_a_pathological_journey_times_out_into_a_warning_and_a_placeholder(
    big_project: Path,
) -> None:
    roadmap, diagnostics = analyse(Layout(big_project), AS_OF)
    assert not [d for d in diagnostics if d.severity is Severity.ERROR]
    started = time.perf_counter()
    site = render_site(roadmap, SiteOptions(dot_timeout=TIMEOUT))
    assert time.perf_counter() - started < 10
    failed = [d for d in site.diagnostics if d.path == "journeys/big.yaml"]
    assert [(d.severity, d.code, d.message, d.hint) for d in failed] == [(
        Severity.WARNING, "diagram-failed",
        "Journey map: A very large journey: dot timed out after 0.05 s; the graph is too large",
        "the page shows a placeholder instead",
    )]  # fmt: skip
    pages = {page.src_uri: page.content for page in site.pages}
    journey = pages["journeys/big.md"]
    assert '<div class="outcomes-diagram-missing" role="note">' in journey
    assert "<svg" not in journey
    assert "Step 19 of stage 39" in journey  # the rest of the page is there
    assert "themes/control.md" in pages and "index.md" in pages  # and so is the site


MKDOCS_YML = f"""\
site_name: Timeout
theme:
  name: material
  font: false
plugins:
  - outcomes:
      as_of: {AS_OF}
      dot_timeout: {TIMEOUT}
"""


def mkdocs_build(root: Path, *, strict: bool) -> Path:
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    return build_site(root, strict=strict)


@needs_dot
@pytest.mark.e2e
def test_the_build_goes_on_with_a_placeholder(
    big_project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = mkdocs_build(big_project, strict=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        m.startswith("outcomes: journeys/big.yaml:1:1: warning[diagram-failed] Journey map: A very "
                     "large journey: dot timed out after 0.05 s")
        for m in warnings
    ), warnings  # fmt: skip
    page = (site / "journeys" / "big" / "index.html").read_text(encoding="utf-8")
    assert "The diagram could not be drawn: dot timed out after 0.05 s" in page
    assert (site / "themes" / "control" / "index.html").is_file()


@needs_dot
@pytest.mark.e2e
def test_strict_build_fails_on_a_timed_out_diagram(big_project: Path) -> None:
    started = time.perf_counter()
    with pytest.raises(Abort, match="warnings"):
        mkdocs_build(big_project, strict=True)
    assert time.perf_counter() - started < 60  # never hangs


# -- labels -------------------------------------------------------------------------------


class _Svg(HTMLParser):
    """Tags, attributes and text of an inline SVG."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@needs_dot
def test_hostile_labels_are_drawn_as_text(tmp_path: Path) -> None:
    """The journey of the graphviz-labels case: HTML-like labels, attribute injection,
    quotes, backslashes and newlines all end up as the literal text of their node."""
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    shutil.copytree(HERE / "cases" / "graphviz-labels" / "files", root, dirs_exist_ok=True)
    roadmap, diagnostics = analyse(Layout(root), AS_OF)
    assert not [d for d in diagnostics if d.severity is Severity.ERROR]
    site = render_site(roadmap, SiteOptions())
    assert site.diagnostics == []
    page = next(p.content for p in site.pages if p.src_uri == "journeys/case.md")
    svg = page[page.index("<svg") : page.index("</svg>") + 6]
    parsed = _Svg()
    parsed.feed(svg)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= {"svg", "title", "desc", "g", "a", "path", "polygon", "text", "ellipse"}
    assert not {"image", "font", "b", "script"} & tags
    attributes = {name for _, attrs in parsed.tags for name in attrs}
    hrefs = [attrs["href"] for _, attrs in parsed.tags if "href" in attrs]
    assert hrefs == ["./#step-a"]  # the one link is our own: the step on its own page
    assert not [a for a in attributes if a.startswith("on") or a in ("image", "url", "fontname")]
    sizes = {attrs.get("font-size") for _, attrs in parsed.tags if "font-size" in attrs}
    assert "99.00" not in sizes and "99" not in sizes
    drawn = " ".join(" ".join(parsed.text).split())
    for literal in (
        "<<font point-size='99'>x</font>>",  # the step: no HTML-like label
        'x" URL="javascript:alert(1)" image="/etc/passwd',  # the stage: one string
        "\\N \\G \\L",  # dot's escapes stay text
        'shapefile="/etc/passwd"',
        "<script>alert(1)</script>",
        "line",
        'break \\" ]; fontname=x',  # a newline, a backslash and a quote
    ):
        assert literal in drawn, literal

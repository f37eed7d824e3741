"""The demo on every host: MkDocs and ProperDocs with the plugin, Zensical from
`outcomes generate`, each a real build in a subprocess, compared on the built HTML.

Versions verified: MkDocs 1.6.1 + Material 9.8.2, ProperDocs 1.6.7, Zensical 0.0.73 (the
dev extras pin them). Each site gets the same hand-written page of `outcomes` blocks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import exists_in_site, internal_links

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BLOCKS = """\
# Figures

```outcomes
kpi: week1-invite-rate
```

```outcomes
hypothesis: invite-nudge-email
```

```outcomes
theme: onboarding
```

```outcomes
okr: 2026-Q4
```

```outcomes
board: now
```
"""
ZENSICAL_YML = """\
INHERIT: site-src/nav.yml
site_name: Relay roadmap
docs_dir: site-src
site_dir: site
extra_css:
  - assets/outcomes/outcomes.css
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - outcomes.markdown:
      as_of: 2026-11-22
"""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _project(tmp: Path) -> Path:
    root = tmp / "demo"
    root.mkdir()
    for name in ("docs", "roadmap", "journeys", "okrs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root)
    (root / "docs" / "figures.md").write_text(BLOCKS, encoding="utf-8")
    return root


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built: dict[str, Path] = {}
    for host in ("mkdocs", "properdocs"):
        root = _project(tmp_path_factory.mktemp(host))
        _run([str(BIN / host), "build", "--strict"], root)
        built[host] = root / "site"
    root = _project(tmp_path_factory.mktemp("zensical"))
    (root / "zensical.yml").write_text(ZENSICAL_YML, encoding="utf-8")
    _run([str(BIN / "outcomes"), "generate", "site-src", "--as-of", "2026-11-22",
          "--links", "source"], root)  # fmt: skip
    shutil.copytree(root / "docs", root / "site-src", dirs_exist_ok=True)
    _run([str(BIN / "zensical"), "build", "-f", "zensical.yml"], root)
    built["zensical"] = root / "site"
    return built


def _pages(site: Path) -> set[str]:
    roadmap = ("themes/", "hypotheses/", "kpis/", "okrs/", "journeys/", "teams/",
               "priorities/", "health/", "traceability/", "legend/")  # fmt: skip
    return {
        p.relative_to(site).as_posix() for p in site.rglob("index.html")
        if p.relative_to(site).as_posix().startswith(roadmap)
    }  # fmt: skip


def _figures(html: str) -> list[str]:
    """Every value, badge, trend and progress figure the roadmap's markup shows."""
    found = re.findall(
        r'<(?:span|strong|div) class="(outcomes-(?:figure|trend|badge|progress)[^"]*)"'
        r'[^>]*?(?:aria-valuenow="([^"]*)")?[^>]*>([^<]*)', html)  # fmt: skip
    found += re.findall(r"<strong>([^<]*)</strong>", html)
    return [str(f) for f in found]


def test_every_host_builds_the_same_roadmap_pages(sites: dict[str, Path]) -> None:
    mkdocs = _pages(sites["mkdocs"])
    assert len(mkdocs) == 103  # the generated pages but the board, roadmap.json, the CSS
    assert "hypotheses/invite-nudge-email/index.html" in mkdocs
    assert _pages(sites["properdocs"]) == mkdocs
    assert _pages(sites["zensical"]) == mkdocs


@pytest.mark.parametrize(
    ("page", "count"), [("index.html", 41), ("hypotheses/invite-nudge-email/index.html", 7)]
)
def test_every_host_shows_the_same_figures(sites: dict[str, Path], page: str, count: int) -> None:
    figures = {host: _figures((site / page).read_text(encoding="utf-8"))
               for host, site in sites.items()}  # fmt: skip
    assert len(figures["mkdocs"]) == count
    assert figures["properdocs"] == figures["mkdocs"]
    assert figures["zensical"] == figures["mkdocs"]


def test_every_host_renders_each_kind_of_block(sites: dict[str, Path]) -> None:
    for host, site in sites.items():
        html = (site / "figures" / "index.html").read_text(encoding="utf-8")
        kinds = re.findall(r'<div class="outcomes-embed outcomes-embed-(\w+)" data-outcomes', html)
        assert kinds == ["kpi", "hypothesis", "theme", "okr", "board"], host
        assert "<strong>47.1%</strong> on 16 Nov 2026" in html, host
        assert "What the data says: untested." in html, host
        assert 'id="objective-' in html, host
        assert "outcomes-embed-error" not in html, host


@pytest.mark.parametrize("host", ["mkdocs", "properdocs"])
def test_an_unknown_id_fails_the_strict_build_at_its_line(tmp_path: Path, host: str) -> None:
    root = _project(tmp_path)
    (root / "docs" / "figures.md").write_text(
        "# Figures\n\n```outcomes\nkpi: week1-invite-rat\n```\n", encoding="utf-8"
    )
    done = subprocess.run([str(BIN / host), "build", "--strict"], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 1
    assert (
        "WARNING -  docs/figures.md:4: outcomes block: no KPI 'week1-invite-rat' in the "
        "roadmap; did you mean 'week1-invite-rate'?"
    ) in done.stderr
    assert "Aborted with 1 warnings in strict mode!" in done.stdout


@pytest.mark.parametrize("host", ["mkdocs", "properdocs"])
def test_no_host_prints_a_promotional_banner(sites: dict[str, Path], host: str,
                                             tmp_path: Path) -> None:  # fmt: skip
    root = _project(tmp_path)
    done = _run([str(BIN / host), "build", "--strict"], root)
    # Material's end-of-life notice, and the notice ProperDocs prints under `mkdocs` when a
    # plugin asks it to (properdocs.replacement_warning): neither appears.
    for banner in ("end of life", "switch to *ProperDocs*", "NO_MKDOCS_2_WARNING",
                   "DISABLE_MKDOCS_2_WARNING"):  # fmt: skip
        assert banner not in done.stderr + done.stdout


# The roadmap's pages, and the hand-written page whose blocks link into them.
ROADMAP_FOLDERS = ("themes/", "hypotheses/", "kpis/", "okrs/", "journeys/", "teams/", "figures/")


@pytest.mark.parametrize("host", ["mkdocs", "properdocs", "zensical"])
def test_links_between_roadmap_pages_resolve_on_every_host(
    sites: dict[str, Path], host: str
) -> None:
    site = sites[host]
    broken = sorted(
        (here, link)
        for here, link, target in internal_links(site)
        if here.startswith(ROADMAP_FOLDERS) and not exists_in_site(site, target)
    )
    assert broken == [], broken[:10]

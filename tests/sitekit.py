"""Helpers of the end-to-end site tests: write a small project, build it, read its HTML.

The project is written into `tmp_path` with its own mkdocs.yml, so each build runs
the real plugin through MkDocs' Python API exactly as `mkdocs build` does.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import posixpath
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

AS_OF = "2026-11-22"
SOURCE_DIRS = ("docs", "roadmap", "journeys", "okrs")

MKDOCS_YML = f"""\
site_name: Test roadmap
theme:
  name: material
  font: false
plugins:
  - search
  - outcomes:
      as_of: {AS_OF}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
"""


def write_files(root: Path, files: Mapping[str, str]) -> None:
    """Write `{relative path: text}` under `root`, dedenting each text."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def build_site(root: Path, *, strict: bool = False) -> Path:
    """Build the project at `root` like `mkdocs build [--strict]`; returns the site folder."""
    site_dir = root / "site"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def snapshot(root: Path, folders: tuple[str, ...] = SOURCE_DIRS) -> dict[str, tuple[int, str]]:
    """Every file under the source folders: modification time and content digest."""
    state: dict[str, tuple[int, str]] = {}
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                state[path.relative_to(root).as_posix()] = (path.stat().st_mtime_ns, digest)
            else:
                state[path.relative_to(root).as_posix() + "/"] = (0, "")
    return state


# -- reading HTML -------------------------------------------------------------------


@dataclass
class Element:
    """One start tag, with the text inside it (nested text included)."""

    tag: str
    attrs: dict[str, str]
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        """Descendants (self included) with this tag whose attributes contain `attrs`.

        `class_` matches one class among several, like CSS `.name`.
        """
        found = []
        for element in self.iter():
            if element.tag != tag:
                continue
            if all(_attr_matches(element, name, value) for name, value in attrs.items()):
                found.append(element)
        return found

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> found"
        return found[0]

    @property
    def plain(self) -> str:
        return " ".join(self.text.split())


def _attr_matches(element: Element, name: str, value: str) -> bool:
    if name == "class_":
        return value in element.attrs.get("class", "").split()
    return element.attrs.get(name) == value


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
         "source", "track", "wbr"}  # fmt: skip
_RCDATA = {"title", "textarea"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)
        if tag in _RCDATA and not any(e.tag == "svg" for e in self.stack):
            # Like a browser: an HTML <title> holds text up to `</title`, never tags.
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if self.cdata_elem in _RCDATA:
            data = html.unescape(data)
        for element in self.stack:
            element.text += data


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def read_page(site_dir: Path, url: str) -> Element:
    """The parsed page at a site URL such as `hypotheses/checklist/`."""
    path = site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url
    return parse_html(path.read_text(encoding="utf-8"))


def resolve(page_url: str, href: str) -> str:
    """A relative href of the page at `page_url` as a URL from the site root."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    target = href.split("#", 1)[0].split("?", 1)[0]
    joined = posixpath.normpath(posixpath.join(base or ".", target))
    if joined == ".":
        return ""
    return joined + "/" if target.endswith("/") or target in ("", ".", "..") else joined


def page_url(site_dir: Path, html_file: Path) -> str:
    """The URL of a built page: `hypotheses/x/index.html` -> `hypotheses/x/`."""
    rel = html_file.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def exists_in_site(site_dir: Path, url: str) -> bool:
    target = site_dir / url
    if url.endswith("/") or not url:
        return (target / "index.html").is_file()
    return target.is_file() or (target / "index.html").is_file()


# -- the projects ---------------------------------------------------------------------

_INVITE_RATE = [
    ("2026-09-07", 0.40), ("2026-09-14", 0.41), ("2026-09-21", 0.42), ("2026-09-28", 0.43),
    ("2026-10-05", 0.44), ("2026-10-12", 0.44), ("2026-10-19", 0.45), ("2026-10-26", 0.45),
    ("2026-11-02", 0.46), ("2026-11-09", 0.46), ("2026-11-16", 0.47),
    ("2026-11-30", 0.99),  # after as_of: never shown as the latest value
]  # fmt: skip
_SIGNUPS = [
    ("2026-09-28", 5), ("2026-10-05", 10), ("2026-10-12", 15), ("2026-10-19", 20),
    ("2026-10-26", 22), ("2026-11-02", 25), ("2026-11-09", 28), ("2026-11-16", 30),
]  # fmt: skip


def _csv(rows: Sequence[tuple[str, float]]) -> str:
    return "date,value\n" + "".join(f"{day},{value}\n" for day, value in rows)


# Hand-computed figures on 2026-11-22 (see the tests): outcomes on `signups` run from
# 2026-09-23 to 2027-01-21, so 60 of 120 days have passed (expected progress 0.5) and
# the value judged is 30 (2026-11-16) against a baseline of 0.
MAIN_PROJECT: dict[str, str] = {
    "mkdocs.yml": MKDOCS_YML,
    "docs/about.md": "# About\n\nA hand-written page.\n",
    "okrs/teams.yaml": """
        teams:
          - id: growth
            name: Growth
          - id: core
            name: Core
        """,
    "okrs/kpis.yaml": """
        kpis:
          - id: invite-rate
            name: Invite rate
            description: Share of new workspaces that invite a teammate.
            unit: percent
            direction: increase
            owner: growth
          - id: signups
            name: Signups
            unit: count
            direction: increase
            owner: growth
          - id: empty-kpi
            name: Not measured yet
            unit: count
            direction: increase
            owner: core
        """,
    "okrs/measurements/invite-rate.csv": _csv(_INVITE_RATE),
    "okrs/measurements/signups.csv": _csv(_SIGNUPS),
    "okrs/measurements/empty-kpi.csv": "date,value\n",
    "okrs/2026-Q4.yaml": """
        period: 2026-Q4
        objectives:
          - id: grow
            title: More teams get going
            owner: growth
            themes: [activation]
            key_results:
              - id: invites
                kpi: invite-rate
                baseline: 0.40
                target: 0.50
        """,
    "journeys/first-week.yaml": """
        id: first-week
        title: A team's first week
        persona: Admin of a small team
        stages:
          - id: discover
            title: Discover
            steps:
              - id: signup
                title: Sign up
                emotion: 1
                boosters: [sees a template]
                blockers: [asked for a card]
          - id: set-up
            title: Set up
            steps:
              - id: first-run
                title: First run
                emotion: -1
                kpis: [invite-rate]
        """,
    "roadmap/activation.yaml": """
        id: activation
        title: New teams get going
        horizon: now
        owner: growth
        problem: |
          Admins arrive **alone**.
        outcomes:
          - kpi: signups      # 1: progress 0.5, expected 0.5
            baseline: 0
            target: 60
            from: 2026-09-23
            by: 2027-01-21
          - kpi: signups      # 2: progress 0.3
            baseline: 0
            target: 100
            from: 2026-09-23
            by: 2027-01-21
          - kpi: signups      # 3: progress 0.1
            baseline: 0
            target: 300
            from: 2026-09-23
            by: 2027-01-21
          - kpi: signups      # 4: progress 1.0
            baseline: 0
            target: 30
            from: 2026-09-23
            by: 2027-01-21
          - kpi: empty-kpi    # 5: nothing measured
            baseline: 0
            target: 10
            from: 2026-09-23
            by: 2027-01-21
          - kpi: signups      # 6: ended 2026-10-31 at 22 of 100
            baseline: 0
            target: 100
            from: 2026-06-01
            by: 2026-10-31
        hypotheses:
          - id: checklist
            title: Setup checklist
            status: testing
            we_believe: a setup checklist
            for: admins
            will_result_in: more invites
            measured_by: {kpi: invite-rate, expect: 0.50}
            journey_steps: [first-week/first-run]
            experiments:
              - title: Half rollout
                start: 2026-10-12
                end: 2026-11-30
            evidence:
              - title: The "first-run" study's notes
                url: https://example.com/study?a=1&b=2
            tags: [activation]
          - id: import-history
            title: Import history
            status: validated
            we_believe: importing chat history
            for: admins moving in
            will_result_in: more invites
            measured_by: {kpi: invite-rate, expect: 0.50, kill: 0.48}
            journey_steps: [first-week/signup]
            experiments:
              - title: Import step
                start: 2026-07-06
                end: 2026-08-02
          - id: tour
            title: Product tour
            status: testing
            we_believe: a product tour
            for: admins
            will_result_in: more invites
            measured_by: {kpi: invite-rate, expect: 0.45}
            journey_steps: [first-week/first-run]
            experiments:
              - title: Tour for everyone
                start: 2026-09-01
                end: 2026-10-15
          - id: templates
            title: Templates
            status: idea
            we_believe: templates per use case
            for: admins
            will_result_in: more invites
            measured_by: {kpi: invite-rate, expect: 0.55}
            scores: {value: 4, viability: 3, usability: 2, feasibility: 5}
          - id: empty-bet
            title: Unmeasured bet
            status: planned
            we_believe: something new
            for: admins
            will_result_in: a change we do not measure yet
            measured_by: {kpi: empty-kpi, expect: 5}
            experiments:
              - title: Pilot
                start: 2026-09-01
                end: 2026-10-01
          - id: dropped
            title: Dropped idea
            status: invalidated
            we_believe: a bigger invite button
            for: admins
            will_result_in: more invites
            measured_by: {kpi: invite-rate, expect: 0.60, kill: 0.50}
            experiments:
              - title: Button test
                start: 2026-08-01
                end: 2026-08-15
        """,
    "roadmap/retention.yaml": """
        id: retention
        title: Teams keep coming back
        horizon: next
        owner: core
        outcomes:
          - kpi: invite-rate
            baseline: 0.40
            target: 0.60
            from: 2026-09-01
            by: 2027-06-30
        hypotheses:
          - id: digest
            title: Weekly digest
            status: idea
            we_believe: a weekly digest email
            for: members
            will_result_in: more returning members
        """,
    "roadmap/legacy.yaml": """
        id: legacy
        title: Old onboarding retired
        horizon: done
        owner: core
        """,
}


# -- links ----------------------------------------------------------------------------

_LINK_ATTRIBUTES = ("href", "src", "xlink:href")
_EXTERNAL = ("http://", "https://", "mailto:", "//")


def internal_links(site_dir: Path) -> Iterator[tuple[str, str, str]]:
    """Every internal link of every built page: (page URL, raw link, URL from the root)."""
    for html_file in sorted(site_dir.rglob("*.html")):
        here = page_url(site_dir, html_file)
        document = parse_html(html_file.read_text(encoding="utf-8"))
        for element in document.iter():
            for name in _LINK_ATTRIBUTES:
                link = element.attrs.get(name)
                if not link or link.startswith("#") or link.startswith(_EXTERNAL):
                    continue
                if link.startswith("/"):  # 404.html links from the root
                    target = resolve("", link.lstrip("/") or "./")
                else:
                    target = resolve(here, link)
                yield here, link, target


# Material's own assets: the same in every build, none of them from the roadmap.
THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")


def output_texts(site: Path) -> dict[str, str]:
    """Every file of the built site as text, gzip'd ones unpacked; theme files aside."""
    texts: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(THEME_FILES):
            continue
        data = path.read_bytes()
        if rel.endswith(".gz"):
            data = gzip.decompress(data)
        texts[rel] = data.decode("utf-8", errors="replace")
    return texts

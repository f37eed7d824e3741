"""What every host publishes, in one call: the pages, their problems and their nav.

The MkDocs plugin and `outcomes generate` both call `publish` with the one `Settings`
object, so they build the same pages for the same settings; each host only hands the
pages over its own way (MkDocs' `File.generated`, files in a folder) and reports the
problems its own way. Like literate-nav's and gen-files' plugins, the adapter maps its
config and calls this; every rule lives below it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.history.timeline import History
from outcomes.model.audience import for_audience
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import analyse, project_layout
from outcomes.render.nav import Nav, NavPage, roadmap_nav
from outcomes.render.problems import PAGE_TITLE, problems_page, problems_summary
from outcomes.render.site import GeneratedPage, SiteOptions, render_site
from outcomes.settings import Settings


@dataclass(frozen=True)
class Host:
    """What the host decides: where the board goes, its URL style, whether it serves."""

    board: str = "index.md"
    use_directory_urls: bool = True
    # `mkdocs serve`: errors show on a page where the board would be, instead of failing.
    serving: bool = False
    # See `SiteOptions.defer_html`.
    defer_html: Callable[[str], str] | None = None
    # mkdocs.yml's `repo_url` and `site_url`: commit links and the feed's absolute links.
    repo_url: str | None = None
    site_url: str | None = None
    # Links relative to source files, for hosts that rewrite raw HTML links (Zensical).
    source_links: bool = False


@dataclass
class Publication:
    """The pages of one build, every problem found, and the roadmap's nav.

    `failure` is the message to fail the build with (errors, not serving); then there
    are no pages.
    """

    pages: list[GeneratedPage] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    nav: Nav = field(default_factory=Nav)
    failure: str | None = None
    # The model the pages were rendered from (None when it has errors): the `outcomes`
    # Markdown blocks of the host's own pages show cards from it (`outcomes.markdown`).
    roadmap: Roadmap | None = None


def board_page(has_own_index: bool) -> str:
    """The board is the home page unless the project has its own `index.md`."""
    return "board.md" if has_own_index else "index.md"


# A home page with less text than this, headings aside, is a stub (`outcomes init`'s
# one line, or a heading only): it gets a line that leads to the board.
_STUB_CHARS = 80
_HEADING = re.compile(r"^ {0,3}#.*$", re.MULTILINE)
BOARD_NOTE = (
    "\n\nThe roadmap's board, every theme by Now, Next and Later with the progress of its "
    "outcomes, is one click away: [open the board](board.md).\n"
)


def home_page(markdown: str) -> str:
    """A project's own `index.md`, never a blank home page: a stub gets the board's link.

    Only the page as MkDocs renders it changes; nothing is written into docs/.
    """
    if "](board.md)" in markdown or len(_HEADING.sub("", markdown).strip()) >= _STUB_CHARS:
        return markdown
    return markdown.rstrip() + BOARD_NOTE


def history_notes(history: History) -> list[Diagnostic]:
    """The one information a build gives when it cannot read the whole history."""
    if history.state in ("complete", "off"):
        return []
    message = {
        "shallow": "a shallow clone: the Changes page shows only the commits fetched "
        "(fetch the whole history, e.g. `fetch-depth: 0`)",
        "no-git": "not a git repository: the Changes page has no history to show",
        "no-commits": "no commits yet: the Changes page has no history to show",
    }[history.state]
    return [Diagnostic(".", 1, 1, Severity.INFO, "history-unavailable", message)]


def publish(
    root: Path,
    settings: Settings,
    host: Host | None = None,
    progress: Callable[[str], None] | None = None,
) -> Publication:
    """Load, resolve and render the project at `root` for a host; `progress` is told each
    step as it starts (a command shows it on a terminal)."""
    host = host or Host()
    step = progress or (lambda _step: None)
    step("reading the roadmap")
    roadmap, diagnostics = analyse(project_layout(root, settings), settings.day(), settings)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors and not host.serving:
        return Publication(diagnostics=diagnostics, failure=problems_summary(errors))
    model: Roadmap | None = None
    if errors:
        pages = [GeneratedPage(host.board, problems_page(errors), title=PAGE_TITLE)]
    else:
        history = None
        model = for_audience(roadmap, settings.audience)
        if settings.history:
            from outcomes.history.audience import history_for
            from outcomes.history.timeline import read_history

            step("reading the history from git")
            layout = project_layout(root, settings)
            history = read_history(layout)
            diagnostics = [*diagnostics, *history_notes(history)]
            if settings.audience == "public":  # past revisions: only what the model shows
                history = history_for(history, model)
        options = SiteOptions(
            host.board, host.use_directory_urls, settings.dot_timeout, host.defer_html,
            history, host.repo_url, host.site_url, host.source_links,
        )  # fmt: skip
        step(f"rendering the pages of {len(model.themes)} themes and "
             f"{len(model.hypotheses)} hypotheses")  # fmt: skip
        site = render_site(model, options)
        pages, diagnostics = site.pages, [*diagnostics, *site.diagnostics]
    nav = Nav()
    if settings.nav:
        nav = roadmap_nav((NavPage(p.src_uri, p.title, p.in_nav) for p in pages), host.board)
    return Publication(pages, diagnostics, nav, roadmap=model)

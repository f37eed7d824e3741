"""The `outcomes` MkDocs plugin: runs the core once per build and adds its pages.

Thin by design: everything it shows comes from `analyse` and `render_site`; this
module only maps options, logs problems and hands generated pages to MkDocs
through `File.generated`. Nothing is written into `docs/` or the YAML folders.
"""

from __future__ import annotations

import datetime
import os
import re
import secrets
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from outcomes import generations
from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.measurements import MAX_ROWS
from outcomes.load.project import Layout
from outcomes.load.sql import DEFAULT_TIMEOUT, MAX_TIMEOUT, SqlSettings
from outcomes.model.build import Settings
from outcomes.model.figures import Thresholds
from outcomes.pipeline import analyse
from outcomes.render import urls
from outcomes.render.site import GeneratedPage, Site, SiteOptions, render_site
from outcomes.render.text import title_html

log = get_plugin_logger(__name__)


class _Weights(base.Config):
    value = c.Type((int, float), default=1.0)
    viability = c.Type((int, float), default=1.0)
    usability = c.Type((int, float), default=1.0)
    feasibility = c.Type((int, float), default=1.0)


class _Thresholds(base.Config):
    on_track = c.Type((int, float), default=0.10)
    at_risk = c.Type((int, float), default=0.30)


class OutcomesConfig(base.Config):
    enabled = c.Type(bool, default=True)
    roadmap_dir = c.Type(str, default="roadmap")
    journeys_dir = c.Type(str, default="journeys")
    okrs_dir = c.Type(str, default="okrs")
    as_of = c.Optional(c.Type((str, datetime.date)))
    weights = c.SubConfig(_Weights)
    thresholds = c.SubConfig(_Thresholds)
    dot_timeout = c.Type((int, float), default=10)
    sql_timeout = c.Type((int, float), default=DEFAULT_TIMEOUT)  # seconds per KPI query
    sql_max_rows = c.Type(int, default=MAX_ROWS)  # rows a KPI query may return
    nav = c.Type(bool, default=True)


class OutcomesPlugin(BasePlugin[OutcomesConfig]):
    """Renders the roadmap kept in YAML beside mkdocs.yml into the site."""

    command = "build"  # set on startup; kept on the class since serve re-creates plugins
    _slots: _Slots | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        OutcomesPlugin.command = command
        # `mkdocs serve` rebuilds everything after each edit, in this process: parsed
        # files, the model, charts, diagrams and pages are kept for the next rebuild
        # (module-level, since every rebuild has new plugin objects; see
        # `outcomes.generations`). A one-shot build reads everything once: no caches.
        generations.enable(command == "serve")

    def on_shutdown(self) -> None:
        generations.enable(False)

    def _layout(self, config: MkDocsConfig) -> Layout:
        root = Path(config.config_file_path or ".").resolve().parent
        return Layout(root, self.config.roadmap_dir, self.config.journeys_dir,
                      self.config.okrs_dir)  # fmt: skip

    def _as_of(self) -> datetime.date:
        value = self.config.as_of
        if value is None:
            return datetime.date.today()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise PluginError(f"outcomes: as_of {value!r} is not an ISO date") from None

    def _sql(self) -> SqlSettings:
        timeout, rows = self.config.sql_timeout, self.config.sql_max_rows
        if isinstance(timeout, bool) or not 0 < timeout <= MAX_TIMEOUT:
            raise PluginError(
                f"outcomes: sql_timeout {timeout!r} is not a number of seconds up to "
                f"{MAX_TIMEOUT:g}"
            )
        if isinstance(rows, bool) or not 0 < rows <= MAX_ROWS:
            raise PluginError(f"outcomes: sql_max_rows {rows!r} is not a number up to {MAX_ROWS}")
        return SqlSettings(float(timeout), rows)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if urls.STYLESHEET not in config.extra_css:
            config.extra_css.append(urls.STYLESHEET)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        generations.next_generation()
        layout = self._layout(config)
        weights = self.config.weights
        thresholds = self.config.thresholds
        settings = Settings(
            Thresholds(float(thresholds.on_track), float(thresholds.at_risk)),
            (float(weights.value), float(weights.viability), float(weights.usability),
             float(weights.feasibility)),
        )  # fmt: skip
        roadmap, diagnostics = analyse(layout, self._as_of(), settings, self._sql())
        board = "board.md" if files.get_file_from_path("index.md") else "index.md"
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        if errors:
            _log_all(diagnostics)
            summary = _summary(errors)
            if OutcomesPlugin.command != "serve":
                raise PluginError(summary)
            # While serving, show the problems on the board so the next fix recovers.
            site = Site([GeneratedPage(board, _problems_page(errors), title="Roadmap problems")])
        else:
            self._slots = _Slots()
            options = SiteOptions(
                board, config.use_directory_urls, float(self.config.dot_timeout), self._slots.put
            )
            site = render_site(roadmap, options)
            _log_all([*diagnostics, *site.diagnostics])
        docs_dir = Path(config.docs_dir)
        for page in site.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"outcomes: docs/{page.src_uri} is in the way of a generated page; "
                    "rename or remove it"
                )
            file = File.generated(config, page.src_uri, content=page.content,
                                  inclusion=_inclusion(page))  # fmt: skip
            if page.source is not None:
                file.edit_uri = Path(
                    os.path.relpath(layout.root / page.source.path, docs_dir)
                ).as_posix()
            files.append(file)
        if self.config.nav:
            _set_nav(config, files, site, board)
        return files

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str | None:
        return self._slots.fill(output) if self._slots is not None else output

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if not self.config.enabled:
            return server
        layout = self._layout(config)
        for folder in (layout.roadmap_dir, layout.journeys_dir, layout.okrs_dir):
            path = layout.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


class _Slots:
    """Charts and diagrams kept out of MkDocs' Markdown step, anchor scan and search index.

    They are finished, sanitised HTML, yet at 1,000 hypotheses they were 28 of the 38 MB
    of generated Markdown, and Python's HTML parser read them three times (Markdown's raw
    HTML blocks, MkDocs' anchor scan, Material's search): a build took 104 s instead of
    23 s and 1.45x the memory of a plain build. Each becomes a comment holding a token
    drawn per build, which user text cannot forge (plain text is escaped and sanitised
    Markdown keeps no comments), and is put back into the page's final HTML.
    """

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self.pattern = re.compile(f"<!--outcomes-{self.token}-[0-9]+-->")
        self.html: dict[str, str] = {}
        self.count = 0

    def put(self, html: str) -> str:
        key = f"<!--outcomes-{self.token}-{self.count}-->"
        self.count += 1
        self.html[key] = html
        return key

    def fill(self, output: str) -> str:
        if self.token not in output:
            return output
        return self.pattern.sub(lambda m: self.html.pop(m.group(0), ""), output)


def _inclusion(page: GeneratedPage) -> InclusionLevel:
    return InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV


def _line(d: Diagnostic) -> str:
    hint = f" ({d.hint})" if d.hint else ""
    return f"{d.location}: {d.severity.value}[{d.code}] {d.message}{hint}"


def _log_all(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            log.error(_line(d))
        elif d.severity is Severity.WARNING:
            log.warning(_line(d))
        else:
            log.info(_line(d))


def _summary(errors: list[Diagnostic]) -> str:
    count = len(errors)
    head = f"outcomes: the roadmap has {count} error{'s' * (count != 1)}:"
    return "\n".join([head, *(f"  {_line(d)}" for d in errors)])


def _problems_page(errors: list[Diagnostic]) -> str:
    items = "\n".join(f"<li><code>{escape(_line(d))}</code></li>" for d in errors)
    return (
        "# Roadmap problems\n\n"
        '<div class="admonition failure" role="alert"><p class="admonition-title">'
        f"The roadmap has {len(errors)} error(s); fix them and the site comes back.</p>\n"
        f"<ul>\n{items}\n</ul></div>\n"
    )


def _set_nav(config: MkDocsConfig, files: Files, site: Site, board: str) -> None:
    """Board, themes, OKR periods, journeys, teams and the two indexes; never every page."""

    def titled(prefix: str) -> list[dict[str, str]]:
        # Themes write nav titles as HTML: user titles go in escaped.
        return [{title_html(p.title): p.src_uri} for p in site.pages
                if p.src_uri.startswith(prefix) and p.in_nav
                and not p.src_uri.endswith("index.md")]  # fmt: skip

    generated = {p.src_uri for p in site.pages}
    if board not in generated:
        return
    roadmap: list[Any] = [{"Board": board}]
    for label, prefix in (("Themes", "themes/"), ("OKRs", "okrs/"),
                          ("Journeys", "journeys/"), ("Teams", "teams/")):  # fmt: skip
        if f"{prefix}index.md" in generated:  # too many to list: an overview page
            roadmap.append({label: f"{prefix}index.md"})
            continue
        entries = titled(prefix)
        if entries:
            roadmap.append({label: entries})
    for label, uri in (("Hypotheses", urls.HYPOTHESES_INDEX), ("KPIs", urls.KPIS_INDEX),
                       ("Priorities", urls.PRIORITIES), ("Health", urls.HEALTH),
                       ("Traceability", urls.TRACEABILITY)):  # fmt: skip
        if uri in generated:
            roadmap.append({label: uri})
    if config.nav:
        config.nav = [*config.nav, {"Roadmap": roadmap}]
        return
    own = sorted(
        f.src_uri for f in files.documentation_pages()
        if f.generated_by is None and f.inclusion.is_in_nav()
    )  # fmt: skip
    home = ["index.md"] if "index.md" in own else []
    config.nav = [*home, *roadmap, *_docs_nav([u for u in own if u != "index.md"])]


def _docs_nav(uris: list[str]) -> list[Any]:
    """The project's own pages, one section per top-level folder."""
    nav: list[Any] = []
    sections: dict[str, list[str]] = {}
    for uri in uris:
        if "/" in uri:
            folder = uri.split("/", 1)[0]
            sections.setdefault(folder, []).append(uri)
        else:
            nav.append(uri)
    for folder, pages in sections.items():
        nav.append({folder.replace("-", " ").capitalize(): pages})
    return nav

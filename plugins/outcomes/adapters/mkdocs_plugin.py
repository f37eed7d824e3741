"""The `outcomes` MkDocs plugin: maps its options to `Settings`, calls `publish`, hands over.

Thin by design, like literate-nav's: every rule (the settings' checks, the pages, the
problems page under `mkdocs serve`, the nav) lives in the core; this module only maps the
config, logs problems through MkDocs' logger (so `--strict` fails on them) and hands the
pages to MkDocs through `File.generated`. Nothing is written into `docs/` or the YAML
folders.
"""

from __future__ import annotations

import os
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
from outcomes.markdown import OutcomesExtension
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import project_layout
from outcomes.publication import Host, board_page, home_page, publish
from outcomes.render import urls
from outcomes.render.problems import problem_line
from outcomes.render.slots import Slots
from outcomes.settings import OPTIONS, Settings, SettingsError, settings_from

log = get_plugin_logger(__name__)


class OutcomesConfig(base.Config):
    """Every option of `outcomes.settings.OPTIONS`, raw: the core checks and defaults them
    (None is "not set"), so a value means the same here as in a CLI flag."""

    enabled = c.Optional(c.Type(object))
    roadmap_dir = c.Optional(c.Type(object))
    journeys_dir = c.Optional(c.Type(object))
    okrs_dir = c.Optional(c.Type(object))
    as_of = c.Optional(c.Type(object))
    weights = c.Optional(c.Type(object))
    thresholds = c.Optional(c.Type(object))
    dot_timeout = c.Optional(c.Type(object))
    sql_timeout = c.Optional(c.Type(object))
    sql_max_rows = c.Optional(c.Type(object))
    nav = c.Optional(c.Type(object))
    audience = c.Optional(c.Type(object))
    lint = c.Optional(c.Type(object))
    history = c.Optional(c.Type(object))  # the Changes page and per-hypothesis history


class OutcomesPlugin(BasePlugin[OutcomesConfig]):
    """Renders the roadmap kept in YAML beside mkdocs.yml into the site."""

    command = "build"  # set on startup; kept on the class since serve re-creates plugins
    _slots: Slots | None = None
    _roadmap: Roadmap | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        OutcomesPlugin.command = command
        # `mkdocs serve` rebuilds everything after each edit, in this process: parsed
        # files, the model, charts, diagrams and pages are kept for the next rebuild
        # (module-level, since every rebuild has new plugin objects; see
        # `outcomes.generations`). A one-shot build reads everything once: no caches.
        generations.enable(command == "serve")

    def on_shutdown(self) -> None:
        generations.enable(False)

    @property
    def settings(self) -> Settings:
        """The settings of the current config, read afresh: MkDocs may keep a plugin
        object across config reloads, with a new config each time (checking is cheap)."""
        try:
            return settings_from({name: self.config[name] for name in OPTIONS})
        except SettingsError as exc:
            raise PluginError(f"outcomes: {exc}") from None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.settings.enabled:
            return config
        if urls.STYLESHEET not in config.extra_css:
            config.extra_css.append(urls.STYLESHEET)
        # `outcomes` blocks in the project's own pages, with no configuration: the cards
        # come from this build's model. A listed `outcomes.markdown` would read the
        # project a second time: this instance takes its place.
        extension = OutcomesExtension()
        extension.source = self._block_roadmap
        names = [e for e in config.markdown_extensions if e != "outcomes.markdown"]
        config.markdown_extensions[:] = [*names, extension]
        config.mdx_configs.pop("outcomes.markdown", None)
        return config

    def _block_roadmap(self) -> Roadmap | str:
        if self._roadmap is None:
            return "the roadmap has problems (see the board); no card until they are fixed"
        return self._roadmap

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        settings = self.settings
        if not settings.enabled:
            return files
        generations.next_generation()
        root = _root(config)
        self._slots = Slots()
        host = Host(board_page(files.get_file_from_path("index.md") is not None),
                    config.use_directory_urls, OutcomesPlugin.command == "serve",
                    self._slots.put, config.repo_url or None,
                    config.site_url or None)  # fmt: skip
        publication = publish(root, settings, host)
        self._roadmap = publication.roadmap
        _log_all(publication.diagnostics)
        if publication.failure is not None:
            raise PluginError(publication.failure)
        docs_dir = Path(config.docs_dir)
        for page in publication.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"outcomes: docs/{page.src_uri} is in the way of a generated page; "
                    "rename or remove it"
                )
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            if page.source is not None:
                file.edit_uri = Path(os.path.relpath(root / page.source.path, docs_dir)).as_posix()
            files.append(file)
        if publication.nav.items:
            own = sorted(
                f.src_uri for f in files.documentation_pages()
                if f.generated_by is None and f.inclusion.is_in_nav()
            )  # fmt: skip
            config.nav = publication.nav.in_host_nav(config.nav, own)
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files
    ) -> str | None:
        """The project's own home page leads to the board when it says little else."""
        file = page.file
        if not self.settings.enabled or file.src_uri != "index.md" or file.generated_by:
            return markdown
        return home_page(markdown)

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str | None:
        return self._slots.fill(output) if self._slots is not None else output

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        if not self.settings.enabled:
            return server
        layout = project_layout(_root(config), self.settings)
        for folder in (layout.roadmap_dir, layout.journeys_dir, layout.okrs_dir):
            path = layout.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def _log_all(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            log.error(problem_line(d))
        elif d.severity is Severity.WARNING:
            log.warning(problem_line(d))
        else:
            log.info(problem_line(d))

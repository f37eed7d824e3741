"""`outcomes.markdown`: live roadmap figures in any hand-written Markdown page.

A fenced block whose info string is `outcomes` holds one YAML mapping naming what to show
(`kpi: ID`, `hypothesis: ID`, `theme: ID`, `okr: PERIOD`, `board: now|next|later|done`)
and becomes the card the generated pages use (`render.cards`). It is a Python-Markdown
extension, so it runs on every host that renders Markdown with Python-Markdown: MkDocs and
ProperDocs (the plugin adds it, no configuration), Zensical 0.0.x (its renderer calls
Python-Markdown with `markdown_extensions`) and plain Python-Markdown.

The roadmap is loaded once per build, not once per block or page: under the plugin the
extension reads the model the plugin's build already made; elsewhere the model is kept
per process, keyed by the options and the size and modification time of every file in
the roadmap folders, so a host that builds a new `Markdown` per page (Zensical does)
loads it once, and a file edited between two builds is seen.

A block that is not one mapping with one known key, or names something the roadmap does
not hold, is a located problem (page and line) logged as a warning — MkDocs' and
ProperDocs' `--strict` fail on it — and the page shows the problem in place of the card,
never an empty card. The block's YAML is read with the project's safe reader.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import escape

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.model.roadmap import Roadmap
from outcomes.parse.yaml_reader import read_yaml
from outcomes.settings import Settings, SettingsError, settings_from

INFO_STRING = "outcomes"
_OPENING = re.compile(rf"^(?P<fence>`{{3,}}|~{{3,}})[ \t]*\{{?\.?{INFO_STRING}\}}?[ \t]*$")
# What a problem is logged under when no host is recognised.
_FALLBACK_LOGGER = "outcomes.markdown"


@dataclass(frozen=True)
class BlockProblem:
    """A block that shows no card: where it is (page, line) and why."""

    page: str
    line: int
    message: str

    def line_text(self) -> str:
        return f"{self.page}:{self.line}: outcomes block: {self.message}"


# A source of the roadmap: the plugin's (the model of the build it runs) or a project read
# from disk. Returns the roadmap or the reason there is none.
RoadmapSource = Callable[[], "Roadmap | str"]


class OutcomesExtension(Extension):
    """The extension; options `root`, `as_of`, `audience` (ignored under the plugin)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "root": [".", "the folder holding the roadmap's YAML folders (default: .)"],
            "as_of": ["", "the date the figures are computed for (default: today)"],
            "audience": ["", "internal or public (default: internal)"],
        }
        super().__init__(**kwargs)
        # The plugin sets this to the roadmap of its build; None: read the project.
        self.source: RoadmapSource | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalising (30), before fenced code and superfences (25, 28):
        # the block must become a card before a code-block extension claims it.
        md.preprocessors.register(_BlockProcessor(md, self), "outcomes_blocks", 29)

    def roadmap(self) -> Roadmap | str:
        if self.source is not None:
            return self.source()
        options = self.getConfigs()
        raw = {"as_of": options["as_of"] or None, "audience": options["audience"] or None}
        try:
            settings = settings_from(raw)
        except SettingsError as exc:
            return f"invalid option of outcomes.markdown: {exc}"
        return project_roadmap(Path(str(options["root"] or ".")), settings)


def makeExtension(**kwargs: Any) -> OutcomesExtension:
    return OutcomesExtension(**kwargs)


class _BlockProcessor(Preprocessor):
    def __init__(self, md: Markdown, extension: OutcomesExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if not any(_OPENING.match(line) for line in lines):
            return lines
        host = _host_of(self.md)
        out: list[str] = []
        index = 0
        count = 0
        roadmap: Roadmap | str | None = None
        while index < len(lines):
            opening = _OPENING.match(lines[index])
            if opening is None:
                out.append(lines[index])
                index += 1
                continue
            fence = opening.group("fence")
            end = index + 1
            while end < len(lines) and not _closes(lines[end], fence):
                end += 1
            count += 1
            if roadmap is None:
                roadmap = self.extension.roadmap()
            html = self._card(lines[index + 1 : end], index + 1, count, roadmap, host)
            out += ["", self.md.htmlStash.store(html), ""]
            index = end + 1
        return out

    def _card(
        self, body: list[str], line: int, count: int, roadmap: Roadmap | str, host: _Host
    ) -> str:
        from outcomes.render.cards import CardPlace, UnknownReference, render_card

        wanted = _requested(body, line, host.page)
        if isinstance(wanted, BlockProblem):
            return host.report(wanted)
        kind, ident, here = wanted
        if isinstance(roadmap, str):
            return host.report(BlockProblem(host.page, here, roadmap))
        place = CardPlace(host.src_uri, host.use_directory_urls, f"outcomes-{count}",
                          host.source_links)  # fmt: skip
        try:
            return render_card(roadmap, kind, ident, place)
        except UnknownReference as exc:
            return host.report(BlockProblem(host.page, here, str(exc)))


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return (
        bool(stripped)
        and stripped[0] == fence[0]
        and set(stripped) == {fence[0]}
        and (len(stripped) >= len(fence))
    )


def _requested(body: list[str], line: int, page: str) -> tuple[str, str, int] | BlockProblem:
    """The block's one `kind: id` and the line of its key, or why it is not one; `line` is
    the opening fence's."""
    from outcomes.render.cards import KINDS

    text = "\n".join(body) + "\n"
    document, problems = read_yaml(text.encode("utf-8"), page)
    if document is None:
        first = problems[0]
        return BlockProblem(page, line + first.line, first.message)
    data = document.data
    expected = "one of " + ", ".join(f"`{k}: …`" for k in KINDS)
    if not isinstance(data, dict) or len(data) != 1:
        return BlockProblem(page, line, f"the block holds one mapping, {expected}")
    ((kind, ident),) = data.items()
    here = line + document.position((kind,), key=True)[0]
    if kind not in KINDS:
        return BlockProblem(page, here, f"unknown key {kind!r}; the block holds {expected}")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or ident == "":
        return BlockProblem(page, here, f"`{kind}:` names {KINDS[kind]}")
    return str(kind), str(ident), here


@dataclass
class _Host:
    """What the host tells about the page: its path from the project root (for messages),
    its path in the site's sources (for links), its URL style and the host's logger.
    `source_links`: the host rewrites links in raw HTML from the source file (Zensical)."""

    page: str
    src_uri: str
    use_directory_urls: bool
    logger: str
    source_links: bool = False

    def report(self, problem: BlockProblem) -> str:
        logging.getLogger(self.logger).warning(problem.line_text())
        return (
            '<div class="outcomes-embed-error admonition failure" role="alert">'
            f'<p class="admonition-title">Outcomes block: {escape(problem.message)}</p>'
            f"<p>{escape(problem.page)}, line {problem.line}</p></div>"
        )


def _host_of(md: Markdown) -> _Host:
    """The page being rendered, as MkDocs/ProperDocs or Zensical expose it to extensions.

    MkDocs and ProperDocs register a `relpath` tree processor holding the page's file and
    the config; their `--strict` counts warnings logged under their own logger. Zensical
    registers a `rendering_context` preprocessor holding the page and the config.
    """
    if "relpath" in md.treeprocessors:
        relpath: Any = md.treeprocessors["relpath"]
        file, config = getattr(relpath, "file", None), getattr(relpath, "config", None)
        if file is not None and config is not None:
            host = type(relpath).__module__.split(".", 1)[0]  # mkdocs or properdocs
            src_uri = str(file.src_uri)
            urls_style = bool(config["use_directory_urls"])
            logger = f"{host}.plugins.outcomes"
            return _Host(_from_root(config, src_uri), src_uri, urls_style, logger)
    if "rendering_context" in md.preprocessors:
        context: Any = md.preprocessors["rendering_context"]
        page, config = getattr(context, "page", None), getattr(context, "config", None)
        if page is not None and isinstance(config, dict):
            src_uri = str(page.path)
            urls_style = bool(config.get("use_directory_urls", True))
            return _Host(_from_root(config, src_uri), src_uri, urls_style, _FALLBACK_LOGGER,
                         source_links=True)  # fmt: skip
    return _Host("(page)", "index.md", True, _FALLBACK_LOGGER)


def _from_root(config: Any, src_uri: str) -> str:
    """`docs/guide/page.md` for `guide/page.md`: the path a reader finds the file at."""
    try:
        docs = Path(str(config["docs_dir"])).resolve()
        root = Path(str(config["config_file_path"])).resolve().parent
        return (docs / src_uri).relative_to(root).as_posix()
    except (KeyError, TypeError, ValueError):
        return src_uri


# -- the roadmap of a project on disk, once per build --------------------------------

_LOADED: dict[tuple[object, ...], tuple[tuple[tuple[str, int, int], ...], Roadmap | str]] = {}


def project_roadmap(root: Path, settings: Settings) -> Roadmap | str:
    """The roadmap at `root` as of `settings`, or why there is none; read again only when
    a file in its folders changed since the last call."""
    from outcomes.pipeline import analyse, project_layout

    root = root.resolve()
    layout = project_layout(root, settings)
    day = settings.day()
    key = (root, day, settings.audience, settings.roadmap_dir, settings.journeys_dir,
           settings.okrs_dir)  # fmt: skip
    stamp = _stamp(root, (settings.roadmap_dir, settings.journeys_dir, settings.okrs_dir))
    found = _LOADED.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    roadmap, diagnostics = analyse(layout, day, settings)
    result: Roadmap | str = roadmap
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        result = f"the roadmap at {root} has problems ({_first(errors)}); run `outcomes validate`"
    elif not (root / settings.roadmap_dir).is_dir():
        result = f"no roadmap folder {settings.roadmap_dir}/ in {root} (option `root`)"
    _LOADED[key] = (stamp, result)
    return result


def _first(errors: list[Diagnostic]) -> str:
    d = errors[0]
    more = f", and {len(errors) - 1} more" if len(errors) > 1 else ""
    return f"{d.path}:{d.line}: {d.message}{more}"


def _stamp(root: Path, folders: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    found: list[tuple[str, int, int]] = []
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


__all__ = ["INFO_STRING", "OutcomesExtension", "makeExtension", "project_roadmap"]

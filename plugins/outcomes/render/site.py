"""The site's generated pages: pure functions from the `Roadmap` to Markdown and assets.

Every page is Markdown with a heading per section (for Material's table of contents
and search) and HTML blocks rendered by Jinja with autoescape, so user text is
escaped and user Markdown arrives only through `markdown_html` (sanitised).
"""

from __future__ import annotations

import concurrent.futures
import datetime
import importlib.resources
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from outcomes import generations
from outcomes.diagnostics import Diagnostic, Severity
from outcomes.history.timeline import History
from outcomes.load.measurements import Measurement
from outcomes.model.figures import STATUSES as PROGRESS_STATUSES
from outcomes.model.figures import VERDICTS
from outcomes.model.roadmap import (
    HypothesisView,
    KpiView,
    Location,
    Progress,
    Roadmap,
)
from outcomes.render import cache, changes, charts, diagrams, explain, numbers, tables, urls
from outcomes.render.export import export_json
from outcomes.render.text import markdown_html, title_html
from outcomes.render.wording import PageFigures
from outcomes.schema.theme import HORIZONS, STATUSES

OPEN_STATUSES = ("idea", "planned")
# The nav lists themes, journeys and teams one by one up to this many per section; a
# larger section becomes one link to an overview page (`themes/index.md`...). Material
# writes the whole nav into every page, so a nav that grows with the roadmap makes the
# build quadratic: at 10,000 hypotheses (820 entries) its templates took two thirds of
# the build, and every page carried 300 KB of nav.
NAV_SECTION_LIMIT = 50
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
# Charts and diagrams stand in a page as a comment naming them while it renders (so a
# cached page can name the same chart again) and are put back when the page is done.
# The token is drawn per process: user text cannot forge one (plain text is escaped,
# sanitised Markdown keeps no comments).
_PART_PREFIX = f"<!--outcomes-part-{secrets.token_hex(8)}-"
_PART = re.compile(re.escape(_PART_PREFIX) + "[0-9]+-->")


@dataclass(frozen=True)
class SiteOptions:
    """How the site is laid out; `board` moves to `board.md` when the project has an index."""

    board: str = "index.md"
    use_directory_urls: bool = True
    dot_timeout: float = 10.0
    # Takes the finished HTML of a chart or diagram and returns what the page holds in its
    # place. The MkDocs plugin swaps in a placeholder and restores the HTML after MkDocs
    # is done with the page; `outcomes generate` leaves it inline (None).
    defer_html: Callable[[str], str] | None = None
    # The roadmap's history from git (None: `history: false`), and where commits and the
    # site live, for the links of the Changes page and its feed.
    history: History | None = None
    repo_url: str | None = None
    site_url: str | None = None
    # Links relative to each page's source file (`outcomes generate --links source`), for
    # hosts that rewrite links in raw HTML; see `urls.relative`.
    source_links: bool = False


@dataclass
class GeneratedPage:
    """One generated file: its path in the site's sources, its content and its YAML source."""

    src_uri: str
    content: str
    source: Location | None = None
    in_nav: bool = True
    title: str = ""


@dataclass
class Site:
    pages: list[GeneratedPage] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Pages whose Markdown came from the cache of the last build (`mkdocs serve`).
    from_cache: list[str] = field(default_factory=list)


def md_title(text: str) -> Markup:
    """Text safe in a Markdown heading: HTML-escaped, Markdown punctuation backslashed.

    Returned as `Markup` so the template's autoescape does not escape it a second time.
    """
    return Markup(_MD_SPECIALS.sub(r"\\\1", title_html(text)))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("outcomes.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md_title"] = md_title
    env.filters["markdown"] = lambda text: Markup(markdown_html(text))
    env.filters["pct"] = numbers.format_share
    env.filters["bar"] = lambda v: 0 if v is None else round(max(0.0, min(1.0, v)) * 100, 1)
    return env


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """Templates are compiled once per process and reused across builds."""
    global _ENV
    if _ENV is None:
        _ENV = _environment()
    return _ENV


def render_site(roadmap: Roadmap, options: SiteOptions | None = None) -> Site:
    """Every generated page and asset of the site."""
    return _SiteRenderer(roadmap, options or SiteOptions()).render()


def stylesheet() -> str:
    css = importlib.resources.files("outcomes.render") / "templates" / "outcomes.css"
    return css.read_text(encoding="utf-8") + "\n" + charts.CHART_CSS


class _SiteRenderer:
    def __init__(self, roadmap: Roadmap, options: SiteOptions) -> None:
        self.roadmap = roadmap
        self.options = options
        self.env = environment()
        self.site = Site()
        self.steps = roadmap.steps()  # every journey step by `<journey>/<step>`, once
        self.prints = cache.Fingerprints()
        self.parts: dict[str, str] = {}  # the HTML of every chart and diagram, by placeholder
        self.dot_runs: dict[str, concurrent.futures.Future[diagrams.DiagramResult]] = {}
        self.journey_dots: dict[str, str] = {}
        self.traceability_dot = ""
        self.traceability_parts: list[diagrams.TraceabilityPart] = []

    # -- helpers ----------------------------------------------------------------
    def link(self, here: str) -> Callable[..., str]:
        def to(target: str, anchor: str = "") -> str:
            return urls.relative(here, target, self.options.use_directory_urls, anchor,
                                 from_source=self.options.source_links)  # fmt: skip

        return to

    def _emit(
        self, src_uri: str, template: str, title: str, source: Location | None = None,
        in_nav: bool = True, **context: Any,
    ) -> None:  # fmt: skip
        def render(roadmap: Roadmap) -> str:
            figures = PageFigures(roadmap)
            return tables.label_tables(
                self.env.get_template(template).render(
                    title=title,
                    here=src_uri,
                    to=self.link(src_uri),
                    urls=urls,
                    roadmap=roadmap,
                    as_of=self.roadmap.as_of,
                    fmt=figures.value,
                    fig=figures,
                    words=explain,
                    board=self.options.board,
                    **context,
                )
            )

        key = self._page_key(src_uri, template, title, context)
        content, reused = cache.reuse(cache.PAGES, key, self.roadmap, self.prints, render)
        if reused:
            self.site.from_cache.append(src_uri)
        if _PART_PREFIX in content:
            content = _PART.sub(lambda m: self._place(self.parts[m.group(0)]), content)
        self.site.pages.append(GeneratedPage(src_uri, content, source, in_nav, title))

    def _page_key(
        self, src_uri: str, template: str, title: str, context: dict[str, Any]
    ) -> tuple[object, ...] | None:
        """What a page is rendered from, besides the roadmap lookups its template makes."""
        if not generations.enabled():
            return None
        options = (self.options.board, self.options.use_directory_urls)
        return (template, src_uri, title, options, self.roadmap.as_of,
                self.prints.of(context))  # fmt: skip

    def _points(
        self, measurements: Iterable[Measurement], start: datetime.date | None = None
    ) -> tuple[charts.Point, ...]:
        return tuple(
            charts.Point(m.date, m.value)
            for m in measurements
            if m.date <= self.roadmap.as_of and (start is None or m.date >= start)
        )

    def _chart(
        self, chart_id: str, kpi: KpiView, *, start: datetime.date | None = None,
        lines: tuple[charts.RefLine, ...] = (), windows: tuple[charts.Window, ...] = (),
        period: tuple[datetime.date, datetime.date] | None = None,
        glide: tuple[charts.Point, charts.Point] | None = None,
        deadline: datetime.date | None = None,
    ) -> Markup:  # fmt: skip
        if kpi.confidential:  # a public build: no values, so no axis and no table either
            return Markup(
                '<p class="outcomes-confidential" role="note">The values of {} are '
                "confidential: this site shows its progress and status only.</p>"
            ).format(kpi.definition.name)

        def draw() -> str:
            points = self._points(kpi.measurements, start)
            spec = charts.ChartSpec(
                chart_id=chart_id,
                title=kpi.definition.name,
                description=chart_description(kpi, points),
                unit=kpi.definition.unit,
                points=points,
                lines=lines,
                windows=windows,
                as_of=self.roadmap.as_of,
                period=period,
                glide=glide,
                deadline=deadline,
                tick_decimals=self._tick_decimals(kpi),
            )
            return charts.render_chart_block(spec)

        # Measurements by identity (a list from the load cache, or new: read from SQL).
        key = (chart_id, self.prints.of(kpi.definition), self.prints.of(kpi.measurements),
               start, lines, windows, period, glide, deadline, self.roadmap.as_of)  # fmt: skip
        return self._heavy(cache.part(cache.CHARTS, key, draw))

    def _tick_decimals(self, kpi: KpiView) -> int | None:
        """One y tick format per KPI on every page: the decimals its whole series needs."""
        values = [m.value for m in kpi.measurements if m.date <= self.roadmap.as_of]
        if not values or max(map(abs, values)) > charts.MAX_ABS_VALUE:
            return None
        ticks = charts.value_ticks(values, kpi.definition.unit)
        return numbers.tick_decimals(ticks[1] - ticks[0], kpi.definition.unit)

    def _progress_chart(self, chart_id: str, progress: Progress) -> Markup:
        kpi = self.roadmap.kpis[progress.kpi]
        lines: list[charts.RefLine] = []
        if progress.target is not None:
            lines.append(charts.RefLine(progress.target, "Target", "target"))
        if progress.baseline is not None:
            lines.insert(0, charts.RefLine(progress.baseline, "Baseline", "baseline"))
        start = progress.start
        period = (start, progress.end) if start else None
        glide = None
        if start is not None and progress.baseline is not None and progress.target is not None:
            glide = (
                charts.Point(start, progress.baseline),
                charts.Point(progress.end, progress.target),
            )
        return self._chart(chart_id, kpi, start=start, lines=tuple(lines), period=period,
                           glide=glide, deadline=progress.end)  # fmt: skip

    def _diagram(self, dot_source: str, title: str, description: str, where: str) -> Markup:
        key = (dot_source, title, description)
        found = cache.DIAGRAMS.get(key)
        if found is not None:
            return self._heavy(found)
        running = self.dot_runs.pop(dot_source, None)
        if running is not None:
            result = running.result()
        else:
            result = diagrams.render_svg(dot_source, timeout=self.options.dot_timeout)
        if result.svg is None:
            self.site.diagnostics.append(Diagnostic(
                where, 1, 1, Severity.WARNING, "diagram-failed",
                f"{title}: {result.problem}", "the page shows a placeholder instead",
            ))  # fmt: skip
            return Markup(
                '<div class="outcomes-diagram-missing" role="note">'
                f"The diagram could not be drawn: {Markup.escape(result.problem or '')}</div>"
            )
        svg = diagrams.embeddable_svg(result.svg, title, description)
        return self._heavy(cache.DIAGRAMS.put(key, (svg, cache.new_number())))

    def _heavy(self, part: cache.Part) -> Markup:
        """A placeholder for a chart or diagram while its page renders (see `_PART`)."""
        html, number = part
        placeholder = f"{_PART_PREFIX}{number}-->"
        self.parts[placeholder] = html
        return Markup(placeholder)

    def _place(self, html: str) -> str:
        defer = self.options.defer_html
        return defer(html) if defer is not None else html

    # -- pages ------------------------------------------------------------------
    def render(self) -> Site:
        # `dot` runs in subprocesses, so up to two run while the pages render.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            self._start_diagrams(pool)
            return self._render()

    def _start_diagrams(self, pool: concurrent.futures.Executor) -> None:
        """Compute every diagram's DOT text and start `dot` on those the cache lacks."""
        self.journey_dots = {j: self._journey_dot(j) for j in self.roadmap.journeys}
        self.traceability_dot = diagrams.traceability_dot(
            self.roadmap, self._diagram_link(urls.TRACEABILITY_ALL)
        )
        # One graph per objective: a `dot` run each, cached by its DOT text like the rest.
        self.traceability_parts = diagrams.traceability_parts(
            self.roadmap, self._diagram_link(urls.TRACEABILITY)
        )
        timeout = self.options.dot_timeout
        parts = [part.dot for part in self.traceability_parts]
        for dot in [*self.journey_dots.values(), *parts, self.traceability_dot]:
            if dot not in self.dot_runs and not diagrams.has_svg(dot):
                self.dot_runs[dot] = pool.submit(diagrams.render_svg, dot, timeout=timeout)

    def _render(self) -> Site:
        self._board()
        for theme in sorted(
            self.roadmap.themes.values(),
            key=lambda t: (HORIZONS.index(t.horizon), t.definition.title),
        ):
            self._theme(theme.id)
        self._hypotheses_index()
        for hypothesis in self.roadmap.hypotheses.values():
            self._hypothesis(hypothesis)
        self._kpis_index()
        for kpi in self.roadmap.kpis.values():
            self._kpi(kpi)
        for period in self.roadmap.okrs.values():
            self._emit(urls.okr(period.period), "okr.md.j2", f"OKRs {period.period}",
                       period.location, period=period)  # fmt: skip
        for journey in self.roadmap.journeys.values():
            self._journey(journey.id)
        for team in self.roadmap.teams.values():
            self._team(team.id)
        self._overviews()
        self._traceability()
        self._priorities()
        self._health()
        self._changes()
        self._emit(urls.LEGEND, "legend.md.j2", "Glossary",
                   statuses=PROGRESS_STATUSES, verdicts=VERDICTS,
                   hypothesis_statuses=STATUSES)  # fmt: skip
        self.site.pages.append(
            GeneratedPage(urls.ROADMAP_JSON, export_json(self.roadmap), in_nav=False)
        )
        self.site.pages.append(GeneratedPage(urls.STYLESHEET, stylesheet(), in_nav=False))
        return self.site

    def _board(self) -> None:
        columns = {h: [t for t in self.roadmap.themes.values() if t.horizon == h]
                   for h in HORIZONS}  # fmt: skip
        self._emit(self.options.board, "board.md.j2", "Roadmap", columns=columns,
                   statuses=STATUSES)  # fmt: skip

    def _theme(self, theme_id: str) -> None:
        theme = self.roadmap.themes[theme_id]
        here = urls.theme(theme_id)
        charts_by_outcome = [
            self._progress_chart(f"outcome-{i + 1}", o.progress)
            for i, o in enumerate(theme.outcomes)
        ]
        hypotheses = [self.roadmap.hypotheses[h] for h in theme.hypotheses]
        grouped = [(s, [h for h in hypotheses if h.status == s]) for s in STATUSES]
        objectives = [(ref.period, ref.objective, self.roadmap.objective(ref).definition.title)
                      for ref in theme.objectives]  # fmt: skip
        history = self.options.history
        moved = [] if history is None else [
            f"{explain.day(e.commit.day)}: {e.measure or e.subject} {e.detail} {e.old or 'none'} → "
            f"{e.new or 'none'} ({e.commit.short})"
            for e in reversed(history.of_theme_outcomes(theme_id))
        ]  # fmt: skip
        self._emit(here, "theme.md.j2", theme.definition.title, theme.location, theme=theme,
                   outcome_charts=charts_by_outcome, grouped=grouped,
                   objectives=objectives, target_history=moved)  # fmt: skip

    def _hypothesis(self, hypothesis: HypothesisView) -> None:
        here = urls.hypothesis(hypothesis.id)
        definition = hypothesis.definition
        chart: Markup | None = None
        kpi = self.roadmap.kpis.get(hypothesis.kpi or "")
        if kpi is not None:
            as_of = self.roadmap.as_of
            lines: list[charts.RefLine] = []
            theme = self.roadmap.themes[hypothesis.theme]
            outcome = next((o for o in theme.outcomes if o.progress.kpi == kpi.id), None)
            if outcome is not None:
                if outcome.progress.baseline is not None:
                    lines.append(charts.RefLine(outcome.progress.baseline, "Baseline", "baseline"))
                if outcome.progress.target is not None:
                    lines.append(charts.RefLine(outcome.progress.target, "Target", "target"))
            if hypothesis.expect is not None:
                lines.append(charts.RefLine(hypothesis.expect, "Expected", "expect"))
            if hypothesis.kill is not None:
                lines.append(charts.RefLine(hypothesis.kill, "Kill", "kill"))
            windows = tuple(
                charts.Window(e.start, min(e.end or as_of, max(as_of, e.start)), e.title)
                for e in definition.experiments
            )
            first = min((e.start for e in definition.experiments), default=as_of)
            start = min(as_of - datetime.timedelta(days=365), first - datetime.timedelta(days=60))
            chart = self._chart("kpi", kpi, start=start, lines=tuple(lines), windows=windows)
        guardrail_charts = [
            self._chart(f"guardrail-{i + 1}", self.roadmap.kpis[g.kpi],
                        start=self.roadmap.as_of - datetime.timedelta(days=365),
                        lines=() if g.limit is None
                        else (charts.RefLine(g.limit, "Limit", "limit"),))
            for i, g in enumerate(hypothesis.guardrails)
        ]  # fmt: skip
        steps = self.steps
        marks = self.options.history.marks.get(hypothesis.id, ()) if self.options.history else ()
        self._emit(here, "hypothesis.md.j2", definition.title, hypothesis.location, in_nav=False,
                   h=hypothesis, d=definition, kpi=kpi, chart=chart,
                   guardrail_charts=guardrail_charts,
                   steps=[steps[ref] for ref in definition.journey_steps if ref in steps],
                   theme=self.roadmap.themes[hypothesis.theme],
                   status_history=changes.marks_line(marks, "status"),
                   verdict_history=changes.marks_line(marks, "verdict"))  # fmt: skip

    def _hypotheses_index(self) -> None:
        rows = list(self.roadmap.hypotheses.values())
        teams = sorted({h.owner for h in rows if h.owner})
        tags = sorted({t for h in rows for t in h.definition.tags})
        self._emit(urls.HYPOTHESES_INDEX, "hypotheses.md.j2", "Hypotheses", rows=rows,
                   statuses=STATUSES, teams=teams, tags=tags,
                   filter_id=_filter_id)  # fmt: skip

    def _kpis_index(self) -> None:
        self._emit(urls.KPIS_INDEX, "kpis.md.j2", "KPIs", kpis=list(self.roadmap.kpis.values()))

    def _kpi(self, kpi: KpiView) -> None:
        roadmap = self.roadmap
        outcomes = [roadmap.outcome(ref) for ref in kpi.outcomes]
        key_results = [roadmap.key_result(ref) for ref in kpi.key_results]
        hypotheses = [roadmap.hypotheses[h] for h in kpi.hypotheses]
        steps = [self.steps[ref] for ref in kpi.steps]
        # The baselines and targets of the outcomes that use the KPI, so its own page
        # shows what the values are measured against.
        lines: list[charts.RefLine] = []
        for outcome in outcomes:
            p = outcome.progress
            whose = (
                f" ({roadmap.themes[outcome.theme].definition.title})" if len(outcomes) > 1 else ""
            )
            if p.baseline is not None:
                lines.append(charts.RefLine(p.baseline, f"Baseline{whose}", "baseline"))
            if p.target is not None:  # a public build empties confidential values
                lines.append(charts.RefLine(p.target, f"Target{whose}", "target"))
        chart = self._chart("values", kpi, lines=tuple(dict.fromkeys(lines)))
        self._emit(urls.kpi(kpi.id), "kpi.md.j2", kpi.definition.name, kpi.location,
                   in_nav=False, kpi=kpi, chart=chart, outcomes=outcomes,
                   key_results=key_results, hypotheses=hypotheses, steps=steps)  # fmt: skip

    def _journey_dot(self, journey_id: str) -> str:
        """The journey's DOT text, kept while nothing it shows changed."""
        journey = self.roadmap.journeys[journey_id]
        here = urls.journey(journey_id)
        link = self._diagram_link(here)
        key = None
        if generations.enabled():
            key = (here, self.options.use_directory_urls, self.prints.of(journey))

        def draw(roadmap: Roadmap) -> str:
            return diagrams.journey_dot(journey, roadmap, link)

        return cache.reuse(cache.DOT_TEXT, key, self.roadmap, self.prints, draw)[0]

    def _journey(self, journey_id: str) -> None:
        journey = self.roadmap.journeys[journey_id]
        here = urls.journey(journey_id)
        svg = self._diagram(
            self.journey_dots[journey_id],
            f"Journey map: {journey.definition.title}",
            f"{len(journey.definition.stages)} stages and {len(journey.steps)} steps, "
            "coloured by emotion, with boosters, blockers and the hypotheses targeting each step.",
            journey.location.path,
        )
        self._emit(here, "journey.md.j2", journey.definition.title, journey.location,
                   journey=journey, svg=svg)  # fmt: skip

    def _overviews(self) -> None:
        """An overview page for each section too large to list in the nav, which then
        links to it; its pages stay out of the nav (see `NAV_SECTION_LIMIT`)."""
        roadmap = self.roadmap
        themes = sorted(roadmap.themes.values(),
                        key=lambda t: (HORIZONS.index(t.horizon), t.definition.title))  # fmt: skip
        sections = (
            ("themes/", "Themes", "Every theme, by horizon.",
             [(t.definition.title, urls.theme(t.id)) for t in themes]),
            ("journeys/", "Journeys", "Every customer journey.",
             [(j.definition.title, urls.journey(j.id)) for j in roadmap.journeys.values()]),
            ("teams/", "Teams", "Every team and what it owns.",
             [(t.definition.name if t.definition else t.id, urls.team(t.id))
              for t in roadmap.teams.values()]),
        )  # fmt: skip
        pages = {page.src_uri: page for page in self.site.pages}
        for folder, title, lede, entries in sections:
            if len(entries) <= NAV_SECTION_LIMIT:
                continue
            for _, uri in entries:
                pages[uri].in_nav = False
            self._emit(f"{folder}index.md", "overview.md.j2", title, lede=lede,
                       entries=entries)  # fmt: skip

    def _diagram_link(self, here: str) -> Callable[[str, str], str]:
        def link_for(kind: str, ident: str) -> str:
            to = self.link(here)
            if kind == "hypothesis":
                return to(urls.hypothesis(ident))
            if kind == "kpi":
                return to(urls.kpi(ident))
            if kind == "theme":
                return to(urls.theme(ident))
            if kind == "okr":
                return to(urls.okr(ident))
            if kind == "objective":
                period, objective = ident.split("/", 1)
                return to(urls.okr(period), f"objective-{objective}")
            if kind == "step":
                journey, step = ident.split("/", 1)
                return to(urls.journey(journey), f"step-{step}")
            raise ValueError(f"unknown link kind {kind}")

        return link_for

    def _team(self, team_id: str) -> None:
        team = self.roadmap.teams[team_id]
        roadmap = self.roadmap
        self._emit(
            urls.team(team_id), "team.md.j2",
            team.definition.name if team.definition else team_id, team.location,
            team=team,
            themes=[roadmap.themes[t] for t in team.themes],
            objectives=[roadmap.objective(ref) for ref in team.objectives],
            kpis=[roadmap.kpis[k] for k in team.kpis],
            hypotheses=[roadmap.hypotheses[h] for h in team.hypotheses],
        )  # fmt: skip

    def _traceability(self) -> None:
        """A readable graph per objective on `traceability/`, the whole graph on its own page."""
        here = urls.TRACEABILITY
        graphs = []
        for part in self.traceability_parts:
            svg = self._diagram(
                part.dot,
                f"Traceability: {part.heading}",
                "The objective's key results lead to KPIs; themes' outcomes and hypotheses "
                "are measured by the same KPIs." if part.period else
                "Themes whose outcomes and hypotheses no key result measures.",
                here,
            )  # fmt: skip
            graphs.append((part, svg))
        self._emit(here, "traceability.md.j2", "Traceability", graphs=graphs)
        whole = self._diagram(
            self.traceability_dot,
            "Traceability: the whole graph",
            "Objectives lead to key results and KPIs; themes lead to outcomes and hypotheses "
            "measured by the same KPIs.",
            urls.TRACEABILITY_ALL,
        )
        self._emit(urls.TRACEABILITY_ALL, "traceability_all.md.j2",
                   "Traceability: the whole graph", in_nav=False, svg=whole)  # fmt: skip

    def _priorities(self) -> None:
        open_ones = [h for h in self.roadmap.hypotheses.values() if h.status in OPEN_STATUSES]
        ranked = sorted((h for h in open_ones if h.score is not None),
                        key=lambda h: (-(h.score or 0), h.id))  # fmt: skip
        unscored = [h for h in open_ones if h.score is None]
        self._emit(urls.PRIORITIES, "priorities.md.j2", "Priorities", ranked=ranked,
                   unscored=unscored)  # fmt: skip

    def _health(self) -> None:
        roadmap = self.roadmap
        outcomes = [o for t in roadmap.themes.values() for o in t.outcomes]
        self._emit(
            urls.HEALTH, "health.md.j2", "Health",
            stale=[k for k in roadmap.kpis.values() if k.stale],
            empty=[k for k in roadmap.kpis.values() if not k.measurements and not k.confidential],
            overdue=[h for h in roadmap.hypotheses.values() if h.overdue],
            contradicted=[h for h in roadmap.hypotheses.values() if h.contradicted],
            behind=[o for o in outcomes if o.progress.status in ("off-track", "at-risk", "missed")],
            behind_key_results=[
                kr for p in roadmap.okrs.values() for o in p.objectives for kr in o.key_results
                if kr.progress.status in ("off-track", "at-risk")
            ],
            breached=[h for h in roadmap.hypotheses.values() if h.breaches],
            no_kill=[h for h in roadmap.hypotheses.values()
                     if h.status == "testing" and h.kill is None],
            progress_statuses=PROGRESS_STATUSES,
        )  # fmt: skip

    def _changes(self) -> None:
        """The Changes page and its Atom feed, when the history is on."""
        history = self.options.history
        if history is None:
            return
        as_of, repo = self.roadmap.as_of, self.options.repo_url
        weeks = changes.weeks(history, as_of, repo)
        themes = sorted({t for w in weeks for t in w.themes.split()})
        teams = sorted({t for w in weeks for t in w.teams.split()})
        here = urls.CHANGES
        feed_href = urls.relative(here, urls.CHANGES_FEED, self.options.use_directory_urls,
                                  from_source=self.options.source_links)  # fmt: skip
        if feed_href.endswith("/"):
            feed_href = feed_href[:-1]
        self._emit(here, "changes.md.j2", "Changes", in_nav=True, weeks=weeks,
                   counts=changes.counts(history, as_of), note=changes.state_note(history),
                   state=history.state, themes=themes, teams=teams, filter_id=_filter_id,
                   feed_href=feed_href)  # fmt: skip
        site = (self.options.site_url or "").rstrip("/")
        page_url = f"{site}/{urls.dest_url(here, self.options.use_directory_urls)}"
        feed = changes.atom_feed(history, as_of, page_url, f"{site}/{urls.CHANGES_FEED}", repo)
        self.site.pages.append(GeneratedPage(urls.CHANGES_FEED, feed, in_nav=False))


def chart_description(kpi: KpiView, points: tuple[charts.Point, ...]) -> str:
    """A chart's text alternative: how many values, from when to when, the latest."""
    if not points:
        return f"No measurements of {kpi.definition.name} yet."
    last = points[-1]
    return (
        f"{len(points)} {kpi.definition.cadence} values from {explain.day(points[0].date)} "
        f"to {explain.day(last.date)}; latest "
        f"{numbers.format_value(last.value, kpi.definition.unit)} on {explain.day(last.date)}."
    )


def _filter_id(kind: str, value: str) -> str:
    """An HTML id for a filter choice; values are slugs or tags, made id-safe."""
    safe = re.sub(r"[^a-z0-9-]", lambda m: f"_{ord(m.group(0)):x}", value.lower())
    return f"f-{kind}-{safe}"

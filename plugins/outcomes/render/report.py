"""The review pack: one printable HTML document for an OKR period (`outcomes report`).

A quarterly business review needs an artefact, not a screenshot of the site: every
objective of the period with its key results (progress, 30-day trend and status, each
with the day it is judged on), the bets behind them with their verdicts in words, and
what needs attention (stale data, overdue decisions) called out before the detail.

The document stands alone, so it can be mailed, archived or printed: its CSS is inline,
its charts are inline SVG, and nothing is fetched. It is rendered with the site's Jinja
environment (autoescape, `StrictUndefined`), figures and sentences come from
`PageFigures` and `explain` like every site page, and user Markdown (experiment results)
passes `markdown_html`'s sanitiser. A pure function of the roadmap: no file, no clock.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from outcomes.model.roadmap import (
    HypothesisView,
    KeyResultView,
    KpiView,
    ObjectiveView,
    Progress,
    Roadmap,
    ThemeView,
)
from outcomes.render import charts, explain
from outcomes.render.site import chart_description, environment
from outcomes.render.wording import PageFigures
from outcomes.schema.theme import Experiment

__all__ = ["BEHIND", "ObjectivePack", "ReportPack", "render_report", "report_pack"]

BEHIND = ("off-track", "at-risk", "missed")  # the key-result statuses called out up front
# Two charts side by side on A4 are about 330 CSS px wide each: drawn 400 wide, their
# 12 px text prints at about 10 px (7.5 pt); the site's 640 would shrink it to 6 px.
CHART_WIDTH, CHART_HEIGHT = 400, 230


@dataclass(frozen=True)
class KeyResultLine:
    """A key result with its KPI and its chart (baseline, target and the glide between)."""

    view: KeyResultView
    kpi: KpiView | None
    chart: Markup


@dataclass(frozen=True)
class Bet:
    """A hypothesis behind an objective, with why it is there and its latest experiment."""

    view: HypothesisView
    theme: ThemeView
    why: str  # "theme Onboarding" or "measured by Week-1 invite rate"
    experiment: Experiment | None
    experiment_role: str  # "Running experiment", "Decisive experiment", "Latest experiment"


@dataclass(frozen=True)
class ObjectivePack:
    objective: ObjectiveView
    themes: list[ThemeView]
    key_results: list[KeyResultLine]
    bets: list[Bet]


@dataclass(frozen=True)
class ReportPack:
    """What the document shows, in its order; `stale`, `overdue`, `behind` open it."""

    period: str
    objectives: list[ObjectivePack]
    stale: list[KpiView]  # KPIs of the period's key results and bets without fresh data
    overdue: list[HypothesisView]  # bets whose decision date passed without a decision
    behind: list[tuple[str, KeyResultLine]]  # (objective title, key result)


def report_pack(roadmap: Roadmap, period: str) -> ReportPack:
    """The period's objectives with their key results and bets; `period` must exist."""
    view = roadmap.okrs[period]
    objectives = [_objective(roadmap, o) for o in view.objectives]
    bets = _unique(b.view for o in objectives for b in o.bets)
    kpi_ids = _unique_ids(
        [kr.view.progress.kpi for o in objectives for kr in o.key_results]
        + [h.kpi for h in bets if h.kpi is not None]
    )
    return ReportPack(
        period=period,
        objectives=objectives,
        stale=[roadmap.kpis[k] for k in kpi_ids if k in roadmap.kpis and roadmap.kpis[k].stale],
        overdue=[h for h in bets if h.overdue],
        behind=[(o.objective.definition.title, kr) for o in objectives for kr in o.key_results
                if kr.view.progress.status in BEHIND],
    )  # fmt: skip


def render_report(roadmap: Roadmap, period: str) -> str:
    """The review pack of `period` as one self-contained HTML document."""
    pack = report_pack(roadmap, period)
    figures = PageFigures(roadmap)
    view = roadmap.okrs[period]
    template = environment().get_template("report.html.j2")
    return template.render(
        pack=pack,
        period=view,
        roadmap=roadmap,
        as_of=roadmap.as_of,
        judged_on=min(roadmap.as_of, view.end),
        fmt=figures.value,
        fig=figures,
        words=explain,
        css=Markup(_stylesheet()),
    )


def _objective(roadmap: Roadmap, objective: ObjectiveView) -> ObjectivePack:
    themes = [roadmap.themes[t] for t in objective.definition.themes if t in roadmap.themes]
    lines = [
        KeyResultLine(kr, roadmap.kpis.get(kr.progress.kpi), _chart(roadmap, kr))
        for kr in objective.key_results
    ]
    bets: dict[str, Bet] = {}
    for theme in themes:
        for h in theme.hypotheses:
            bets.setdefault(h, _bet(roadmap, h, f"theme “{theme.definition.title}”"))
    for kr in objective.key_results:
        kpi = roadmap.kpis.get(kr.progress.kpi)
        if kpi is None:
            continue
        for h in kpi.hypotheses:
            bets.setdefault(h, _bet(roadmap, h, f"measured by {kpi.definition.name}"))
    return ObjectivePack(objective, themes, lines, list(bets.values()))


def _bet(roadmap: Roadmap, hypothesis_id: str, why: str) -> Bet:
    """The bet with the experiment a reader needs: the running one while the verdict is
    "running", else the one the verdict is judged on, else the latest one started."""
    h = roadmap.hypotheses[hypothesis_id]
    started = [e for e in h.definition.experiments if e.start <= roadmap.as_of]
    decisive, role = h.decisive, "Latest experiment"
    if h.verdict == "running":
        role = "Running experiment"
    elif decisive is not None:
        started = [e for e in started if (e.start, e.title) == (decisive.start, decisive.title)]
        role = "Decisive experiment"
    return Bet(h, roadmap.themes[h.theme], why, started[-1] if started else None, role)


def _chart(roadmap: Roadmap, kr: KeyResultView) -> Markup:
    """The key result's KPI over its span, with baseline, target and the glide path."""
    progress: Progress = kr.progress
    kpi = roadmap.kpis.get(progress.kpi)
    if kpi is None:
        return Markup("")
    target = progress.target  # None where the audience may not see it
    lines = [] if target is None else [charts.RefLine(target, "Target", "target")]
    glide = None
    if progress.baseline is not None:
        lines.insert(0, charts.RefLine(progress.baseline, "Baseline", "baseline"))
        if progress.start is not None and target is not None:
            glide = (
                charts.Point(progress.start, progress.baseline),
                charts.Point(progress.end, target),
            )
    points = tuple(
        charts.Point(m.date, m.value)
        for m in kpi.measurements
        if m.date <= roadmap.as_of and (progress.start is None or m.date >= progress.start)
    )
    spec = charts.ChartSpec(
        chart_id=f"kr-{kr.objective}-{kr.id}",
        title=kpi.definition.name,
        description=chart_description(kpi, points),
        unit=kpi.definition.unit,
        points=points,
        lines=tuple(lines),
        as_of=roadmap.as_of,
        period=(progress.start, progress.end) if progress.start else None,
        glide=glide,
        deadline=progress.end,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
    )
    return Markup(charts.render_chart(spec))


def _stylesheet() -> str:
    """The report's own rules, then the charts' (their colours fall back without Material)."""
    folder = importlib.resources.files("outcomes.render") / "templates"
    return (folder / "report.css").read_text(encoding="utf-8") + "\n" + charts.CHART_CSS


def _unique(items: Iterable[HypothesisView]) -> list[HypothesisView]:
    seen: dict[str, HypothesisView] = {}
    for h in items:
        seen.setdefault(h.id, h)
    return list(seen.values())


def _unique_ids(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))

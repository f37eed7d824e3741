"""The traceability graph: objectives → key results → KPIs ← outcomes and hypotheses ← themes."""

from __future__ import annotations

from dataclasses import dataclass

from outcomes.model.roadmap import (
    HypothesisView,
    KeyResultView,
    KpiView,
    ObjectiveView,
    OkrPeriodView,
    OutcomeView,
    Progress,
    Roadmap,
    ThemeView,
)
from outcomes.render.diagrams.dot import (
    Dot,
    LinkFor,
    graph_defaults,
    kpi_latest,
    kpi_value,
    link,
    plural,
    safe_url,
    wrap,
)
from outcomes.render.diagrams.palette import (
    HYPOTHESIS_BORDER,
    HYPOTHESIS_FILL,
    KPI_CHIP,
    LINE,
    PROGRESS_FILL,
    STAGE,
    STATUS_ORDER,
)

__all__ = [
    "MAX_HYPOTHESES_PER_GROUP",
    "TraceabilityPart",
    "traceability_dot",
    "traceability_parts",
]

MAX_HYPOTHESES_PER_GROUP = 12  # per theme and KPI in the traceability graph; then "+ N more"


def traceability_dot(roadmap: Roadmap, link_for: LinkFor) -> str:
    """Objectives → key results → KPIs ← outcomes and hypotheses ← themes, as one graph.

    Arrows from the right-hand side are drawn reversed (`dir=back`) so the KPIs sit in
    the middle column. Hypotheses are grouped per theme and KPI in a small box with one
    edge to each side, and at most `MAX_HYPOTHESES_PER_GROUP` are drawn per group.
    """
    name, graph, node, edge = graph_defaults("traceability")
    graph["compound"] = "true"
    graph["newrank"] = "true"
    graph["ranksep"] = "0.6"
    dot = Dot(name, graph, node, edge)
    used = _used_kpis(roadmap)
    periods = sorted(roadmap.okrs.values(), key=lambda p: (p.start, p.end, p.period))
    for period in periods:
        _okr_cluster(dot, period, roadmap, link_for, used)
    for kpi_id in used:
        kpi = roadmap.kpis[kpi_id]
        dot.node(f"k_{kpi_id}", link({
            "label": wrap(kpi.definition.name, 26, 100) + "\n" + kpi_latest(kpi).strip(" ()"),
            "shape": "box", "style": "filled", "fillcolor": KPI_CHIP[0], "color": KPI_CHIP[1],
            "penwidth": "1.5", "class": "outcomes-kpi",
        }, link_for("kpi", kpi_id), f"KPI: {kpi.definition.name}{kpi_latest(kpi)}"))  # fmt: skip
    for theme in sorted(roadmap.themes.values(), key=lambda t: t.id):
        _theme_side(dot, theme, roadmap, link_for)
    return dot.text()


def _used_kpis(roadmap: Roadmap) -> list[str]:
    """KPIs referenced by a key result, an outcome or a hypothesis, in a stable order."""
    seen: dict[str, None] = {}
    for period in sorted(roadmap.okrs.values(), key=lambda p: (p.start, p.end, p.period)):
        for objective in period.objectives:
            for key_result in objective.key_results:
                seen.setdefault(key_result.progress.kpi, None)
    for theme in sorted(roadmap.themes.values(), key=lambda t: t.id):
        for outcome in theme.outcomes:
            seen.setdefault(outcome.progress.kpi, None)
        for hypothesis_id in theme.hypotheses:
            hypothesis = roadmap.hypotheses.get(hypothesis_id)
            if hypothesis is not None and hypothesis.kpi is not None:
                seen.setdefault(hypothesis.kpi, None)
    return [kpi for kpi in seen if kpi in roadmap.kpis]


def _okr_cluster(
    dot: Dot, period: OkrPeriodView, roadmap: Roadmap, link_for: LinkFor, used: list[str]
) -> None:
    url = safe_url(link_for("okr", period.period))
    attrs = {
        "label": f"OKRs {period.period}", "labeljust": "l", "style": "rounded,filled",
        "fillcolor": STAGE[0], "color": STAGE[1], "class": "outcomes-okr-period",
        "tooltip": f"OKRs {period.period}",
    }  # fmt: skip
    if url is not None:
        attrs["URL"] = url
    dot.open(f"cluster_p_{period.slug}", attrs)
    for objective in period.objectives:
        _objective(dot, period, objective, roadmap, link_for)
    dot.close()
    for objective in period.objectives:
        for key_result in objective.key_results:
            if key_result.progress.kpi in used:
                dot.edge(_kr_id(period, objective, key_result), f"k_{key_result.progress.kpi}")


def _kr_id(period: OkrPeriodView, objective: ObjectiveView, key_result: KeyResultView) -> str:
    return f"kr_{period.slug}__{objective.id}__{key_result.id}"


def _objective(
    dot: Dot, period: OkrPeriodView, objective: ObjectiveView, roadmap: Roadmap,
    link_for: LinkFor,
) -> None:  # fmt: skip
    node = f"obj_{period.slug}__{objective.id}"
    url = link_for("objective", f"{period.period}/{objective.id}")
    title = objective.definition.title
    dot.node(node, link({
        "label": wrap(title, 26, 120), "fillcolor": "#ffffff", "penwidth": "1.5",
        "class": "outcomes-objective",
    }, url, f"Objective ({period.period}): {title}"))  # fmt: skip
    for key_result in objective.key_results:
        kr_node = _kr_id(period, objective, key_result)
        kpi = roadmap.kpis.get(key_result.progress.kpi)
        name = kpi.definition.name if kpi else key_result.progress.kpi
        dot.node(kr_node, link({
            "label": f"KR {key_result.id}\n" + wrap(name, 26, 80) + "\n"
            + _progress_line(key_result.progress, kpi),
            "fillcolor": PROGRESS_FILL.get(key_result.progress.status, "#ffffff"),
            "fontsize": "10", "class": f"outcomes-kr outcomes-{key_result.progress.status}",
        }, url, f"Key result {key_result.id} of {title}: {name}, "
            f"{_progress_line(key_result.progress, kpi)}"))  # fmt: skip
        dot.edge(node, kr_node)


def _progress_line(progress: Progress, kpi: KpiView | None) -> str:
    def show(value: float | None) -> str:
        if value is None:
            return "?"
        return kpi_value(value, kpi) if kpi is not None else f"{value:g}"

    status = progress.status.replace("-", " ")
    return f"{show(progress.baseline)} → {show(progress.target)} · {status}"


def _theme_side(dot: Dot, theme: ThemeView, roadmap: Roadmap, link_for: LinkFor) -> None:
    node = f"t_{theme.id}"
    title = theme.definition.title
    dot.node(node, link({
        "label": wrap(title, 26, 120) + f"\n({theme.horizon})", "fillcolor": "#ffffff",
        "penwidth": "1.5", "class": f"outcomes-theme outcomes-{theme.horizon}",
    }, link_for("theme", theme.id), f"Theme ({theme.horizon}): {title}"))  # fmt: skip
    for outcome in theme.outcomes:
        _outcome(dot, theme, outcome, roadmap, link_for)
    groups: dict[str | None, list[HypothesisView]] = {}
    for hypothesis_id in theme.hypotheses:
        hypothesis = roadmap.hypotheses.get(hypothesis_id)
        if hypothesis is None:
            continue
        kpi = hypothesis.kpi if hypothesis.kpi in roadmap.kpis else None
        groups.setdefault(kpi, []).append(hypothesis)
    for kpi_id, members in groups.items():
        _hypothesis_group(dot, theme, kpi_id, members, link_for)


def _outcome(
    dot: Dot, theme: ThemeView, outcome: OutcomeView, roadmap: Roadmap, link_for: LinkFor
) -> None:
    node = f"o_{theme.id}__{outcome.index}"
    kpi = roadmap.kpis.get(outcome.progress.kpi)
    name = kpi.definition.name if kpi else outcome.progress.kpi
    by = outcome.progress.end.isoformat()
    line = _progress_line(outcome.progress, kpi)
    dot.node(node, link({
        "label": "Outcome: " + wrap(name, 26, 80) + f"\n{line}\nby {by}",
        "fillcolor": PROGRESS_FILL.get(outcome.progress.status, "#ffffff"), "fontsize": "10",
        "class": f"outcomes-outcome outcomes-{outcome.progress.status}",
    }, link_for("theme", theme.id),
        f"Outcome of {theme.definition.title}: {name}, {line}, by {by}"))  # fmt: skip
    if kpi is not None:
        dot.edge(f"k_{kpi.id}", node, {"dir": "back"})
    dot.edge(node, f"t_{theme.id}", {"dir": "back"})


def _hypothesis_group(
    dot: Dot, theme: ThemeView, kpi_id: str | None, members: list[HypothesisView],
    link_for: LinkFor,
) -> None:  # fmt: skip
    cluster = f"cluster_h_{theme.id}__{kpi_id or 'none'}"
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    ordered = sorted(members, key=lambda h: rank.get(h.status, len(rank)))
    shown = ordered[:MAX_HYPOTHESES_PER_GROUP]
    dot.open(cluster, {
        "label": "", "style": "rounded,dashed", "color": LINE, "class": "outcomes-group",
    })  # fmt: skip
    nodes: list[str] = []
    for hypothesis in shown:
        nodes.append(f"h_{hypothesis.id}")
        title = hypothesis.definition.title
        dot.node(nodes[-1], link({
            "label": wrap(f"{title} ({hypothesis.status})", 40, 100),
            "shape": "note", "style": "filled",
            "fillcolor": HYPOTHESIS_FILL.get(hypothesis.status, "#ffffff"),
            "color": HYPOTHESIS_BORDER, "fontsize": "9",
            "class": f"outcomes-hypothesis outcomes-{hypothesis.status}",
        }, link_for("hypothesis", hypothesis.id),
            f"Hypothesis ({hypothesis.status}): {title}"))  # fmt: skip
    hidden = len(ordered) - len(shown)
    if hidden:
        nodes.append(f"more_{theme.id}__{kpi_id or 'none'}")
        dot.node(nodes[-1], link({
            "label": f"+ {plural(hidden, 'more hypothesis', 'more hypotheses')}",
            "shape": "plain", "fontsize": "9", "class": "outcomes-more",
        }, link_for("theme", theme.id), f"{hidden} more on the theme page"))  # fmt: skip
    if len(nodes) > 1:
        dot.same_rank(nodes)
    dot.close()
    anchor = nodes[len(nodes) // 2]
    if kpi_id is not None:
        dot.edge(f"k_{kpi_id}", anchor, {"dir": "back", "lhead": cluster})
    dot.edge(anchor, f"t_{theme.id}", {"dir": "back", "ltail": cluster})


# -- one graph per objective ---------------------------------------------------------
#
# The whole graph of the demo is 1,484 x 4,892 px: in a 690 px column its text shrinks
# to about 3 px. A graph per objective is drawn in three columns at most (the
# objective's key results, their KPIs, the themes' outcomes and hypotheses on them), with
# the objective and each theme as a box around its column, and every label wrapped at
# `_COLUMN_CHARS`: its width is then bounded whatever the data (about 560 pt, which the
# page shows at 690 px with 10 pt text at 11 px or more); only its height grows.

_COLUMN_CHARS = 24


@dataclass(frozen=True)
class TraceabilityPart:
    """One readable graph of the traceability page: its heading, anchor and DOT text."""

    anchor: str
    heading: str
    period: str | None
    dot: str


def traceability_parts(roadmap: Roadmap, link_for: LinkFor) -> list[TraceabilityPart]:
    """A graph per objective (in period order), then the themes no objective serves.

    An objective's graph holds its key results, their KPIs and, for each theme with an
    outcome or hypothesis on one of those KPIs, those outcomes and hypotheses. Themes
    with nothing on any key result's KPI come last, with their outcomes and hypotheses
    on their KPIs (or on none).
    """
    parts: list[TraceabilityPart] = []
    served: set[str] = set()
    periods = sorted(roadmap.okrs.values(), key=lambda p: (p.start, p.end, p.period))
    for period in periods:
        for objective in period.objectives:
            kpis = [kr.progress.kpi for kr in objective.key_results]
            kpis = list(dict.fromkeys(k for k in kpis if k in roadmap.kpis))
            name, graph, node, edge = _column_defaults(f"traceability {objective.id}")
            dot = Dot(name, graph, node, edge)
            _objective_box(dot, period, objective, roadmap, link_for)
            for kpi_id in kpis:
                _kpi_node(dot, roadmap.kpis[kpi_id], link_for)
            for theme in sorted(roadmap.themes.values(), key=lambda t: t.id):
                if _theme_box(dot, theme, set(kpis), roadmap, link_for, with_none=False):
                    served.add(theme.id)
            parts.append(TraceabilityPart(
                f"objective-{period.slug}-{objective.id}",
                f"{objective.definition.title} ({period.period})", period.period, dot.text(),
            ))  # fmt: skip
    rest = [t for t in sorted(roadmap.themes.values(), key=lambda t: t.id) if t.id not in served]
    if rest:
        name, graph, node, edge = _column_defaults("traceability other themes")
        dot = Dot(name, graph, node, edge)
        measured: dict[str, None] = {}
        for theme in rest:
            for outcome in theme.outcomes:
                measured.setdefault(outcome.progress.kpi, None)
            for hypothesis_id in theme.hypotheses:
                hypothesis = roadmap.hypotheses.get(hypothesis_id)
                if hypothesis is not None and hypothesis.kpi is not None:
                    measured.setdefault(hypothesis.kpi, None)
        known = [k for k in measured if k in roadmap.kpis]
        for kpi_id in known:
            _kpi_node(dot, roadmap.kpis[kpi_id], link_for)
        for theme in rest:
            _theme_box(dot, theme, set(known), roadmap, link_for, with_none=True)
        title = "Themes no objective serves" if periods else "Themes"
        parts.append(TraceabilityPart("other-themes", title, None, dot.text()))
    return parts


def _column_defaults(name: str) -> tuple[str, dict[str, str], dict[str, str], dict[str, str]]:
    name, graph, node, edge = graph_defaults(name)
    graph.update({"newrank": "true", "ranksep": "0.4", "nodesep": "0.12", "fontsize": "11"})
    node["fontsize"] = "10"
    return name, graph, node, edge


def _objective_box(
    dot: Dot, period: OkrPeriodView, objective: ObjectiveView, roadmap: Roadmap,
    link_for: LinkFor,
) -> None:  # fmt: skip
    title = objective.definition.title
    attrs = link({
        "label": "Objective: " + wrap(title, _COLUMN_CHARS, 120), "labeljust": "l",
        "style": "rounded,filled", "fillcolor": STAGE[0], "color": STAGE[1],
        "class": "outcomes-objective",
    }, link_for("objective", f"{period.period}/{objective.id}"),
        f"Objective ({period.period}): {title}")  # fmt: skip
    dot.open(f"cluster_obj_{objective.id}", attrs)
    for key_result in objective.key_results:
        kpi = roadmap.kpis.get(key_result.progress.kpi)
        name = kpi.definition.name if kpi else key_result.progress.kpi
        line = _progress_line(key_result.progress, kpi)
        dot.node(f"kr_{key_result.id}", link({
            "label": "Key result: " + wrap(name, _COLUMN_CHARS, 80) + "\n" + line,
            "fillcolor": PROGRESS_FILL.get(key_result.progress.status, "#ffffff"),
            "class": f"outcomes-kr outcomes-{key_result.progress.status}",
        }, link_for("objective", f"{period.period}/{objective.id}"),
            f"Key result of {title}: {name}, {line}"))  # fmt: skip
    dot.close()
    for key_result in objective.key_results:
        if key_result.progress.kpi in roadmap.kpis:
            dot.edge(f"kr_{key_result.id}", f"k_{key_result.progress.kpi}")


def _kpi_node(dot: Dot, kpi: KpiView, link_for: LinkFor) -> None:
    dot.node(f"k_{kpi.id}", link({
        "label": "KPI: " + wrap(kpi.definition.name, _COLUMN_CHARS, 100) + "\n"
        + kpi_latest(kpi).strip(" ()"),
        "shape": "box", "style": "filled", "fillcolor": KPI_CHIP[0], "color": KPI_CHIP[1],
        "penwidth": "1.5", "class": "outcomes-kpi",
    }, link_for("kpi", kpi.id), f"KPI: {kpi.definition.name}{kpi_latest(kpi)}"))  # fmt: skip


def _theme_box(
    dot: Dot, theme: ThemeView, kpis: set[str], roadmap: Roadmap, link_for: LinkFor,
    *, with_none: bool,
) -> bool:  # fmt: skip
    """The theme as a box around its outcomes and hypotheses on `kpis`; False if none."""
    outcomes = [o for o in theme.outcomes if o.progress.kpi in kpis]
    hypotheses = [
        h for h in (roadmap.hypotheses.get(i) for i in theme.hypotheses)
        if h is not None and (h.kpi in kpis or (with_none and h.kpi not in roadmap.kpis))
    ]  # fmt: skip
    if not outcomes and not hypotheses and not with_none:
        return False
    title = theme.definition.title
    dot.open(f"cluster_t_{theme.id}", link({
        "label": "Theme: " + wrap(title, _COLUMN_CHARS, 120) + f" ({theme.horizon})",
        "labeljust": "l", "style": "rounded,filled", "fillcolor": "#ffffff",
        "color": STAGE[1], "class": f"outcomes-theme outcomes-{theme.horizon}",
    }, link_for("theme", theme.id), f"Theme ({theme.horizon}): {title}"))  # fmt: skip
    edges: list[tuple[str, str]] = []
    for outcome in outcomes:
        node = f"o_{theme.id}__{outcome.index}"
        kpi = roadmap.kpis[outcome.progress.kpi]
        line = _progress_line(outcome.progress, kpi)
        by = outcome.progress.end.isoformat()
        dot.node(node, link({
            "label": "Outcome: " + wrap(kpi.definition.name, _COLUMN_CHARS, 80)
            + f"\n{line}\nby {by}",
            "fillcolor": PROGRESS_FILL.get(outcome.progress.status, "#ffffff"),
            "class": f"outcomes-outcome outcomes-{outcome.progress.status}",
        }, link_for("theme", theme.id),
            f"Outcome of {title}: {kpi.definition.name}, {line}, by {by}"))  # fmt: skip
        edges.append((f"k_{kpi.id}", node))
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    by_kpi: dict[str | None, list[HypothesisView]] = {}
    for hypothesis in hypotheses:
        group = hypothesis.kpi if hypothesis.kpi in kpis else None
        by_kpi.setdefault(group, []).append(hypothesis)
    nodes: list[str] = [f"o_{theme.id}__{o.index}" for o in outcomes]
    for kpi_id, members in by_kpi.items():
        ordered = sorted(members, key=lambda h: rank.get(h.status, len(rank)))
        for hypothesis in ordered[:MAX_HYPOTHESES_PER_GROUP]:
            node = f"h_{hypothesis.id}"
            nodes.append(node)
            htitle = hypothesis.definition.title
            dot.node(node, link({
                "label": wrap(f"{htitle} ({hypothesis.status})", _COLUMN_CHARS + 4, 100),
                "shape": "note", "style": "filled",
                "fillcolor": HYPOTHESIS_FILL.get(hypothesis.status, "#ffffff"),
                "color": HYPOTHESIS_BORDER,
                "class": f"outcomes-hypothesis outcomes-{hypothesis.status}",
            }, link_for("hypothesis", hypothesis.id),
                f"Hypothesis ({hypothesis.status}): {htitle}"))  # fmt: skip
            if kpi_id is not None:
                edges.append((f"k_{kpi_id}", node))
        hidden = len(ordered) - MAX_HYPOTHESES_PER_GROUP
        if hidden > 0:
            node = f"more_{theme.id}__{kpi_id or 'none'}"
            nodes.append(node)
            dot.node(node, link({
                "label": f"+ {plural(hidden, 'more hypothesis', 'more hypotheses')}",
                "shape": "plain", "class": "outcomes-more",
            }, link_for("theme", theme.id), f"{hidden} more on the theme page"))  # fmt: skip
    if not nodes:
        nodes.append(f"e_{theme.id}")
        dot.node(nodes[-1], {"label": "no outcome or hypothesis on a KPI yet",
                             "style": "dashed", "class": "outcomes-empty"})  # fmt: skip
    if len(nodes) > 1:
        dot.same_rank(nodes)
    dot.close()
    for kpi_node, node in edges:
        dot.edge(kpi_node, node, {"dir": "back"})
    return True

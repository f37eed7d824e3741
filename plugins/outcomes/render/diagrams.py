"""Graphviz diagrams: the journey map and the traceability graph, as DOT and inline SVG.

DOT is written by hand with plain string building rather than the `graphviz` package:
its `quote()` passes any `<...>` string through as an HTML-like label and leaves
backslashes alone (so `\\l`, `\\N` or `\\G` in user text would be interpreted), and
wrapping each value in `nohtml()` is easy to forget. Here every value goes through
`dot_string`, every attribute name is a literal in this module, and URLs come only
from the caller's `link_for`. It is also faster: for a 6-stage, 30-step journey (270
nodes) this module writes the DOT in 13 ms where replaying the same statements through
`graphviz.Digraph` takes 33 ms; `dot` itself then needs about 40 ms.

`render_svg` runs `dot -Tsvg` in a subprocess with a timeout and never raises;
`embeddable_svg` rebuilds dot's SVG from an allowlist of elements and attributes so it
can be inlined into a page: accessible (`role="img"`, `<title>`, `<desc>`), responsive,
links kept, nothing executable.

Colours are a fixed palette of light fills with dark text, so each box reads the same
on Material's light and dark schemes; the lines are a mid grey visible on both. Emotion
is also written in each step's label, so colour is never the only signal.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from outcomes.generations import GenerationCache
from outcomes.model.roadmap import (
    HypothesisView,
    JourneyView,
    KeyResultView,
    KpiView,
    ObjectiveView,
    OkrPeriodView,
    OutcomeView,
    Progress,
    Roadmap,
    StepView,
    ThemeView,
)
from outcomes.render.charts import format_value

__all__ = [
    "DOT_TIMEOUT",
    "EMOTION_COLOURS",
    "MAX_HYPOTHESES_PER_GROUP",
    "DiagramResult",
    "LinkFor",
    "dot_string",
    "embeddable_svg",
    "journey_dot",
    "render_svg",
    "traceability_dot",
]

LinkFor = Callable[[str, str], str]
"""`(kind, id) -> URL` relative to the page the SVG is embedded in.

Kinds: "hypothesis", "kpi", "theme", "objective" (id `<period>/<objective-id>`),
"okr" (the period) and "step" (id `<journey>/<step>`).
"""

DOT_TIMEOUT = 10.0
MAX_HYPOTHESES_PER_GROUP = 12  # per theme and KPI in the traceability graph; then "+ N more"

# --------------------------------------------------------------------------- palette

INK = "#1f2328"  # text on every light fill
LINE = "#8a8f98"  # edges and borders: mid grey, visible on white and on Material's slate
FONT = "Helvetica"

# emotion -> (fill, border, word); light fills keep the dark text readable in both schemes
EMOTION_COLOURS: dict[int | None, tuple[str, str, str]] = {
    -2: ("#f7b2b2", "#c92a2a", "very negative"),
    -1: ("#fcd5b5", "#d9480f", "negative"),
    0: ("#e3e5e8", "#6b7280", "neutral"),
    1: ("#cdeed5", "#37b24d", "positive"),
    2: ("#96d9a8", "#2b8a3e", "very positive"),
    None: ("#ffffff", "#6b7280", "not rated"),
}
BOOSTER = ("#e6f6ea", "#2b8a3e")
BLOCKER = ("#fde8e8", "#c92a2a")
KPI_CHIP = ("#e7f0fd", "#3b6fd8")
HYPOTHESIS_BORDER = "#b08800"
STAGE = ("#f4f6f8", "#b6bcc4")
HYPOTHESIS_FILL: dict[str, str] = {
    "idea": "#ffffff",
    "planned": "#f1f3f5",
    "testing": "#fff6d6",
    "validated": "#d3f2da",
    "invalidated": "#fbdede",
    "parked": "#eceef1",
}
STATUS_ORDER = ("testing", "planned", "idea", "validated", "invalidated", "parked")
PROGRESS_FILL: dict[str, str] = {
    "no-data": "#f1f3f5",
    "achieved": "#b7e4c2",
    "missed": "#f7c4c4",
    "on-track": "#d3f2da",
    "at-risk": "#ffe8b8",
    "off-track": "#fbdede",
}

# --------------------------------------------------------------------------- escaping

# C0/C1 controls except tab and newlines, bidi embeddings/overrides/isolates, BOM,
# U+FFFE/U+FFFF, lone surrogates and private-use code points.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff"
    r"\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]"
)
_SPACES = re.compile(r"\s+")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _clean(text: str) -> str:
    """Text without control characters, bidi overrides, surrogates or XML-invalid code points."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _UNSAFE.sub("", text)


def dot_string(text: str) -> str:
    """`text` as a double-quoted DOT string that Graphviz shows literally.

    Backslashes are doubled (so `\\l`, `\\N`, `\\G` in user text stay text), quotes
    escaped, `&` written as `&amp;` (dot decodes entities in labels), control characters
    dropped, and each newline becomes dot's centred line break `\\n`.
    """
    cleaned = _clean(text)
    body = (
        cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;").replace("\n", "\\n")
    )
    return f'"{body}"'


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", _clean(text)).strip()


def _shorten(text: str, limit: int) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int, limit: int) -> str:
    """One-line text, cut to `limit` characters and wrapped into lines of about `width`."""
    lines = textwrap.wrap(_shorten(text, limit), width, break_on_hyphens=False) or [""]
    return "\n".join(lines)


def _url(link: str) -> str | None:
    """Only relative links (what `link_for` returns) and http(s) links reach the SVG."""
    link = _clean(link).strip()
    scheme = _SCHEME.match(link)
    if scheme and scheme.group(0).lower() not in ("http:", "https:"):
        return None
    if not link or any(ch.isspace() for ch in link):
        return None
    return link


# --------------------------------------------------------------------------- DOT writer


class _Dot:
    """Lines of DOT with attribute names fixed by this module and every value quoted."""

    def __init__(
        self, name: str, graph: dict[str, str], node: dict[str, str], edge: dict[str, str]
    ) -> None:
        self.lines = [f"digraph {dot_string(name)} {{"]
        self.lines.append(f"  graph [{_attrs(graph)}];")
        self.lines.append(f"  node [{_attrs(node)}];")
        self.lines.append(f"  edge [{_attrs(edge)}];")
        self.depth = 1

    def _add(self, line: str) -> None:
        self.lines.append("  " * self.depth + line)

    def open(self, name: str, attrs: dict[str, str]) -> None:
        self._add(f"subgraph {dot_string(name)} {{")
        self.depth += 1
        if attrs:
            self._add(f"graph [{_attrs(attrs)}];")

    def close(self) -> None:
        self.depth -= 1
        self._add("}")

    def node(self, node_id: str, attrs: dict[str, str]) -> None:
        self._add(f"{dot_string(node_id)} [{_attrs(attrs)}];")

    def edge(self, tail: str, head: str, attrs: dict[str, str] | None = None) -> None:
        extra = f" [{_attrs(attrs)}]" if attrs else ""
        self._add(f"{dot_string(tail)} -> {dot_string(head)}{extra};")

    def same_rank(self, node_ids: Sequence[str]) -> None:
        self._add("{ rank=same; " + " ".join(f"{dot_string(n)};" for n in node_ids) + " }")

    def text(self) -> str:
        return "\n".join([*self.lines, "}"]) + "\n"


_ATTRIBUTE_NAMES = frozenset({
    "arrowhead", "arrowsize", "bgcolor", "class", "color", "compound", "dir", "fillcolor",
    "fontcolor", "fontname", "fontsize", "label", "labeljust", "labelloc", "lhead", "ltail",
    "margin", "minlen", "nodesep", "penwidth", "rankdir", "ranksep", "shape", "style",
    "tooltip", "URL", "weight", "width", "height", "newrank", "outputorder", "pad",
})  # fmt: skip


def _attrs(attrs: dict[str, str]) -> str:
    for key in attrs:
        # Attribute names are literals in this module; the check keeps it that way.
        if key not in _ATTRIBUTE_NAMES:
            raise ValueError(f"attribute {key!r} is not one the diagrams use")
    return ", ".join(f"{key}={_attr_value(key, value)}" for key, value in attrs.items())


_JOINER = "\u2060"  # word joiner: invisible, ends a Graphviz escape sequence


def _attr_value(key: str, value: str) -> str:
    # Graphviz expands escapes in tooltips twice, so a doubled backslash alone still lets
    # user text `\N` become the node id; a joiner after it leaves nothing to expand.
    if key == "tooltip":
        value = value.replace("\\", "\\" + _JOINER)
    return dot_string(value)


def _link(attrs: dict[str, str], url: str | None, tooltip: str) -> dict[str, str]:
    safe = _url(url) if url is not None else None
    if safe is not None:
        attrs["URL"] = safe
    attrs["tooltip"] = _shorten(tooltip, 400)
    return attrs


def _graph_defaults(name: str) -> tuple[str, dict[str, str], dict[str, str], dict[str, str]]:
    graph = {
        "rankdir": "LR",
        "bgcolor": "transparent",
        "fontname": FONT,
        "fontsize": "12",
        "fontcolor": INK,
        "nodesep": "0.18",
        "ranksep": "0.35",
        "pad": "0.1",
    }
    node = {
        "shape": "box",
        "style": "rounded,filled",
        "fontname": FONT,
        "fontsize": "11",
        "fontcolor": INK,
        "color": LINE,
        "fillcolor": "#ffffff",
        "margin": "0.10,0.05",
    }
    edge = {"color": LINE, "arrowsize": "0.7"}
    return name, graph, node, edge


# --------------------------------------------------------------------------- journey map


def _step_id(step: StepView) -> str:
    return f"s_{step.journey}__{step.id}"


def _emotion(emotion: int | None) -> tuple[str, str, str]:
    return EMOTION_COLOURS.get(emotion, EMOTION_COLOURS[None])


def _emotion_line(emotion: int | None) -> str:
    word = _emotion(emotion)[2]
    if emotion is None or emotion not in EMOTION_COLOURS:
        return "emotion: not rated"
    return f"emotion {emotion:+d} ({word})" if emotion else "emotion 0 (neutral)"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def journey_dot(journey: JourneyView, roadmap: Roadmap, link_for: LinkFor) -> str:
    """The journey map: stages left to right, each step a column of its details.

    A step is a box coloured by emotion (also written in the label), followed in its
    column by its boosters (▲), blockers (▼), KPI chips and the hypotheses that target
    it; an edge leads from each step to the next, across stages too.
    """
    name, graph, node, edge = _graph_defaults(f"journey {journey.id}")
    graph["newrank"] = "true"
    dot = _Dot(name, graph, node, edge)
    by_stage: dict[str, list[StepView]] = {}
    for step in journey.steps:
        by_stage.setdefault(step.stage.id, []).append(step)
    # Stages in the journey's order, including those without steps.
    for stage in journey.definition.stages:
        steps = by_stage.get(stage.id, [])
        fill, border = STAGE
        dot.open(f"cluster_st_{stage.id}", {
            "label": _wrap(stage.title, 40, 120),
            "labeljust": "l",
            "style": "rounded,filled",
            "fillcolor": fill,
            "color": border,
            "fontsize": "13",
            "class": "outcomes-stage",
        })  # fmt: skip
        if not steps:
            dot.node(f"e_{journey.id}__{stage.id}", {
                "label": "no steps yet", "style": "dashed", "fontsize": "9",
                "class": "outcomes-empty",
            })  # fmt: skip
        for step in steps:
            _step_column(dot, step, roadmap, link_for)
        dot.close()
    for current, following in itertools.pairwise(journey.steps):
        dot.edge(_step_id(current), _step_id(following), {"weight": "10"})
    return dot.text()


def _step_column(dot: _Dot, step: StepView, roadmap: Roadmap, link_for: LinkFor) -> None:
    definition = step.definition
    node = _step_id(step)
    fill, border, _ = _emotion(definition.emotion)
    hypotheses = [roadmap.hypotheses[h] for h in step.hypotheses if h in roadmap.hypotheses]
    tip = definition.title
    if definition.actions:
        tip += " · does: " + "; ".join(definition.actions)
    if definition.touchpoints:
        tip += " · at: " + "; ".join(definition.touchpoints)
    if len(hypotheses) == 1:
        url = link_for("hypothesis", hypotheses[0].id)
        tip += f" · hypothesis: {hypotheses[0].definition.title}"
    else:
        url = link_for("step", step.ref)
        tip += f" · {_plural(len(hypotheses), 'hypothesis', 'hypotheses')}"
    dot.node(node, _link({
        "label": _wrap(definition.title, 24, 100) + "\n" + _emotion_line(definition.emotion),
        "fillcolor": fill,
        "color": border,
        "penwidth": "1.5",
        "style": "rounded,filled" if definition.emotion is not None else "rounded,filled,dashed",
        "fontsize": "12",
        "class": f"outcomes-step outcomes-emotion-{_emotion_class(definition.emotion)}",
    }, url, tip))  # fmt: skip
    column = [node]
    behaviours = (
        ("boost", "▲", BOOSTER, "booster", "Booster", definition.boosters),
        ("block", "▼", BLOCKER, "blocker", "Blocker", definition.blockers),
    )
    for suffix, mark, (fill, border), css, name, texts in behaviours:
        for i, text in enumerate(texts):
            column.append(f"{node}__{suffix}_{i}")
            dot.node(column[-1], _link({
                "label": f"{mark} " + _wrap(text, 26, 120),
                "fillcolor": fill, "color": border, "fontsize": "10",
                "class": f"outcomes-{css}",
            }, None, f"{name}: {text}"))  # fmt: skip
    for kpi_id in definition.kpis:
        kpi = roadmap.kpis.get(kpi_id)
        if kpi is None:
            continue  # an unknown KPI is a validation error, reported elsewhere
        column.append(f"{node}__kpi_{kpi_id}")
        dot.node(column[-1], _link({
            "label": "KPI · " + _wrap(kpi.definition.name, 24, 80),
            "shape": "box", "style": "filled", "fillcolor": KPI_CHIP[0], "color": KPI_CHIP[1],
            "fontsize": "9", "class": "outcomes-kpi",
        }, link_for("kpi", kpi.id), f"KPI: {kpi.definition.name}{_latest(kpi)}"))  # fmt: skip
    for hypothesis in hypotheses:
        column.append(f"{node}__hyp_{hypothesis.id}")
        title = hypothesis.definition.title
        dot.node(column[-1], _link({
            "label": _wrap(title, 26, 100) + f"\n({hypothesis.status})",
            "shape": "note", "style": "filled",
            "fillcolor": HYPOTHESIS_FILL.get(hypothesis.status, "#ffffff"),
            "color": HYPOTHESIS_BORDER, "fontsize": "10",
            "class": f"outcomes-hypothesis outcomes-{hypothesis.status}",
        }, link_for("hypothesis", hypothesis.id),
            f"Hypothesis ({hypothesis.status}): {title}"))  # fmt: skip
    if len(column) > 1:
        dot.same_rank(column)
        # Invisible edges keep the column in order under its step (with rankdir=LR,
        # the order within a rank runs bottom to top, hence lower -> upper).
        for upper, lower in itertools.pairwise(column):
            dot.edge(lower, upper, {"style": "invis"})


def _emotion_class(emotion: int | None) -> str:
    if emotion is None or emotion not in EMOTION_COLOURS:
        return "none"
    return f"m{-emotion}" if emotion < 0 else str(emotion)


def _latest(kpi: KpiView) -> str:
    if kpi.latest is None:
        return " (no value yet)"
    return f" (latest {_value(kpi.latest.value, kpi)} on {kpi.latest.date.isoformat()})"


def _value(value: float, kpi: KpiView) -> str:
    # Values are finite and units known: the schema and the CSV reader refuse the rest.
    return format_value(value, kpi.definition.unit)


# --------------------------------------------------------------------------- traceability


def traceability_dot(roadmap: Roadmap, link_for: LinkFor) -> str:
    """Objectives → key results → KPIs ← outcomes and hypotheses ← themes, as one graph.

    Arrows from the right-hand side are drawn reversed (`dir=back`) so the KPIs sit in
    the middle column. Hypotheses are grouped per theme and KPI in a small box with one
    edge to each side, and at most `MAX_HYPOTHESES_PER_GROUP` are drawn per group.
    """
    name, graph, node, edge = _graph_defaults("traceability")
    graph["compound"] = "true"
    graph["newrank"] = "true"
    graph["ranksep"] = "0.6"
    dot = _Dot(name, graph, node, edge)
    used = _used_kpis(roadmap)
    periods = sorted(roadmap.okrs.values(), key=lambda p: (p.start, p.end, p.period))
    for period in periods:
        _okr_cluster(dot, period, roadmap, link_for, used)
    for kpi_id in used:
        kpi = roadmap.kpis[kpi_id]
        dot.node(f"k_{kpi_id}", _link({
            "label": _wrap(kpi.definition.name, 26, 100) + "\n" + _latest(kpi).strip(" ()"),
            "shape": "box", "style": "filled", "fillcolor": KPI_CHIP[0], "color": KPI_CHIP[1],
            "penwidth": "1.5", "class": "outcomes-kpi",
        }, link_for("kpi", kpi_id), f"KPI: {kpi.definition.name}{_latest(kpi)}"))  # fmt: skip
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
    dot: _Dot, period: OkrPeriodView, roadmap: Roadmap, link_for: LinkFor, used: list[str]
) -> None:
    url = _url(link_for("okr", period.period))
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
    dot: _Dot, period: OkrPeriodView, objective: ObjectiveView, roadmap: Roadmap,
    link_for: LinkFor,
) -> None:  # fmt: skip
    node = f"obj_{period.slug}__{objective.id}"
    url = link_for("objective", f"{period.period}/{objective.id}")
    title = objective.definition.title
    dot.node(node, _link({
        "label": _wrap(title, 26, 120), "fillcolor": "#ffffff", "penwidth": "1.5",
        "class": "outcomes-objective",
    }, url, f"Objective ({period.period}): {title}"))  # fmt: skip
    for key_result in objective.key_results:
        kr_node = _kr_id(period, objective, key_result)
        kpi = roadmap.kpis.get(key_result.progress.kpi)
        name = kpi.definition.name if kpi else key_result.progress.kpi
        dot.node(kr_node, _link({
            "label": f"KR {key_result.id}\n" + _wrap(name, 26, 80) + "\n"
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
        return _value(value, kpi) if kpi is not None else f"{value:g}"

    status = progress.status.replace("-", " ")
    return f"{show(progress.baseline)} → {show(progress.target)} · {status}"


def _theme_side(dot: _Dot, theme: ThemeView, roadmap: Roadmap, link_for: LinkFor) -> None:
    node = f"t_{theme.id}"
    title = theme.definition.title
    dot.node(node, _link({
        "label": _wrap(title, 26, 120) + f"\n({theme.horizon})", "fillcolor": "#ffffff",
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
    dot: _Dot, theme: ThemeView, outcome: OutcomeView, roadmap: Roadmap, link_for: LinkFor
) -> None:
    node = f"o_{theme.id}__{outcome.index}"
    kpi = roadmap.kpis.get(outcome.progress.kpi)
    name = kpi.definition.name if kpi else outcome.progress.kpi
    by = outcome.progress.end.isoformat()
    line = _progress_line(outcome.progress, kpi)
    dot.node(node, _link({
        "label": "Outcome: " + _wrap(name, 26, 80) + f"\n{line}\nby {by}",
        "fillcolor": PROGRESS_FILL.get(outcome.progress.status, "#ffffff"), "fontsize": "10",
        "class": f"outcomes-outcome outcomes-{outcome.progress.status}",
    }, link_for("theme", theme.id),
        f"Outcome of {theme.definition.title}: {name}, {line}, by {by}"))  # fmt: skip
    if kpi is not None:
        dot.edge(f"k_{kpi.id}", node, {"dir": "back"})
    dot.edge(node, f"t_{theme.id}", {"dir": "back"})


def _hypothesis_group(
    dot: _Dot, theme: ThemeView, kpi_id: str | None, members: list[HypothesisView],
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
        dot.node(nodes[-1], _link({
            "label": _wrap(f"{title} ({hypothesis.status})", 40, 100),
            "shape": "note", "style": "filled",
            "fillcolor": HYPOTHESIS_FILL.get(hypothesis.status, "#ffffff"),
            "color": HYPOTHESIS_BORDER, "fontsize": "9",
            "class": f"outcomes-hypothesis outcomes-{hypothesis.status}",
        }, link_for("hypothesis", hypothesis.id),
            f"Hypothesis ({hypothesis.status}): {title}"))  # fmt: skip
    hidden = len(ordered) - len(shown)
    if hidden:
        nodes.append(f"more_{theme.id}__{kpi_id or 'none'}")
        dot.node(nodes[-1], _link({
            "label": f"+ {_plural(hidden, 'more hypothesis', 'more hypotheses')}",
            "shape": "plain", "fontsize": "9", "class": "outcomes-more",
        }, link_for("theme", theme.id), f"{hidden} more on the theme page"))  # fmt: skip
    if len(nodes) > 1:
        dot.same_rank(nodes)
    dot.close()
    anchor = nodes[len(nodes) // 2]
    if kpi_id is not None:
        dot.edge(f"k_{kpi_id}", anchor, {"dir": "back", "lhead": cluster})
    dot.edge(anchor, f"t_{theme.id}", {"dir": "back", "ltail": cluster})


# --------------------------------------------------------------------------- dot runner


@dataclass(frozen=True)
class DiagramResult:
    """The SVG dot produced, or why there is none (for a warning and a placeholder)."""

    svg: str | None
    problem: str | None


# `dot`'s SVG by the digest of its input, kept across `mkdocs serve` rebuilds (only while
# caching is on, see `outcomes.generations`); failures are never kept.
_SVGS: GenerationCache[str] = GenerationCache("dot runs")


def _svg_key(source: bytes) -> bytes:
    return hashlib.blake2b(source, digest_size=16).digest()


def has_svg(dot_source: str) -> bool:
    """Whether `render_svg(dot_source)` would come from the cache."""
    return _SVGS.get(_svg_key(dot_source.encode("utf-8", errors="replace"))) is not None


def render_svg(dot_source: str, *, timeout: float = DOT_TIMEOUT) -> DiagramResult:
    """Run `dot -Tsvg` on `dot_source` with a timeout; never raises."""
    source = dot_source.encode("utf-8", errors="replace")
    key = _svg_key(source)
    cached = _SVGS.get(key)
    if cached is not None:
        return DiagramResult(cached, None)
    result = _run_dot(source, timeout)
    if result.svg is not None:
        _SVGS.put(key, result.svg)
    return result


def _run_dot(source: bytes, timeout: float) -> DiagramResult:
    try:
        completed = subprocess.run(
            ["dot", "-Tsvg"],
            input=source,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        return DiagramResult(
            None,
            "Graphviz's dot is not installed (apt-get install graphviz, or brew install graphviz)",
        )
    except subprocess.TimeoutExpired:
        return DiagramResult(None, f"dot timed out after {timeout:g} s; the graph is too large")
    except (OSError, ValueError) as exc:
        return DiagramResult(None, f"could not run Graphviz's dot: {exc}")
    stderr = completed.stderr.decode("utf-8", errors="replace").strip()
    if completed.returncode != 0:
        first = stderr.splitlines()[0] if stderr else f"exit status {completed.returncode}"
        return DiagramResult(None, f"dot failed: {_shorten(first, 300)}")
    svg = completed.stdout.decode("utf-8", errors="replace")
    if "<svg" not in svg:
        return DiagramResult(None, "dot produced no SVG")
    return DiagramResult(svg, None)


# --------------------------------------------------------------------------- inline SVG

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_PROLOG = re.compile(r"<\?xml.*?\?>|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>|<!--.*?-->", re.DOTALL)
_ELEMENTS = frozenset({
    "svg", "g", "a", "title", "desc", "text", "tspan", "path", "polygon", "polyline",
    "ellipse", "circle", "rect", "line",
})  # fmt: skip
_ATTRIBUTES = frozenset({
    "class", "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "points", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1",
    "x2", "y2", "width", "height", "text-anchor", "font-family", "font-size", "font-weight",
    "font-style", "text-decoration",
})  # fmt: skip
_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(pt|px)?\s*$")


def embeddable_svg(svg: str, title: str, description: str) -> str:
    """Dot's SVG rebuilt for inlining into a page.

    Drops the XML prolog, doctype, comments, dot's `<title>`s (node ids) and every
    element or attribute not on an allowlist (so no script, no event handler, no
    `style`, no foreign content); keeps links as plain `href` (relative or http(s)
    only) with their tooltip as a `<title>`; adds `role="img"`, a `<title>` and a
    `<desc>` referenced by `aria-labelledby`; scales to the page width (keeping the
    viewBox) up to the natural size. Never raises: input that is not well-formed SVG
    (dot never writes any) gives an empty diagram that still has its title and desc.
    """
    body = _PROLOG.sub("", svg).strip()
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        root = ET.Element(f"{{{_SVG_NS}}}svg")
    if root.tag != f"{{{_SVG_NS}}}svg":
        root = ET.Element(f"{{{_SVG_NS}}}svg")
    key = hashlib.sha256(f"{title}\x00{description}\x00{body}".encode()).hexdigest()[:10]
    prefix = f"outcomes-diagram-{key}"
    attrs = {
        "xmlns": _SVG_NS,
        "class": "outcomes-diagram",
        # A map with links is a group: role="img" would hide its links from screen readers.
        "role": "group" if f"{{{_SVG_NS}}}a" in {e.tag for e in root.iter()} else "img",
        "aria-labelledby": f"{prefix}-title {prefix}-desc",
        "width": "100%",
    }
    view_box = root.get("viewBox")
    if view_box and re.fullmatch(r"[0-9eE+.\- ]+", view_box):
        attrs["viewBox"] = view_box
    width = _LENGTH.match(root.get("width", ""))
    if width:
        # Drawn at its natural size: the page's wrapper scrolls sideways when it is wider,
        # since a shrunk map of 30 steps would be unreadable.
        attrs["style"] = f"width: {width.group(1)}{width.group(2) or 'px'}; height: auto"
    parts = [
        "<svg" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">\n",
        f'<title id="{prefix}-title">{escape(_one_line(title))}</title>\n',
        f'<desc id="{prefix}-desc">{escape(_one_line(description))}</desc>\n',
    ]
    for child in root:
        _serialise(child, parts)
    parts.append("</svg>\n")
    return "".join(parts)


def _local(tag: object) -> str | None:
    if not isinstance(tag, str):
        return None  # comments and processing instructions
    if tag.startswith(f"{{{_SVG_NS}}}"):
        return tag[len(_SVG_NS) + 2 :]
    return None


def _serialise(element: ET.Element, parts: list[str]) -> None:
    name = _local(element.tag)
    if name is None or name not in _ELEMENTS or name in ("svg", "title", "desc"):
        return  # dot's own titles are node ids: noise for readers and tooltips
    attrs: list[tuple[str, str]] = []
    tooltip: str | None = None
    for key, value in element.attrib.items():
        if key in _ATTRIBUTES:
            attrs.append((key, " ".join(value.split())))
        elif name == "a" and key in ("href", f"{{{_XLINK_NS}}}href"):
            url = _url(value)
            if url is not None:
                attrs.append(("href", url))
        elif name == "a" and key in ("title", f"{{{_XLINK_NS}}}title"):
            tooltip = _clean(value).replace("\\" + _JOINER, "\\").strip()
    is_text = name in ("text", "tspan")
    opening = f"<{name}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs)
    if not len(element) and not tooltip and not (is_text and element.text):
        parts.append(opening + "/>\n")
        return
    parts.append(opening + ">")
    if not is_text:
        parts.append("\n")
    if tooltip:
        parts.append(f"<title>{escape(tooltip, quote=False)}</title>\n")
    if is_text and element.text:
        parts.append(escape(_clean(element.text), quote=False))
    for child in element:
        _serialise(child, parts)
        if is_text and child.tail:
            parts.append(escape(_clean(child.tail), quote=False))
    parts.append(f"</{name}>" + ("" if name == "tspan" else "\n"))

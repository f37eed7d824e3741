"""The journey map: a journey's stages top to bottom, each a row of step columns."""

from __future__ import annotations

import itertools

from outcomes.model.roadmap import JourneyView, Roadmap, StepView
from outcomes.render.diagrams.dot import (
    Dot,
    LinkFor,
    graph_defaults,
    kpi_latest,
    link,
    plural,
    wrap,
)
from outcomes.render.diagrams.palette import (
    BLOCKER,
    BOOSTER,
    EMOTION_COLOURS,
    HYPOTHESIS_BORDER,
    HYPOTHESIS_FILL,
    KPI_CHIP,
    STAGE,
)

__all__ = ["journey_dot"]


def _step_id(step: StepView) -> str:
    return f"s_{step.journey}__{step.id}"


def _emotion(emotion: int | None) -> tuple[str, str, str]:
    return EMOTION_COLOURS.get(emotion, EMOTION_COLOURS[None])


def _emotion_line(emotion: int | None) -> str:
    word = _emotion(emotion)[2]
    if emotion is None or emotion not in EMOTION_COLOURS:
        return "emotion: not rated"
    return f"emotion {emotion:+d} ({word})" if emotion else "emotion 0 (neutral)"


STEPS_PER_ROW = 3
"""Steps side by side in a row of the map; a stage with more wraps into further rows.

A map of one long row was 2,464 px wide for the demo (six stages, 13 steps): about
30 % of it visible at 1280 px. With stages top to bottom and at most three step columns
of labels wrapped at 24 characters, a map is about 560 pt wide whatever the journey,
which the page shows in its 690 px column with 9 pt text at 10 px or more.
"""


def journey_dot(journey: JourneyView, roadmap: Roadmap, link_for: LinkFor) -> str:
    """The journey map: stages top to bottom, each a row of step columns.

    A step is a box coloured by emotion (also written in the label), with its boosters
    (▲), blockers (▼), KPI chips and the hypotheses that target it below it; a stage
    holds rows of at most `STEPS_PER_ROW` steps. An edge leads from each step to the
    next, across rows and stages too.
    """
    name, graph, node, edge = graph_defaults(f"journey {journey.id}")
    graph["newrank"] = "true"
    graph["rankdir"] = "TB"
    graph["ranksep"] = "0.12"
    graph["nodesep"] = "0.25"
    # A second crossing pass reorders a row's steps against the order their edges give.
    graph["remincross"] = "false"
    dot = Dot(name, graph, node, edge)
    by_stage: dict[str, list[StepView]] = {}
    for step in journey.steps:
        by_stage.setdefault(step.stage.id, []).append(step)
    # Each row's columns end (their last box) above the next row's steps.
    previous_ends: list[str] = []
    # Stages in the journey's order, including those without steps.
    for stage in journey.definition.stages:
        steps = by_stage.get(stage.id, [])
        fill, border = STAGE
        dot.open(f"cluster_st_{stage.id}", {
            "label": wrap(stage.title, 40, 120),
            "labeljust": "l",
            "style": "rounded,filled",
            "fillcolor": fill,
            "color": border,
            "fontsize": "13",
            "class": "outcomes-stage",
        })  # fmt: skip
        rows = [steps[i : i + STEPS_PER_ROW] for i in range(0, len(steps), STEPS_PER_ROW)]
        if not steps:
            empty = f"e_{journey.id}__{stage.id}"
            dot.node(empty, {
                "label": "no steps yet", "style": "dashed", "fontsize": "9",
                "class": "outcomes-empty",
            })  # fmt: skip
            rows_ends = [[empty]]
            heads = [[empty]]
        else:
            rows_ends = []
            heads = []
            for row in rows:
                ends = [_step_column(dot, step, roadmap, link_for) for step in row]
                heads.append([_step_id(step) for step in row])
                rows_ends.append(ends)
                if len(row) > 1:
                    dot.same_rank(heads[-1])
        dot.close()
        for row_heads, ends in zip(heads, rows_ends, strict=True):
            # Column under column, so rows start at the left edge instead of drifting.
            for i, end in enumerate(previous_ends):
                dot.edge(end, row_heads[min(i, len(row_heads) - 1)], {"style": "invis"})
            previous_ends = ends
    row_of = {s.id: (s.stage.id, i // STEPS_PER_ROW) for st in by_stage.values()
              for i, s in enumerate(st)}  # fmt: skip
    for current, following in itertools.pairwise(journey.steps):
        # Within a row the edge also orders the steps; to the next row it only points.
        same_row = row_of[current.id] == row_of[following.id]
        dot.edge(_step_id(current), _step_id(following), {"weight": "10" if same_row else "0"})
    return dot.text()


def _step_column(dot: Dot, step: StepView, roadmap: Roadmap, link_for: LinkFor) -> str:
    """The step and its details as a column under it; returns the column's last node."""
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
        tip += f" · {plural(len(hypotheses), 'hypothesis', 'hypotheses')}"
    dot.node(node, link({
        "label": wrap(definition.title, 24, 100) + "\n" + _emotion_line(definition.emotion),
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
            dot.node(column[-1], link({
                "label": f"{mark} " + wrap(text, 26, 120),
                "fillcolor": fill, "color": border, "fontsize": "10",
                "class": f"outcomes-{css}",
            }, None, f"{name}: {text}"))  # fmt: skip
    for kpi_id in definition.kpis:
        kpi = roadmap.kpis.get(kpi_id)
        if kpi is None:
            continue  # an unknown KPI is a validation error, reported elsewhere
        column.append(f"{node}__kpi_{kpi_id}")
        dot.node(column[-1], link({
            "label": "KPI · " + wrap(kpi.definition.name, 24, 80),
            "shape": "box", "style": "filled", "fillcolor": KPI_CHIP[0], "color": KPI_CHIP[1],
            "fontsize": "9", "class": "outcomes-kpi",
        }, link_for("kpi", kpi.id), f"KPI: {kpi.definition.name}{kpi_latest(kpi)}"))  # fmt: skip
    for hypothesis in hypotheses:
        column.append(f"{node}__hyp_{hypothesis.id}")
        title = hypothesis.definition.title
        dot.node(column[-1], link({
            "label": wrap(title, 26, 100) + f"\n({hypothesis.status})",
            "shape": "note", "style": "filled",
            "fillcolor": HYPOTHESIS_FILL.get(hypothesis.status, "#ffffff"),
            "color": HYPOTHESIS_BORDER, "fontsize": "10",
            "class": f"outcomes-hypothesis outcomes-{hypothesis.status}",
        }, link_for("hypothesis", hypothesis.id),
            f"Hypothesis ({hypothesis.status}): {title}"))  # fmt: skip
    # Invisible edges keep the column in order under its step.
    for upper, lower in itertools.pairwise(column):
        dot.edge(upper, lower, {"style": "invis"})
    return column[-1]


def _emotion_class(emotion: int | None) -> str:
    if emotion is None or emotion not in EMOTION_COLOURS:
        return "none"
    return f"m{-emotion}" if emotion < 0 else str(emotion)

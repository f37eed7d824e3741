"""What `outcomes diff` compares: the entities of one side, with the fields a reviewer cares about.

Each entity keeps a few tracked fields (a theme's horizon, a hypothesis's status and
expected value, a KPI's source...) and its parts (a theme's outcomes, a journey's
steps, an OKR period's objectives and key results), all as plain JSON values; plus a
digest of everything else, so an edit to other text is still noticed.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Any

from outcomes.diagnostics import Severity
from outcomes.load.project import YAML_SUFFIXES, Layout, Sources
from outcomes.schema.journey import Journey
from outcomes.schema.kpi import Kpi, KpiFile
from outcomes.schema.okr import OkrPeriod
from outcomes.schema.theme import Hypothesis, Theme

Value = str | float | int | None
Fields = dict[str, Value]
# The kinds, in the order the summary lists them.
KINDS = ("themes", "hypotheses", "kpis", "journeys", "okrs")


@dataclass(frozen=True)
class Entity:
    """One theme, hypothesis, KPI, journey or OKR period, as far as the diff looks at it."""

    id: str
    path: str  # the file that declares it
    fields: Fields  # tracked fields, `title` first
    parts: dict[str, dict[str, Fields]] = field(default_factory=dict)  # kind -> id -> fields
    digest: str = ""  # everything, to notice edits outside the tracked fields

    @property
    def title(self) -> str:
        return str(self.fields.get("title") or self.id)


@dataclass(frozen=True)
class Unreadable:
    """A YAML file of one side that failed to load, with its first error."""

    path: str
    line: int
    col: int
    code: str
    message: str


@dataclass
class Snapshot:
    """Every entity of one side by kind and id, and the files that could not be read."""

    entities: dict[str, dict[str, Entity]] = field(default_factory=lambda: {k: {} for k in KINDS})
    unreadable: list[Unreadable] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # KPI id -> its unit
    # KPI id -> ISO date -> value, for the KPIs whose measurements were read (CSV)
    measurements: dict[str, dict[str, float]] = field(default_factory=dict)


def _value(value: Any) -> Value:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value  # type: ignore[no-any-return]


def _digest(content: Any, **exclude: Any) -> str:
    dumped = content.model_dump(mode="json", by_alias=True, exclude=set(exclude) or None)
    return json.dumps(dumped, sort_keys=True)


def take_snapshot(sources: Sources) -> Snapshot:
    """The entities of a loaded project; files with errors are listed, not guessed at."""
    snapshot = Snapshot()
    add = snapshot.entities
    for source in sources.files:
        content, path = source.content, source.path
        if isinstance(content, Theme):
            add["themes"][content.id] = _theme(content, path)
            for hypothesis in content.hypotheses:
                add["hypotheses"][hypothesis.id] = _hypothesis(hypothesis, content.id, path)
        elif isinstance(content, KpiFile):
            for kpi in content.kpis:
                add["kpis"][kpi.id] = _kpi(kpi, path, sources.layout)
                snapshot.units[kpi.id] = kpi.unit
        elif isinstance(content, Journey):
            add["journeys"][content.id] = _journey(content, path)
        elif isinstance(content, OkrPeriod):
            add["okrs"][content.period] = _okrs(content, path)
    for kpi_id, series in sources.measurements.items():
        snapshot.measurements[kpi_id] = {p.date.isoformat(): p.value for p in series.points}
    loaded = {source.path for source in sources.files}
    seen: set[str] = set()
    for problem in sorted(sources.diagnostics):
        yaml_file = problem.path.lower().endswith(YAML_SUFFIXES)
        if problem.severity is not Severity.ERROR or not yaml_file or problem.path in loaded:
            continue
        if problem.path not in seen:
            seen.add(problem.path)
            snapshot.unreadable.append(Unreadable(
                problem.path, problem.line, problem.col, problem.code, problem.message
            ))  # fmt: skip
    return snapshot


def _theme(theme: Theme, path: str) -> Entity:
    outcomes: dict[str, Fields] = {}
    for outcome in theme.outcomes:
        key = outcome.kpi if outcome.kpi not in outcomes else f"{outcome.kpi}#{len(outcomes) + 1}"
        outcomes[key] = {
            "baseline": outcome.baseline,
            "target": outcome.target,
            "from": _value(outcome.from_),
            "by": _value(outcome.by),
        }
    return Entity(
        theme.id,
        path,
        {"title": theme.title, "horizon": theme.horizon, "owner": theme.owner},
        {"outcome": outcomes},
        _digest(theme, hypotheses=True),
    )


def _hypothesis(hypothesis: Hypothesis, theme: str, path: str) -> Entity:
    measured = hypothesis.measured_by
    return Entity(
        hypothesis.id,
        path,
        {
            "title": hypothesis.title,
            "status": hypothesis.status,
            "theme": theme,
            "kpi": measured.kpi if measured else None,
            "expect": measured.expect if measured else None,
        },
        {},
        _digest(hypothesis),
    )


def _kpi(kpi: Kpi, path: str, layout: Layout) -> Entity:
    sql = kpi.source.sql if kpi.source is not None else None
    csv = kpi.source.csv if kpi.source is not None else None
    fields: Fields = {
        "title": kpi.name,
        "unit": kpi.unit,
        "direction": kpi.direction,
        "source": f"SQL {sql.url}" if sql else f"CSV {csv or layout.default_csv(kpi.id)}",
    }
    if sql:
        fields["query"] = sql.query
    return Entity(kpi.id, path, fields, {}, _digest(kpi))


def _journey(journey: Journey, path: str) -> Entity:
    stages: dict[str, Fields] = {}
    steps: dict[str, Fields] = {}
    for stage in journey.stages:
        stages[stage.id] = {"title": stage.title}
        for step in stage.steps:
            steps[step.id] = {"title": step.title, "stage": stage.id}
    return Entity(
        journey.id,
        path,
        {"title": journey.title},
        {"stage": stages, "step": steps},
        _digest(journey),
    )


def _okrs(period: OkrPeriod, path: str) -> Entity:
    objectives: dict[str, Fields] = {}
    key_results: dict[str, Fields] = {}
    for objective in period.objectives:
        objectives[objective.id] = {"title": objective.title, "owner": objective.owner}
        for result in objective.key_results:
            key_results[f"{objective.id}/{result.id}"] = {
                "kpi": result.kpi,
                "baseline": result.baseline,
                "target": result.target,
                "from": _value(result.from_),
                "by": _value(result.by),
            }
    return Entity(
        period.period,
        path,
        {"title": f"OKRs {period.period}"},
        {"objective": objectives, "key result": key_results},
        _digest(period),
    )

"""The resolved roadmap: the only input of rendering and export.

Relations are the model's too, computed once by `outcomes.model.build` and typed:
who uses a KPI (`KpiView.used_by`, and the outcomes, key results, hypotheses and
journey steps behind it), the hypotheses that target a step, the objectives a theme
serves, what a team owns. They hold ids and small `...Ref` values rather than views,
so no two views point at each other and a view's fingerprint (`render/cache.py`)
stays the size of what it shows; `Roadmap.outcome()` and friends resolve them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

from outcomes.load.measurements import Measurement
from outcomes.model.figures import Breach, Evidence, Status, Trend, Trial, Verdict
from outcomes.schema.journey import Journey, Stage, Step
from outcomes.schema.kpi import Kpi
from outcomes.schema.okr import KeyResult, Objective
from outcomes.schema.team import Team
from outcomes.schema.theme import Hypothesis, Outcome, Theme


@dataclass(frozen=True)
class Location:
    """Where an entity is written: for edit links and messages."""

    path: str
    line: int
    col: int


@dataclass
class Progress:
    """How an outcome or key result stands on `as_of`."""

    kpi: str
    baseline: float | None
    target: float | None  # None only where the audience may not see it (a confidential KPI)
    start: datetime.date | None
    end: datetime.date
    judged_at: datetime.date  # min(as_of, end): the day the value is read on
    value: Measurement | None  # the value it is judged on
    progress: float | None
    expected: float
    status: Status
    trend: Trend | None = None  # change over the 30 days up to `judged_at`


@dataclass(frozen=True)
class OutcomeRef:
    """An outcome: its theme and its index in that theme's `outcomes:` list."""

    theme: str
    index: int


@dataclass(frozen=True)
class ObjectiveRef:
    period: str
    objective: str


@dataclass(frozen=True)
class KeyResultRef:
    period: str
    objective: str
    key_result: str


UsageKind = Literal["journey", "theme", "hypothesis", "okr"]


@dataclass(frozen=True)
class Usage:
    """An entity that uses a KPI: a journey (a step lists it), a theme (an outcome aims at
    it), a hypothesis (measured by it) or a key result (`key`: period/objective/id)."""

    kind: UsageKind
    key: str

    @property
    def label(self) -> str:
        """How `outcomes export` names it (DESIGN's shape): `theme:onboarding`."""
        return f"{self.kind}:{self.key}"


@dataclass
class OutcomeView:
    theme: str
    index: int
    definition: Outcome
    location: Location
    progress: Progress


@dataclass
class GuardrailView:
    """A guardrail of a hypothesis with its KPI's latest value on `as_of`."""

    kpi: str
    limit: float | None  # None only where the audience may not see it (a confidential KPI)
    latest: Measurement | None
    breached: bool  # during the decisive experiment (the verdict's rule)


@dataclass
class HypothesisView:
    id: str
    theme: str
    owner: str | None
    definition: Hypothesis
    location: Location
    kpi: str | None
    expect: float | None
    latest: Measurement | None
    verdict: Verdict
    overdue: bool
    contradicted: bool
    score: float | None
    kill: float | None = None
    decisive: Trial | None = None  # the ended experiment the verdict is judged on
    evidence: Evidence | None = None
    decide_by: datetime.date | None = None  # the decision date in effect
    breaches: tuple[Breach, ...] = ()
    guardrails: list[GuardrailView] = field(default_factory=list)
    # Where some fields are written (`will_result_in`, `status`, `measured_by.expect`), as
    # `(path, line, col)`, so advice about one lands on its line (`at`).
    places: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    @property
    def status(self) -> str:
        return self.definition.status

    def at(self, name: str) -> Location:
        """Where field `name` is written, else where the hypothesis is."""
        found = self.places.get(name)
        return self.location if found is None else Location(*found)


@dataclass
class ThemeView:
    id: str
    definition: Theme
    location: Location
    outcomes: list[OutcomeView]
    hypotheses: list[str]
    objectives: list[ObjectiveRef] = field(default_factory=list)  # that list it in `themes:`
    places: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # of `title`

    @property
    def horizon(self) -> str:
        return self.definition.horizon

    def at(self, name: str) -> Location:
        """Where field `name` is written, else where the theme is."""
        found = self.places.get(name)
        return self.location if found is None else Location(*found)


@dataclass
class KpiView:
    id: str
    definition: Kpi
    location: Location
    source: str  # where its values came from: a path, never a database URL
    measurements: list[Measurement]  # every value, sorted by date (also after as_of)
    latest: Measurement | None  # last on or before as_of
    stale: bool
    trend: Trend | None = None
    # Set by `model/audience.py` for a public build: its values were left out.
    confidential: bool = False
    # Who uses it, each once, in the order: journeys, themes with their hypotheses, OKRs.
    users: list[Usage] = field(default_factory=list)
    outcomes: list[OutcomeRef] = field(default_factory=list)
    key_results: list[KeyResultRef] = field(default_factory=list)
    hypotheses: list[str] = field(default_factory=list)  # measured by it
    steps: list[str] = field(default_factory=list)  # `<journey>/<step>` refs listing it

    @property
    def used_by(self) -> list[str]:
        """`users` as `outcomes export` prints them: "theme:x", "hypothesis:y", "okr:P/O/K"."""
        return [usage.label for usage in self.users]


@dataclass
class KeyResultView:
    id: str
    objective: str
    period: str
    definition: KeyResult
    location: Location
    progress: Progress


@dataclass
class ObjectiveView:
    id: str
    period: str
    definition: Objective
    location: Location
    key_results: list[KeyResultView]


@dataclass
class OkrPeriodView:
    period: str
    start: datetime.date
    end: datetime.date
    location: Location
    objectives: list[ObjectiveView]

    @property
    def slug(self) -> str:
        return self.period.lower()


@dataclass
class StepView:
    id: str
    journey: str
    stage: Stage
    definition: Step
    location: Location
    hypotheses: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str:
        return f"{self.journey}/{self.id}"


@dataclass
class JourneyView:
    id: str
    definition: Journey
    location: Location
    steps: list[StepView]


@dataclass
class TeamView:
    id: str
    definition: Team | None  # None when owners are used without a teams file
    location: Location | None
    # What it owns, in the roadmap's order.
    themes: list[str] = field(default_factory=list)
    objectives: list[ObjectiveRef] = field(default_factory=list)
    kpis: list[str] = field(default_factory=list)
    hypotheses: list[str] = field(default_factory=list)  # of the themes it owns


@dataclass
class Roadmap:
    """Every entity by id, every reference resolved, every figure computed for `as_of`."""

    as_of: datetime.date
    themes: dict[str, ThemeView] = field(default_factory=dict)
    hypotheses: dict[str, HypothesisView] = field(default_factory=dict)
    kpis: dict[str, KpiView] = field(default_factory=dict)
    okrs: dict[str, OkrPeriodView] = field(default_factory=dict)
    journeys: dict[str, JourneyView] = field(default_factory=dict)
    teams: dict[str, TeamView] = field(default_factory=dict)

    def steps(self) -> dict[str, StepView]:
        return {step.ref: step for j in self.journeys.values() for step in j.steps}

    def outcome(self, ref: OutcomeRef) -> OutcomeView:
        return next(o for o in self.themes[ref.theme].outcomes if o.index == ref.index)

    def objective(self, ref: ObjectiveRef) -> ObjectiveView:
        return next(o for o in self.okrs[ref.period].objectives if o.id == ref.objective)

    def key_result(self, ref: KeyResultRef) -> KeyResultView:
        objective = self.objective(ObjectiveRef(ref.period, ref.objective))
        return next(kr for kr in objective.key_results if kr.id == ref.key_result)

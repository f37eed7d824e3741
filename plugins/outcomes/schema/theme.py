"""A theme with its outcomes and hypotheses: `roadmap/<theme-id>.yaml`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from outcomes.schema.common import (
    VISIBILITY_DESCRIPTION,
    IsoDate,
    Link,
    LintIgnore,
    Markdown,
    Number,
    Slug,
    StepRef,
    Strict,
    Tag,
    Text,
    Visibility,
    problem,
)

Horizon = Literal["now", "next", "later", "done"]
HypothesisStatus = Literal["idea", "planned", "testing", "validated", "invalidated", "parked"]
HORIZONS: tuple[Horizon, ...] = ("now", "next", "later", "done")
STATUSES: tuple[HypothesisStatus, ...] = (
    "idea", "planned", "testing", "validated", "invalidated", "parked",
)  # fmt: skip
MEASURED_STATUSES = frozenset({"testing", "validated", "invalidated"})


class Outcome(Strict):
    """A behaviour change the theme aims for, measured by a KPI."""

    kpi: Slug = Field(
        description="Id of the KPI that measures this outcome.", examples=["week1-invite-rate"]
    )
    baseline: Number | None = Field(
        None,
        description="Value at the start. Omitted: the first measurement on or after `from`.",
        examples=[0.38],
    )
    target: Number = Field(description="Value to reach by `by`.", examples=[0.55])
    from_: IsoDate | None = Field(
        None,
        alias="from",
        description="Start date. Omitted: the KPI's first measurement.",
        examples=["2026-07-01"],
    )
    by: IsoDate = Field(
        description="Date by which the target should be reached.", examples=["2027-03-31"]
    )
    lint_ignore: LintIgnore = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Outcome:
        if self.from_ is not None and self.from_ >= self.by:
            raise problem(
                "date-order", f"`by` ({self.by}) must be after `from` ({self.from_})", at="by"
            )
        return self


class MeasuredBy(Strict):
    """The KPI that will prove the hypothesis right or wrong, and the value that would."""

    kpi: Slug = Field(description="Id of the KPI.", examples=["week1-invite-rate"])
    expect: Number = Field(
        description="The KPI value that would prove the hypothesis right.", examples=[0.45]
    )
    kill: Number | None = Field(
        None,
        description="At or past this value, on the wrong side, the bet failed (format 1.1). "
        "Written before the experiment starts; without it, falling short of `expect` is "
        "never a failure, only too early, then inconclusive.",
        examples=[0.39],
    )


class Guardrail(Strict):
    """A KPI that must not get worse than a limit while the bet is tested (format 1.1)."""

    kpi: Slug = Field(description="Id of the guardrail KPI.", examples=["support-tickets"])
    limit: Number = Field(
        description="The worst acceptable value, read with the KPI's direction: below it "
        "for a KPI that should increase, above it for one that should decrease.",
        examples=[0.8],
    )


class Readout(Strict):
    """What the experiment itself measured on the hypothesis's KPI (format 1.1)."""

    control: Number = Field(description="The KPI in the control group.", examples=[0.38])
    treatment: Number = Field(description="The KPI in the treatment group.", examples=[0.44])
    interval: list[Number] | None = Field(
        None,
        min_length=2,
        max_length=2,
        description="Confidence interval of treatment − control, as `[lower, upper]`.",
        examples=[[0.02, 0.10]],
    )

    @model_validator(mode="after")
    def _interval_in_order(self) -> Readout:
        if self.interval is not None and self.interval[0] > self.interval[1]:
            low, high = self.interval
            raise problem(
                "interval-order",
                f"the interval's lower bound {low:g} is above its upper bound {high:g}",
                at="interval",
                hint=f"write it as [{high:g}, {low:g}]: lower bound first",
            )
        return self


class Experiment(Strict):
    """A time-boxed test of the hypothesis."""

    title: Text = Field(description="What was tried.", examples=["50% rollout"])
    start: IsoDate = Field(description="First day of the experiment.", examples=["2026-10-01"])
    end: IsoDate | None = Field(
        None, description="Last day. Omitted: still running.", examples=["2026-10-28"]
    )
    readout: Readout | None = Field(
        None,
        description="What the experiment measured on the KPI; when given, the verdict is "
        "judged on it rather than on the KPI's product-wide value.",
    )
    result: Markdown = Field(
        "",
        description="What happened (Markdown).",
        examples=["Invites rose from 38% to 44% in the test group."],
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Experiment:
        if self.end is not None and self.end < self.start:
            raise problem(
                "date-order",
                f"`end` ({self.end}) is before `start` ({self.start})",
                at="end",
                hint="an experiment of one day has the same start and end",
            )
        return self


class Evidence(Strict):
    """A link to research, data or notes that back the hypothesis."""

    title: Text = Field(description="What the link is.", examples=["Interview notes"])
    url: Link = Field(
        description="An http(s) URL or a relative link.",
        examples=["https://example.com/research/interviews"],
    )


class Scores(Strict):
    """How well each of Cagan's four product risks is answered, 1 (poorly) to 5 (well)."""

    value: int = Field(ge=1, le=5, description="Will people use it or buy it?", examples=[4])
    viability: int = Field(ge=1, le=5, description="Does it work for the business?", examples=[3])
    usability: int = Field(ge=1, le=5, description="Can people figure it out?", examples=[2])
    feasibility: int = Field(ge=1, le=5, description="Can we build it?", examples=[5])


class Hypothesis(Strict):
    """A bet stated as a hypothesis: we believe X for Y will result in Z."""

    id: Slug = Field(
        description="Unique id of the hypothesis across the roadmap.", examples=["setup-checklist"]
    )
    title: Text = Field(description="Short name.", examples=["Guided setup checklist"])
    status: HypothesisStatus = Field(description="Where the team stands on this bet.")
    we_believe: Text = Field(
        description="The change we make.",
        examples=["adding a setup checklist to the first-run screen"],
    )
    for_: Text = Field(alias="for", description="For whom.", examples=["workspace admins"])
    will_result_in: Text = Field(
        description="The behaviour change we expect.",
        examples=["more admins inviting a teammate in week one"],
    )
    measured_by: MeasuredBy | None = Field(
        None, description="The KPI and the value that would prove it right."
    )
    guardrails: list[Guardrail] = Field(
        default_factory=list,
        description="KPIs that must not get worse than a limit meanwhile (format 1.1).",
    )
    decide_by: IsoDate | None = Field(
        None,
        description="When the team decides (format 1.1). Omitted: the last experiment's "
        "end + 14 days.",
        examples=["2026-11-15"],
    )
    journey_steps: list[StepRef] = Field(
        default_factory=list,
        description="Journey steps it targets, as `<journey>/<step>`.",
        examples=[["new-team/first-run"]],
    )
    experiments: list[Experiment] = Field(default_factory=list, description="Experiments run.")
    evidence: list[Evidence] = Field(default_factory=list, description="Supporting links.")
    tags: list[Tag] = Field(
        default_factory=list, description="Free labels for filtering.", examples=[["activation"]]
    )
    scores: Scores | None = Field(None, description="Scores for prioritisation (1..5).")
    visibility: Visibility = Field("public", description=VISIBILITY_DESCRIPTION)
    lint_ignore: LintIgnore = Field(default_factory=dict)

    @model_validator(mode="after")
    def _measured_when_tested(self) -> Hypothesis:
        if self.measured_by is None and self.status in MEASURED_STATUSES:
            raise problem(
                "missing-field",
                f"a hypothesis with status {self.status} needs `measured_by`",
                at="status",
                hint="add `measured_by:` with the `kpi` and the value to `expect`, "
                "or set the status to idea, planned or parked",
            )
        starts = [e.start for e in self.experiments]
        if self.decide_by is not None and starts and self.decide_by < min(starts):
            raise problem(
                "date-order",
                f"`decide_by` ({self.decide_by}) is before the first experiment starts "
                f"({min(starts)})",
                at="decide_by",
                hint="a decision comes after an experiment has started: move `decide_by` "
                "later, or correct the experiment's `start`",
            )
        return self


class Theme(Strict):
    """A roadmap theme: a problem worth solving, the outcomes sought and the bets made."""

    id: Slug = Field(
        description="Unique id of the theme; also its file name.", examples=["onboarding"]
    )
    title: Text = Field(
        description="The theme as an outcome, in a sentence.",
        examples=["New teams reach value in their first week"],
    )
    horizon: Horizon = Field(description="now | next | later | done.")
    owner: Slug | None = Field(None, description="Id of the owning team.", examples=["growth"])
    problem: Markdown = Field(
        "",
        description="The problem, for whom, what we know (Markdown).",
        examples=["Half of new workspaces never invite a teammate, and those rarely stay."],
    )
    outcomes: list[Outcome] = Field(default_factory=list, description="Behaviour changes sought.")
    hypotheses: list[Hypothesis] = Field(default_factory=list, description="The bets.")
    visibility: Visibility = Field("public", description=VISIBILITY_DESCRIPTION)
    lint_ignore: LintIgnore = Field(default_factory=dict)

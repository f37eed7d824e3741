"""A theme with its outcomes and hypotheses: `roadmap/<theme-id>.yaml`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from outcomes.schema.common import (
    IsoDate,
    Link,
    Markdown,
    Number,
    Slug,
    StepRef,
    Strict,
    Tag,
    Text,
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


class Experiment(Strict):
    """A time-boxed test of the hypothesis."""

    title: Text = Field(description="What was tried.", examples=["50% rollout"])
    start: IsoDate = Field(description="First day of the experiment.", examples=["2026-10-01"])
    end: IsoDate | None = Field(
        None, description="Last day. Omitted: still running.", examples=["2026-10-28"]
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

"""OKRs of one period: `okrs/<period>.yaml`."""

from __future__ import annotations

from pydantic import Field, model_validator

from outcomes.schema.common import (
    VISIBILITY_DESCRIPTION,
    IsoDate,
    LintIgnore,
    Number,
    Period,
    Slug,
    Strict,
    Text,
    Visibility,
    problem,
)


class KeyResult(Strict):
    """A measurable result: a KPI moving from a baseline to a target within the period."""

    id: Slug = Field(description="Id, unique within its objective.", examples=["invites"])
    kpi: Slug = Field(description="Id of the KPI.", examples=["week1-invite-rate"])
    baseline: Number | None = Field(
        None,
        description="Value at the start. Omitted: first measurement on or after the start.",
        examples=[0.38],
    )
    target: Number = Field(description="Value to reach by the end of the period.", examples=[0.5])
    from_: IsoDate | None = Field(
        None, alias="from", description="Start. Omitted: period start.", examples=["2026-10-01"]
    )
    by: IsoDate | None = Field(
        None, description="End. Omitted: period end.", examples=["2026-12-31"]
    )
    lint_ignore: LintIgnore = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dates_in_order(self) -> KeyResult:
        if self.from_ is not None and self.by is not None and self.from_ >= self.by:
            raise problem(
                "date-order", f"`by` ({self.by}) must be after `from` ({self.from_})", at="by"
            )
        return self


class Objective(Strict):
    """A qualitative goal for the period, with its key results."""

    id: Slug = Field(
        description="Unique id of the objective within the period.",
        examples=["first-week-success"],
    )
    title: Text = Field(
        description="The objective, in a sentence.",
        examples=["New teams succeed in their first week"],
    )
    owner: Slug | None = Field(None, description="Id of the owning team.", examples=["growth"])
    themes: list[Slug] = Field(
        default_factory=list,
        description="Ids of the themes serving it.",
        examples=[["onboarding"]],
    )
    key_results: list[KeyResult] = Field(default_factory=list, description="Key results.")
    visibility: Visibility = Field("public", description=VISIBILITY_DESCRIPTION)
    lint_ignore: LintIgnore = Field(default_factory=dict)


class OkrPeriod(Strict):
    """The objectives of one period."""

    period: Period
    objectives: list[Objective] = Field(default_factory=list, description="The objectives.")

"""A customer-journey map: `journeys/<journey-id>.yaml`."""

from __future__ import annotations

from pydantic import Field

from outcomes.schema.common import VISIBILITY_DESCRIPTION, Markdown, Slug, Strict, Text, Visibility


class Step(Strict):
    """One step of a journey: what people do, where, how they feel, what helps or blocks."""

    id: Slug = Field(description="Id, unique within the journey.", examples=["signup"])
    title: Text = Field(description="Short name of the step.", examples=["Sign up"])
    actions: list[Text] = Field(
        default_factory=list,
        description="What people do.",
        examples=[["compares plans", "starts a trial"]],
    )
    touchpoints: list[Text] = Field(
        default_factory=list,
        description="Where they do it.",
        examples=[["pricing page", "signup form"]],
    )
    emotion: int | None = Field(
        None, ge=-2, le=2, description="How they feel, -2 to 2.", examples=[1]
    )
    boosters: list[Text] = Field(
        default_factory=list,
        description="Behaviours predicting success.",
        examples=[["sees a template for their use case"]],
    )
    blockers: list[Text] = Field(
        default_factory=list,
        description="Behaviours predicting failure.",
        examples=[["asked for a credit card"]],
    )
    kpis: list[Slug] = Field(
        default_factory=list,
        description="Ids of KPIs measuring this step.",
        examples=[["trial-start-rate"]],
    )


class Stage(Strict):
    """A stage of the journey, shown as a column."""

    id: Slug = Field(description="Id, unique within the journey.", examples=["discover"])
    title: Text = Field(description="Name of the stage.", examples=["Discover"])
    steps: list[Step] = Field(default_factory=list, description="Steps in order.")


class Journey(Strict):
    """A customer-journey map."""

    id: Slug = Field(
        description="Unique id of the journey; also its file name.", examples=["new-team"]
    )
    title: Text = Field(description="What the journey is.", examples=["A new team's first week"])
    persona: Text = Field(
        "", description="Who takes it.", examples=["Workspace admin at a 20-person company"]
    )
    description: Markdown = Field(
        "",
        description="Context (Markdown).",
        examples=["From the first visit to a team that works in the product every day."],
    )
    stages: list[Stage] = Field(default_factory=list, description="Stages, left to right.")
    visibility: Visibility = Field("public", description=VISIBILITY_DESCRIPTION)

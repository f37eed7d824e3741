"""A customer-journey map: `journeys/<journey-id>.yaml`."""

from __future__ import annotations

from pydantic import Field

from outcomes.schema.common import Markdown, Slug, Strict, Text


class Step(Strict):
    """One step of a journey: what people do, where, how they feel, what helps or blocks."""

    id: Slug = Field(description="Id, unique within the journey.")
    title: Text = Field(description="Short name of the step.")
    actions: list[Text] = Field(default_factory=list, description="What people do.")
    touchpoints: list[Text] = Field(default_factory=list, description="Where they do it.")
    emotion: int | None = Field(None, ge=-2, le=2, description="How they feel, -2 to 2.")
    boosters: list[Text] = Field(default_factory=list, description="Behaviours predicting success.")
    blockers: list[Text] = Field(default_factory=list, description="Behaviours predicting failure.")
    kpis: list[Slug] = Field(default_factory=list, description="Ids of KPIs measuring this step.")


class Stage(Strict):
    """A stage of the journey, shown as a column."""

    id: Slug = Field(description="Id, unique within the journey.")
    title: Text = Field(description="Name of the stage.")
    steps: list[Step] = Field(default_factory=list, description="Steps in order.")


class Journey(Strict):
    """A customer-journey map."""

    id: Slug = Field(description="Unique id of the journey; also its file name.")
    title: Text = Field(description="What the journey is.")
    persona: Text = Field("", description="Who takes it.")
    description: Markdown = Field("", description="Context (Markdown).")
    stages: list[Stage] = Field(default_factory=list, description="Stages, left to right.")

"""Teams: `okrs/teams.yaml` (optional). When present, every `owner:` must name a team."""

from __future__ import annotations

from pydantic import Field

from outcomes.schema.common import Markdown, Slug, Strict, Text


class Team(Strict):
    """A team that owns themes, objectives and KPIs."""

    id: Slug = Field(description="Unique id of the team.", examples=["growth"])
    name: Text = Field(description="Readable name.", examples=["Growth"])
    description: Markdown = Field(
        "", description="What the team does.", examples=["Activation and expansion."]
    )


class TeamsFile(Strict):
    """The list of teams."""

    teams: list[Team] = Field(description="The teams.")

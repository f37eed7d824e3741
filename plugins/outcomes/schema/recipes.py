"""KPI recipes: the documented aggregations that turn raw rows into a KPI's series.

One catalogue, read by the schema (the recipe names), the query builder (the columns
and their kinds) and the reference page. A recipe is pure data here: its input
columns, the kind each column must hold and the formula in words; the query that
computes it is built in `load.recipe_queries`, once for every engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RecipeName = Literal[
    "adoption",
    "nps",
    "csat",
    "deployment-frequency",
    "lead-time",
    "change-failure-rate",
    "time-to-restore",
]
# What a column must hold: a date or a timestamp ("time"), a number, a boolean, or
# anything that identifies a user ("id").
ColumnKind = Literal["time", "number", "boolean", "id"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    meaning: str


@dataclass(frozen=True)
class Recipe:
    """A recipe: its columns (the first one dates a row), its formula, its value's unit."""

    name: RecipeName
    columns: tuple[Column, ...]
    formula: str
    unit: str
    scale: tuple[float, float] | None = None  # the range the score column must be in

    @property
    def dated_by(self) -> Column:
        return self.columns[0]


RECIPES: dict[str, Recipe] = {
    recipe.name: recipe
    for recipe in (
        Recipe(
            "adoption",
            (
                Column("date", "time", "when the user was seen eligible"),
                Column("user_id", "id", "who"),
                Column("active", "boolean", "whether the user used the feature that day"),
            ),
            "distinct users with an active row ÷ distinct users, per period",
            "percent",
        ),
        Recipe(
            "nps",
            (
                Column("date", "time", "when the answer was given"),
                Column("score", "number", "the answer, 0 to 10"),
            ),
            "(answers 9–10 − answers 0–6) ÷ answers × 100, per period (−100 to 100)",
            "score",
            (0, 10),
        ),
        Recipe(
            "csat",
            (
                Column("date", "time", "when the answer was given"),
                Column("score", "number", "the answer, 1 to 5"),
            ),
            "answers 4–5 ÷ answers, per period",
            "percent",
            (1, 5),
        ),
        Recipe(
            "deployment-frequency",
            (Column("deployed_at", "time", "when the deployment reached production"),),
            "deployments per period",
            "count",
        ),
        Recipe(
            "lead-time",
            (
                Column("deployed_at", "time", "when the deployment reached production"),
                Column("committed_at", "time", "when its (first) commit was made"),
            ),
            "median of deployed_at − committed_at in hours, per period of deployed_at",
            "hours",
        ),
        Recipe(
            "change-failure-rate",
            (
                Column("deployed_at", "time", "when the deployment reached production"),
                Column("caused_incident", "boolean", "whether it caused an incident"),
            ),
            "deployments that caused an incident ÷ deployments, per period",
            "percent",
        ),
        Recipe(
            "time-to-restore",
            (
                Column("started_at", "time", "when the incident began"),
                Column("resolved_at", "time", "when service was restored; empty while open"),
            ),
            "median of resolved_at − started_at in hours over resolved incidents, per "
            "period of started_at",
            "hours",
        ),
    )
}

"""KPI definitions: any YAML under `okrs/` with a top-level `kpis:` list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from outcomes.schema.common import (
    ENV_REF_PATTERN,
    NO_CONTROL,
    VISIBILITY_DESCRIPTION,
    LintIgnore,
    Markdown,
    Slug,
    Strict,
    Text,
    Visibility,
    problem,
)
from outcomes.schema.recipes import RecipeName
from outcomes.schema.units import Unit

Direction = Literal["increase", "decrease"]
Cadence = Literal["daily", "weekly", "monthly", "quarterly"]
CADENCE_DAYS: dict[str, int] = {"daily": 1, "weekly": 7, "monthly": 31, "quarterly": 92}

EnvRef = Annotated[
    str,
    StringConstraints(pattern=ENV_REF_PATTERN),
    Field(
        description="A `${ENV_VAR}` reference to the database URL; never the URL itself.",
        examples=["${ANALYTICS_DB_URL}"],
    ),
]
RelativePath = Annotated[
    str,
    NO_CONTROL,
    StringConstraints(min_length=1, max_length=500),
    Field(
        description="A relative POSIX path inside the project.",
        examples=["okrs/measurements/week1-invite-rate.csv"],
    ),
]


TableName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$"),
    Field(
        description="A table or view (`schema.table` allowed) holding a recipe's raw rows.",
        examples=["survey_responses"],
    ),
]


class SqlSource(Strict):
    """Measurements read from a SQL database: a query returning `date` and `value`
    columns, or (with a `recipe`) the table of raw rows the recipe aggregates."""

    url: EnvRef
    query: Text | None = Field(
        None,
        description="A read-only query returning columns `date` and `value`, one row per date.",
        examples=["select day as date, rate as value from kpi_week1_invites order by day"],
    )
    table: TableName | None = Field(None, description="With `recipe`: the table of raw rows.")

    @model_validator(mode="after")
    def _query_or_table(self) -> SqlSource:
        if self.query is not None and self.table is not None:
            raise problem(
                "invalid-source",
                "a SQL source has either `query` or `table`, not both",
                at="table",
                hint="`table` is for a recipe's raw rows; a `query` returns date and value",
            )
        if self.query is None and self.table is None:
            raise problem(
                "invalid-source",
                "a SQL source needs `query` (or `table`, with a `recipe`)",
                hint="add `query: select day as date, n as value from ...`",
            )
        return self


class Source(Strict):
    """Where a KPI's measurements come from: a CSV file or a SQL query, or raw rows in
    either that a recipe aggregates."""

    recipe: RecipeName | None = Field(
        None, description="Compute the series from raw rows with this recipe (1.1)."
    )
    csv: RelativePath | None = Field(
        None,
        description="CSV file with `date,value[,note]`; with `recipe`, a CSV or Parquet "
        "file of raw rows.",
    )
    sql: SqlSource | None = Field(None, description="A SQL query, or a recipe's table.")

    @model_validator(mode="after")
    def _exactly_one(self) -> Source:
        if self.recipe is not None and self.sql is not None and self.sql.table is None:
            raise problem(
                "invalid-source",
                f"the {self.recipe} recipe reads a `table` of raw rows, not a `query`",
                at="sql",
                hint="write `table: <name>` under `sql:`, or remove `recipe:` to keep the query",
            )
        if self.recipe is None and self.sql is not None and self.sql.table is not None:
            raise problem(
                "invalid-source",
                "a `table` is read by a recipe; this source has none",
                at="sql",
                hint="add `recipe: nps` (or another recipe), or write a `query` instead",
            )
        if self.csv is not None and self.sql is not None:
            raise problem(
                "invalid-source",
                "a source has either `csv` or `sql`, not both",
                at="sql",
                hint="keep one; to snapshot SQL values into a CSV file, remove `sql`",
            )
        if self.csv is None and self.sql is None:
            raise problem(
                "invalid-source",
                "a source needs `csv` or `sql`",
                hint="remove `source:` to read okrs/measurements/<id>.csv",
            )
        return self


class Kpi(Strict):
    """A key performance indicator: what is measured, how, and which way is better."""

    id: Slug = Field(description="Unique id of the KPI.", examples=["week1-invite-rate"])
    name: Text = Field(description="Readable name.", examples=["Week-1 invite rate"])
    description: Markdown = Field(
        "",
        description="What exactly is measured (Markdown).",
        examples=["Share of new workspaces whose admin invites a teammate within 7 days."],
    )
    unit: Unit = Field(description="Unit of the values; percent values are fractions (0.38).")
    direction: Direction = Field(description="Which way is better.")
    cadence: Cadence = Field("weekly", description="How often it is measured.")
    owner: Slug | None = Field(None, description="Id of the owning team.", examples=["growth"])
    source: Source | None = Field(None, description="Omitted: okrs/measurements/<id>.csv.")
    visibility: Visibility = Field("public", description=VISIBILITY_DESCRIPTION)
    confidential: bool = Field(
        False,
        description="Its values never reach a public site (format 1.1): a build for "
        "`audience: public` shows its name, progress and status only.",
        examples=[True],
    )
    lint_ignore: LintIgnore = Field(default_factory=dict)


class KpiFile(Strict):
    """A file of KPI definitions."""

    kpis: list[Kpi] = Field(description="The KPI definitions.")

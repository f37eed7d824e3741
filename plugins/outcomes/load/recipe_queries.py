"""The one query of a KPI recipe, built with SQLAlchemy Core for any dialect.

A recipe's query groups the raw rows by the KPI's cadence period in the database and
returns one row per period: `date` (the period's first day), `value`, `rows` (how many
raw rows the period holds) and `bad` (how many of them hold a value the recipe cannot
use: a score outside its scale, a negative duration, an empty flag). Checking in the
same query costs one more `sum` per period instead of a second scan: on 1,000,000
survey rows in SQLite the checked NPS query took 1.06x the time of a bare hand-written
`GROUP BY` on a quiet run and 1.20x its CPU time on a busy one (bench/run.py --cases
recipes).

Names are never pasted into SQL text: the table and its columns are SQLAlchemy
`table()`/`column()` objects, quoted by each dialect's identifier preparer. Two
functions differ between engines, and are written once per dialect as compiled
elements (the standard `sqlalchemy.ext.compiler` extension): `period_start`
(`date_trunc` on PostgreSQL, DuckDB and the warehouses that copy it; date modifiers
on SQLite; `TRUNC` on Oracle; `DATETRUNC` on SQL Server; date arithmetic on MySQL)
and `epoch_seconds`. Medians are computed with window functions (`row_number`,
`count` over the period), which every engine here has, instead of `percentile_cont`,
which SQLite and MySQL lack.

Imported only when a KPI has a recipe: it imports SQLAlchemy at the top.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Double, Select, and_, case, cast, func, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement, column, table
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Date

from outcomes.schema.recipes import RECIPES, Column, Recipe

UNITS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter"}


class period_start(FunctionElement[Any]):
    """The first day of the period (`day`, `week` from Monday, `month`, `quarter`)."""

    type = Date()
    inherit_cache = True
    name = "period_start"


class epoch_seconds(FunctionElement[Any]):
    """Seconds since 1970-01-01 of a timestamp, as a number."""

    type = Double()
    inherit_cache = True
    name = "epoch_seconds"


def _unit(element: period_start) -> str:
    unit = element.clauses.clauses[0]
    return str(unit.value)


def _value(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(list(element.clauses)[-1], **kw)


@compiles(period_start)
def _period_start(element: period_start, compiler: SQLCompiler, **kw: Any) -> str:
    # PostgreSQL, DuckDB, Redshift, Snowflake, Trino: date_trunc, then a DATE.
    return f"CAST(date_trunc('{_unit(element)}', {_value(element, compiler, **kw)}) AS DATE)"


_SQLITE_PERIODS = {
    "day": "date({x})",
    "week": "date({x}, '-6 days', 'weekday 1')",
    "month": "date({x}, 'start of month')",
    "quarter": "date({x}, 'start of month', "
    "printf('-%d months', (CAST(strftime('%m', {x}) AS INTEGER) - 1) % 3))",
}


@compiles(period_start, "sqlite")
def _period_start_sqlite(element: period_start, compiler: SQLCompiler, **kw: Any) -> str:
    return _SQLITE_PERIODS[_unit(element)].format(x=_value(element, compiler, **kw))


_MYSQL_PERIODS = {
    "day": "DATE({x})",
    "week": "DATE_SUB(DATE({x}), INTERVAL WEEKDAY({x}) DAY)",
    "month": "DATE_SUB(DATE({x}), INTERVAL DAYOFMONTH({x}) - 1 DAY)",
    "quarter": "MAKEDATE(YEAR({x}), 1) + INTERVAL QUARTER({x}) - 1 QUARTER",
}


@compiles(period_start, "mysql")
def _period_start_mysql(element: period_start, compiler: SQLCompiler, **kw: Any) -> str:
    return _MYSQL_PERIODS[_unit(element)].format(x=_value(element, compiler, **kw))


@compiles(period_start, "mssql")
def _period_start_mssql(element: period_start, compiler: SQLCompiler, **kw: Any) -> str:
    unit = {"week": "iso_week"}.get(_unit(element), _unit(element))
    return f"CAST(DATETRUNC({unit}, {_value(element, compiler, **kw)}) AS DATE)"


@compiles(period_start, "oracle")
def _period_start_oracle(element: period_start, compiler: SQLCompiler, **kw: Any) -> str:
    unit = {"day": "DD", "week": "IW", "month": "MM", "quarter": "Q"}[_unit(element)]
    return f"TRUNC({_value(element, compiler, **kw)}, '{unit}')"


@compiles(epoch_seconds)
def _epoch(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"EXTRACT(EPOCH FROM {_value(element, compiler, **kw)})"


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    # Whole seconds exactly (`%s`), plus the fraction of `%f` (SS.SSS) over `%S` (SS):
    # julianday() is a float of days and lost 7 microseconds a day of 2026.
    x = _value(element, compiler, **kw)
    return (
        f"(CAST(strftime('%s', {x}) AS INTEGER)"
        f" + (strftime('%f', {x}) - CAST(strftime('%S', {x}) AS INTEGER)))"
    )


@compiles(epoch_seconds, "mysql")
def _epoch_mysql(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"UNIX_TIMESTAMP({_value(element, compiler, **kw)})"


@compiles(epoch_seconds, "mssql")
def _epoch_mssql(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"DATEDIFF_BIG(second, '1970-01-01', {_value(element, compiler, **kw)})"


@compiles(epoch_seconds, "oracle")
def _epoch_oracle(element: epoch_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"((CAST({_value(element, compiler, **kw)} AS DATE) - DATE '1970-01-01') * 86400)"


def recipe_query(name: str, cadence: str, table_name: str) -> Select[Any]:
    """The recipe's query over `table_name` (`schema.table` allowed), one row per period."""
    recipe = RECIPES[name]
    schema, _, bare = table_name.rpartition(".")
    raw = table(bare, *(column(c.name) for c in recipe.columns), schema=schema or None)
    c = raw.c
    period = period_start(literal(UNITS[cadence]), c[recipe.dated_by.name])
    if name in ("lead-time", "time-to-restore"):
        start, end = (
            (c.committed_at, c.deployed_at)
            if name == "lead-time"
            else (c.started_at, c.resolved_at)
        )
        hours = (epoch_seconds(end) - epoch_seconds(start)) / 3600.0
        return _median(
            period, hours, counted=end.is_not(None) if name == "time-to-restore" else None
        )
    rows = func.count()
    value: ColumnElement[Any]
    bad: ColumnElement[Any]
    if name in ("nps", "csat"):
        score = c.score
        low, high = recipe.scale or (0, 10)
        bad = _count(score.is_(None) | (score < low) | (score > high))
        if name == "nps":
            value = (_count(score >= 9) - _count(score <= 6)) * 100.0 / _nonzero(rows - bad)
        else:
            value = _count(score >= 4) / _nonzero(rows - bad)
    elif name == "adoption":
        bad = _count(c.user_id.is_(None) | c.active.is_(None))
        active = func.count(func.distinct(case((c.active, c.user_id))))
        value = active / _nonzero(func.count(func.distinct(c.user_id)))
    elif name == "change-failure-rate":
        bad = _count(c.caused_incident.is_(None))
        value = _count(c.caused_incident) / _nonzero(rows - bad)
    else:  # deployment-frequency
        bad = literal(0)
        value = _double(rows)
    return (
        select(
            period.label("date"),
            _double(value).label("value"),
            rows.label("rows"),
            bad.label("bad"),
        )
        .group_by(period)
        .order_by(period)
    )


def _median(
    period: ColumnElement[Any], hours: ColumnElement[Any], counted: ColumnElement[Any] | None
) -> Select[Any]:
    """Per period: the median of `hours` over the rows where it is valid (not NULL, not
    negative), the row count and the count of invalid rows; rows where `counted` is
    false (an open incident) are left out of everything."""
    valid = case((and_(hours.is_not(None), hours >= 0), 1), else_=0)
    spans = select(period.label("p"), hours.label("h"), valid.label("ok"))
    if counted is not None:
        spans = spans.where(counted)
    inner = spans.subquery("spans")
    ranked = select(
        inner.c.p,
        inner.c.h,
        inner.c.ok,
        func.row_number().over(partition_by=(inner.c.p, inner.c.ok), order_by=inner.c.h).label("n"),
        func.count().over(partition_by=(inner.c.p, inner.c.ok)).label("m"),
    ).subquery("ranked")
    r = ranked.c
    # The middle one or two of m sorted valid values: 2n in [m, m + 2], in integers only
    # (`/` divides integers differently in DuckDB and PostgreSQL).
    middle = and_(r.ok == 1, 2 * r.n >= r.m, 2 * r.n <= r.m + 2)
    return (
        select(
            r.p.label("date"),
            _double(func.avg(case((middle, r.h)))).label("value"),
            func.count().label("rows"),
            _count(r.ok == 0).label("bad"),
        )
        .group_by(r.p)
        .order_by(r.p)
    )


def _count(condition: ColumnElement[Any]) -> ColumnElement[Any]:
    """How many rows meet `condition` (NULL counts as not), in portable SQL."""
    return func.sum(case((condition, 1), else_=0))


def _nonzero(value: ColumnElement[Any]) -> ColumnElement[Any]:
    """A divisor as a double, NULL instead of 0: a period of only bad rows has no value."""
    return func.nullif(_double(value), 0)


def _double(value: ColumnElement[Any] | Any) -> ColumnElement[Any]:
    return cast(value, Double())


def probe_queries(name: str, table_name: str) -> list[tuple[Column | None, Select[Any]]]:
    """Queries that read no row and fail only when the table, or a column, or a column's
    type, is not what the recipe needs: run one by one after the recipe's query failed,
    to say which. (None, query) probes the table; (column, query) the column."""
    recipe: Recipe = RECIPES[name]
    schema, _, bare = table_name.rpartition(".")
    raw = table(bare, *(column(c.name) for c in recipe.columns), schema=schema or None)
    never = literal(1) == literal(0)
    probes: list[tuple[Column | None, Select[Any]]] = [
        (None, select(literal(1)).select_from(raw).where(never))
    ]
    for wanted in recipe.columns:
        own = raw.c[wanted.name]
        probes.append((wanted, select(own).where(never)))
        typed = {
            "time": epoch_seconds(own),
            "number": own + 0,
            "boolean": case((own, 1)),
            "id": own,
        }[wanted.kind]
        probes.append((wanted, select(typed).where(never)))
    return probes


def compiled(statement: Select[Any], dialect: Any) -> str:
    """The statement as SQL text of `dialect`, constants inlined (there are no user values)."""
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def duckdb_queries() -> dict[str, str]:
    """Every recipe's query over the view `raw_rows`, by `recipe/cadence`, as DuckDB runs
    it (PostgreSQL's SQL: date_trunc, EXTRACT(EPOCH ...), DOUBLE PRECISION); stored in
    `load.recipe_duckdb` so a file recipe does not import SQLAlchemy."""
    from sqlalchemy.dialects.postgresql.base import PGDialect

    dialect = PGDialect()  # type: ignore[no-untyped-call]
    return {
        f"{name}/{cadence}": compiled(recipe_query(name, cadence, "raw_rows"), dialect)
        for name in RECIPES
        for cadence in UNITS
    }

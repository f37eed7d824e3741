"""SQL-sourced KPIs: live values from the database, else the snapshot CSV, with located problems.

A separate step after `load.project.load`, which only records each KPI's query: reading
YAML and CSV depends on the files alone and may be cached between builds, while a
query's values must be live on every build.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.measurements import Measurement, RowProblem, typed_measurement
from outcomes.load.paths import UnsafePath
from outcomes.load.plausibility import looks_like_whole_percents, whole_percents_computed
from outcomes.load.project import Layout, Series, Sources, SqlRequest, read_csv_file
from outcomes.load.sql import Databases, QueryResult, SqlError, SqlSettings, resolve_url

# Failures where the database did not answer (or could not be asked): the snapshot stands in.
FALLBACK_CODES = frozenset({"sql-unreachable", "sql-timeout", "sql-env-missing"})


class _Keyed(Protocol):
    @property
    def kpi(self) -> str: ...

    @property
    def where(self) -> tuple[str, int, int]: ...

    @property
    def percent(self) -> bool: ...


_Request = TypeVar("_Request", bound=_Keyed)


def read_sql_sources(
    sources: Sources, settings: SqlSettings | None = None, environ: Mapping[str, str] | None = None
) -> Sources:
    """`sources` with the measurements of its SQL-sourced KPIs added (a new object).

    Each distinct (URL, query) is run once; `environ` (default `os.environ`) holds the
    URLs the `${ENV_VAR}` references name.
    """
    return with_series(sources, sources.sql_requests, settings, environ, live_series)


def with_series(
    sources: Sources,
    requests: Sequence[_Request],
    settings: SqlSettings | None,
    environ: Mapping[str, str] | None,
    series_of: Callable[
        [_Request, Databases, Layout, Mapping[str, str] | None],
        tuple[Series | None, list[Diagnostic]],
    ],
) -> Sources:
    """`sources` with the series `series_of` finds for each request (a new object); one
    `Databases` for all of them, so each database is opened once per build."""
    if not requests:
        return sources
    measurements = dict(sources.measurements)
    diagnostics = list(sources.diagnostics)
    misscaled = set(sources.misscaled)
    with Databases(settings or SqlSettings()) as databases:
        for request in requests:
            series, problems = series_of(request, databases, sources.layout, environ)
            diagnostics.extend(problems)
            if series is None:
                continue
            measurements[request.kpi] = series
            if request.percent and looks_like_whole_percents(series.points):
                diagnostics.append(whole_percents_computed(request.where, request.kpi,
                                                           series.points))  # fmt: skip
                misscaled.add(request.kpi)
    return dataclasses.replace(sources, measurements=measurements, diagnostics=diagnostics,
                               misscaled=misscaled)  # fmt: skip


def live_series(
    request: SqlRequest,
    databases: Databases,
    layout: Layout,
    environ: Mapping[str, str] | None = None,
) -> tuple[Series | None, list[Diagnostic]]:
    """The KPI's values from its query; from its snapshot, with a warning, when the
    database does not answer; None when neither can be had."""
    try:
        points, problems = query_measurements(request, databases, environ)
        return Series(request.kpi, request.url, points), problems
    except SqlError as exc:
        if exc.code not in FALLBACK_CODES:
            return None, [sql_problem(request, exc)]
        failure = exc
    snapshot = request.snapshot
    try:
        points, problems = read_csv_file(layout.root, snapshot)
    except FileNotFoundError:
        hint = f"run `outcomes pull` where the database answers, to write {snapshot}"
        return None, [sql_problem(request, failure, f"; there is no snapshot {snapshot}", hint)]
    except UnsafePath as exc:
        path, line, col = request.where
        message = f"{snapshot}: {exc}"
        return None, [Diagnostic(path, line, col, Severity.ERROR, "unsafe-path", message)]
    warning = sql_problem(request, failure, f"; using the snapshot {snapshot}", failure.hint,
                          Severity.WARNING)  # fmt: skip
    return Series(request.kpi, snapshot, points), [warning, *problems]


def query_measurements(
    request: SqlRequest, databases: Databases, environ: Mapping[str, str] | None = None
) -> tuple[list[Measurement], list[Diagnostic]]:
    """The KPI's values from its query, and its bad rows; raises SqlError."""
    url = resolve_url(request.url, os.environ if environ is None else environ)
    result = databases.run(url, request.query)
    return measurements_of(request, result, databases.settings.max_rows)


def sql_problem(
    request: SqlRequest,
    failure: SqlError,
    more: str = "",
    hint: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    """A failed query as a problem located at the KPI's `query:`."""
    path, line, col = request.where
    via = "" if failure.code == "sql-env-missing" else f" via {request.url}"
    message = f"KPI {request.kpi!r}{via}: {failure.message}{more}"
    return Diagnostic(path, line, col, severity, failure.code, message,
                      failure.hint if hint is None else hint)  # fmt: skip


def measurements_of(
    request: SqlRequest, result: QueryResult, max_rows: int
) -> tuple[list[Measurement], list[Diagnostic]]:
    """Rows of a query result as measurements, each bad row reported like a CSV row."""
    path, line, col = request.where
    kpi = request.kpi

    def problem(code: str, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(path, line, col, Severity.ERROR, code, message, hint)

    if not result.columns and not result.rows:
        return [], []  # PostgreSQL names no columns of an empty streamed result
    names = [name.lower() for name in result.columns]
    if "date" not in names or "value" not in names:
        returned = ", ".join(result.columns) or "no columns"
        return [], [problem(
            "sql-columns",
            f"KPI {kpi!r}: the query returns {returned}; it needs the columns date and value",
            "name them with `as`: select day as date, count(*) as value ...",
        )]  # fmt: skip
    date_at, value_at = names.index("date"), names.index("value")
    note_at = names.index("note") if "note" in names else None
    diagnostics: list[Diagnostic] = []
    rows = result.rows
    if len(rows) > max_rows:
        diagnostics.append(problem(
            "sql-too-many-rows",
            f"KPI {kpi!r}: the query returns more than {max_rows:,} rows; the rest is not read",
            "aggregate in the database: one row per day or week",
        ))  # fmt: skip
        rows = rows[:max_rows]
    points: list[Measurement] = []
    seen: dict[object, int] = {}
    for number, row in enumerate(rows, start=1):
        note = row[note_at] if note_at is not None else None
        point = typed_measurement(row[date_at], row[value_at], note)
        where = f"KPI {kpi!r}, row {number} of the query"
        if isinstance(point, RowProblem):
            if point.part == "date":
                diagnostics.append(problem("sql-date", f"{where}: {point.message}", point.hint))
            else:
                diagnostics.append(problem("sql-value", f"{where}: {point.message}", point.hint))
            continue
        if point.date in seen:
            diagnostics.append(problem(
                "sql-duplicate-date",
                f"{where}: {point.date} already has a value at row {seen[point.date]}",
                "keep one row per date: `group by` the date",
            ))  # fmt: skip
            continue
        seen[point.date] = number
        points.append(point)
    points.sort()
    return points, diagnostics

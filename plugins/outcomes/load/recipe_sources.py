"""KPIs computed by a recipe from raw rows: in the database for `sql:`, on DuckDB for files.

With `sql: {url, table}` the recipe's one query (`load.recipe_queries`) is compiled for
the database's own dialect and run by `load.sql.Databases`, so it is read-only, under
the statement timeout and the row cap, and its failures are the SQL sources' (`sql-...`),
with the same fall-back to the `outcomes pull` snapshot when the database does not
answer. Only one row per period crosses the network.

With `csv: PATH` (a `.csv` or `.parquet` file of raw rows) the same query runs on an
in-memory DuckDB over the file, read in the query itself: DuckDB scans it once, in its
own threads, and hands Python one row per period, so no raw row becomes a Python object
(bench/run.py --cases recipes, 1,000,000 survey rows: 1.08x the time of a hand-written
GROUP BY, peak RSS 106 MiB against 91 MiB over 1,000 rows, 1.16x, DuckDB's own
buffers; on SQLite 1.08x and 55 against 51 MiB). DuckDB is imported only here, and
this module only when a KPI has a recipe; SQLAlchemy only for `sql:`, as a file recipe
runs the query texts stored in `load.recipe_duckdb`.

Problems of the raw rows are located at the KPI's `source:` and name the table or file
and the column: `recipe-column` (missing), `recipe-type` (not a date, number or boolean)
and `recipe-value` (a score outside its scale, a negative duration, an empty flag).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.measurements import Measurement, RowProblem, typed_measurement
from outcomes.load.paths import UnsafePath, resolve_inside
from outcomes.load.project import Layout, RecipeRequest, Series, Sources, read_csv_file
from outcomes.load.recipe_duckdb import QUERIES
from outcomes.load.sql import Databases, SqlError, SqlSettings, resolve_url
from outcomes.load.sql_sources import FALLBACK_CODES, with_series
from outcomes.schema.recipes import RECIPES, Column

_KINDS = {
    "time": "a date or timestamp",
    "number": "a number",
    "boolean": "a boolean",
    "id": "an id",
}
_DUCKDB_TYPES = {
    "time": ("DATE", "TIMESTAMP"),
    "number": (
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "FLOAT",
        "DOUBLE",
        "DECIMAL",
        "REAL",
    ),
    "boolean": ("BOOLEAN",),
}
# The type in which a CSV's column of each kind is read; times and ids as DuckDB finds them.
_DUCKDB_READ = {"number": "DOUBLE", "boolean": "BOOLEAN"}


def read_recipe_sources(
    sources: Sources, settings: SqlSettings | None = None, environ: Mapping[str, str] | None = None
) -> Sources:
    """`sources` with the series of its recipe KPIs added (a new object)."""
    return with_series(sources, sources.recipe_requests, settings, environ, recipe_series)


def recipe_series(
    request: RecipeRequest,
    databases: Databases,
    layout: Layout,
    environ: Mapping[str, str] | None = None,
) -> tuple[Series | None, list[Diagnostic]]:
    """The KPI's series by its recipe; from the snapshot, with a warning, when its database
    does not answer; None when neither can be had."""
    if request.file is not None:
        points, problems = file_measurements(request, layout.root, databases.settings.timeout)
        return (Series(request.kpi, request.file, points) if points is not None else None, problems)
    try:
        live, problems = sql_measurements(request, databases, environ)
        return Series(request.kpi, str(request.url), live), problems
    except SqlError as exc:
        if exc.code not in FALLBACK_CODES:
            return None, [problem(request, exc.code, _sql_message(request, exc), exc.hint)]
        failure = exc
    try:
        points, problems = read_csv_file(layout.root, request.snapshot)
    except FileNotFoundError:
        hint = f"run `outcomes pull` where the database answers, to write {request.snapshot}"
        message = _sql_message(request, failure) + f"; there is no snapshot {request.snapshot}"
        return None, [problem(request, failure.code, message, hint)]
    except UnsafePath as exc:
        return None, [problem(request, "unsafe-path", f"{request.snapshot}: {exc}")]
    message = _sql_message(request, failure) + f"; using the snapshot {request.snapshot}"
    warning = problem(request, failure.code, message, failure.hint, Severity.WARNING)
    return Series(request.kpi, request.snapshot, points), [warning, *problems]


def sql_measurements(
    request: RecipeRequest, databases: Databases, environ: Mapping[str, str] | None = None
) -> tuple[list[Measurement], list[Diagnostic]]:
    """The recipe's periods from its database, and the problems of its raw rows; raises
    SqlError (a missing column or a wrong type as `recipe-column` / `recipe-type`)."""
    assert request.url is not None and request.table is not None
    from outcomes.load.recipe_queries import compiled, recipe_query

    url = resolve_url(request.url, os.environ if environ is None else environ)
    dialect = databases.dialect(url)
    query = compiled(recipe_query(request.recipe, request.cadence, request.table), dialect)
    try:
        result = databases.run(url, query)
    except SqlError as exc:
        if exc.code == "sql-query":
            raise _diagnose(request, databases, url, dialect, exc) from None
        raise
    return periods_of(request, f"table {request.table}", result.rows)


def _diagnose(
    request: RecipeRequest, databases: Databases, url: str, dialect: Any, failure: SqlError
) -> SqlError:
    """Why the recipe's query failed: the first probe that fails names the table or the
    column; else the database's own reason stands."""
    assert request.table is not None
    from outcomes.load.recipe_queries import compiled, probe_queries

    for wanted, probe in probe_queries(request.recipe, request.table):
        try:
            databases.run(url, compiled(probe, dialect))
        except SqlError as exc:
            if exc.code != "sql-query":
                return exc
            if wanted is None:
                return SqlError(
                    "recipe-column",
                    f"the table {request.table} cannot be read: {exc.message}",
                    "check the table's name and schema",
                )
            return _column_failure(request, f"table {request.table}", wanted, exc.message)
    return failure


def _column_failure(request: RecipeRequest, where: str, wanted: Column, detail: str) -> SqlError:
    lowered = detail.lower()
    if "column" in lowered and (
        "not exist" in lowered or "no such" in lowered or "not found" in lowered
    ):
        return _missing(request, where, wanted)
    return SqlError(
        "recipe-type",
        f"column {wanted.name} of {where} is not {_KINDS[wanted.kind]}, as the "
        f"{request.recipe} recipe needs ({wanted.meaning}): {detail}",
        "cast it in a view over the table, and name the view in `table:`",
    )


def _missing(request: RecipeRequest, where: str, wanted: Column) -> SqlError:
    names = ", ".join(c.name for c in RECIPES[request.recipe].columns)
    return SqlError(
        "recipe-column",
        f"{where} has no column {wanted.name} ({wanted.meaning}); the {request.recipe} "
        f"recipe reads the columns {names}",
        "rename the column, or name a view that renames it",
    )


def periods_of(
    request: RecipeRequest, where: str, rows: Sequence[Sequence[Any]]
) -> tuple[list[Measurement], list[Diagnostic]]:
    """Rows (period start, value, rows, bad rows) as measurements; a period with unusable
    raw rows is reported and left out."""
    recipe = RECIPES[request.recipe]
    points: list[Measurement] = []
    problems: list[Diagnostic] = []
    for date, value, _count, bad in rows:
        if date is None:
            dated = recipe.dated_by
            message = (
                f"{_count} rows of {where} have a {dated.name} that is not a date or "
                f"timestamp, or none"
            )
            problems.append(
                problem(
                    request,
                    "recipe-type",
                    message,
                    "write ISO dates such as 2026-11-16 or 2026-11-16 09:30",
                )
            )
            continue
        if bad:
            problems.append(
                problem(
                    request,
                    "recipe-value",
                    _bad_message(request, where, bad, date),
                    _bad_hint(request.recipe),
                )
            )
            continue
        if value is None:
            continue  # no row the recipe counts (only open incidents): no value, not zero
        point = typed_measurement(date, value)
        if isinstance(point, RowProblem):
            problems.append(
                problem(request, "recipe-type", f"{where}: {point.message}", point.hint)
            )
            continue
        points.append(point)
    points.sort()
    return points, problems


def _bad_message(request: RecipeRequest, where: str, bad: int, date: object) -> str:
    recipe = RECIPES[request.recipe]
    period = f"the {request.cadence} period from {str(date)[:10]}"
    if recipe.scale is not None:
        low, high = recipe.scale
        return (
            f"{bad} rows of {where} in {period} have a score outside the scale "
            f"{low:g}–{high:g} of the {request.recipe} recipe, or none (column score)"
        )
    if request.recipe in ("lead-time", "time-to-restore"):
        first, second = (
            ("committed_at", "deployed_at")
            if request.recipe == "lead-time"
            else ("started_at", "resolved_at")
        )
        return (
            f"{bad} rows of {where} in {period} have a {second} before their {first}, "
            f"or an empty or unreadable {first} (columns {first}, {second})"
        )
    names = ", ".join(c.name for c in recipe.columns[1:])
    return f"{bad} rows of {where} in {period} have an empty value (columns {names})"


def _bad_hint(recipe: str) -> str:
    if recipe == "nps":
        return "NPS answers are whole numbers from 0 to 10; filter others out in a view"
    if recipe == "csat":
        return "CSAT answers are 1 to 5; rescale other scales in a view"
    return "leave such rows out in a view over the table, or correct them"


def file_measurements(
    request: RecipeRequest, root: Path, timeout: float
) -> tuple[list[Measurement] | None, list[Diagnostic]]:
    """The recipe over a CSV or Parquet file of raw rows, on DuckDB."""
    assert request.file is not None
    relative = request.file
    try:
        path = resolve_inside(root, relative)
    except FileNotFoundError:
        message = f"no raw rows for KPI {request.kpi!r}: {relative} does not exist"
        names = ",".join(c.name for c in RECIPES[request.recipe].columns)
        return None, [
            problem(request, "csv-missing", message, f"create {relative} with the header `{names}`")
        ]
    except UnsafePath as exc:
        return None, [problem(request, "unsafe-path", f"{relative}: {exc}")]
    import duckdb

    parquet = path.suffix.lower() == ".parquet"
    recipe = RECIPES[request.recipe]
    # The file is read where the query reads it, in one pass: a CSV with the recipe's
    # numbers and booleans typed (a cell that is neither stops the scan) and its times as
    # DuckDB finds them, dates in ISO form only (never 10/01/2026 guessed day first); a
    # Parquet file with its own types, checked first from its footer. Types are looked
    # up from the file before the query only for Parquet, and for a CSV only to say what
    # went wrong: sniffing it twice cost 0.07 s of the 0.16 s over 1,000,000 rows
    # (bench/run.py --cases recipes). Times with an offset are TIMESTAMPTZ, and periods
    # UTC days on every machine.
    typed = ", ".join(
        f"'{c.name}': '{_DUCKDB_READ[c.kind]}'" for c in recipe.columns if c.kind in _DUCKDB_READ
    )
    options = "header = true, dateformat = '%Y-%m-%d'"
    types = f", types = {{{typed}}}" if typed else ""
    source = "read_parquet($path)" if parquet else f"read_csv($path, {options}{types})"
    sniffed = "read_parquet($path)" if parquet else f"read_csv($path, {options})"
    parameters = {"path": str(path)}
    connection = duckdb.connect(":memory:")
    connection.execute("SET TimeZone = 'UTC'")
    timer = threading.Timer(timeout, connection.interrupt)
    timer.start()
    try:
        if parquet:
            wrong = _wrong_column(request, relative, connection, sniffed, parameters)
            if wrong is not None:
                return None, [wrong]
        # SQLAlchemy's PostgreSQL compilation, stored: importing SQLAlchemy cost more
        # CPU than DuckDB's scan of 1,000,000 rows (load.recipe_duckdb).
        query = f"WITH raw_rows AS NOT MATERIALIZED (SELECT * FROM {source})\n"
        query += QUERIES[f"{request.recipe}/{request.cadence}"]
        try:
            rows = connection.execute(query, parameters).fetchall()
        except duckdb.Error as exc:
            if isinstance(exc, duckdb.InterruptException) or parquet:
                raise
            wrong = _wrong_column(request, relative, connection, sniffed, parameters)
            if wrong is not None:
                return None, [wrong]
            if not isinstance(exc, duckdb.ConversionException):
                raise
            return None, [
                problem(
                    request,
                    "recipe-type",
                    f"file {relative}: " + "; ".join(str(exc).splitlines()[:3]),
                    "write ISO dates (2026-11-16 or 2026-11-16 09:30), plain numbers and "
                    "true/false; an empty cell is fine",
                )
            ]
    except duckdb.Error as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, duckdb.InterruptException):
            detail = f"reading it took longer than {timeout:g} s"
        return None, [
            problem(
                request,
                "recipe-file",
                f"{relative}: {detail}",
                "check that the file is a CSV with a header row, or Parquet",
            )
        ]
    finally:
        timer.cancel()
        connection.close()
    return periods_of(request, f"file {relative}", rows)


def _wrong_column(
    request: RecipeRequest,
    relative: str,
    connection: Any,
    source: str,
    parameters: dict[str, str],
) -> Diagnostic | None:
    """The first column of the recipe that the file lacks or holds in another type, as
    DuckDB reads it from `source`; None when every column is as the recipe needs."""
    described = connection.execute(f"DESCRIBE SELECT * FROM {source}", parameters).fetchall()
    types = {str(row[0]): str(row[1]).upper() for row in described}
    for wanted in RECIPES[request.recipe].columns:
        found = types.get(wanted.name)
        if found is None:
            error = _missing(request, f"file {relative}", wanted)
            return problem(request, "recipe-column", error.message, error.hint)
        allowed = _DUCKDB_TYPES.get(wanted.kind)
        if allowed is not None and not found.startswith(allowed):
            message = (
                f"column {wanted.name} of file {relative} holds {found.lower()} "
                f"values, not {_KINDS[wanted.kind]} ({wanted.meaning}), as the "
                f"{request.recipe} recipe needs"
            )
            hint = "correct the cells that are not; an empty cell is fine"
            if wanted.kind == "time":
                hint = "write ISO dates (2026-11-16 or 2026-11-16 09:30); an empty cell is fine"
            return problem(request, "recipe-type", message, hint)
    return None


def sql_failure(request: RecipeRequest, failure: SqlError) -> Diagnostic:
    """A failed recipe query as an error located at the KPI's `source:` (for `pull`)."""
    return problem(request, failure.code, _sql_message(request, failure), failure.hint)


def _sql_message(request: RecipeRequest, failure: SqlError) -> str:
    via = "" if failure.code == "sql-env-missing" else f" via {request.url}"
    return f"KPI {request.kpi!r}{via}: {failure.message}"


def problem(
    request: RecipeRequest,
    code: str,
    message: str,
    hint: str = "",
    severity: Severity = Severity.ERROR,
) -> Diagnostic:
    path, line, col = request.where
    if not message.startswith("KPI "):
        message = f"KPI {request.kpi!r} ({request.recipe}): {message}"
    return Diagnostic(path, line, col, severity, code, message, hint)

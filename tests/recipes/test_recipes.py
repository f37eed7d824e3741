"""KPI recipes on SQLite and DuckDB (CSV and Parquet): each series equals the hand
computation in tests/recipekit.py, and broken raw rows are located at `source:`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.dialects import mssql, mysql, oracle, postgresql, sqlite

from outcomes.adapters.cli import main
from outcomes.diagnostics import Diagnostic
from outcomes.load.project import Layout, Sources, load
from outcomes.load.recipe_queries import compiled, recipe_query
from outcomes.load.recipe_sources import read_recipe_sources
from recipekit import EXPECTED, TABLES, kpi_yaml, recipe_project, write_csv, write_sqlite


# A KPI's `source:` in `kpis_yaml` entries: entry i starts at line 2 + 8 * i; `source:`
# is its 7th line, and problems point at the value under it (`recipe:`, column 7).
def source_at(index: int) -> tuple[int, int]:
    return 2 + 8 * index + 6, 7


def series(sources: Sources, kpi: str) -> list[tuple[str, float]] | None:
    found = sources.measurements.get(kpi)
    return None if found is None else [(p.date.isoformat(), p.value) for p in found.points]


def computed(root: Path, entries: list[str], environ: dict[str, str]) -> Sources:
    sources = load(Layout(recipe_project(root, entries)))
    assert sources.diagnostics == []
    return read_recipe_sources(sources, environ=environ)


def test_every_recipe_on_sqlite_equals_the_hand_computation(tmp_path: Path) -> None:
    database = write_sqlite(tmp_path / "raw.db")
    entries = [
        kpi_yaml(kpi, recipe, cadence, f"sql:\n  url: ${{RAW_DB}}\n  table: {table}\n")
        for kpi, (recipe, cadence, table, _) in EXPECTED.items()
    ]
    sources = computed(tmp_path / "p", entries, {"RAW_DB": f"sqlite:///{database}"})
    assert sources.diagnostics == []
    for kpi, (_, _, _, expected) in EXPECTED.items():
        assert series(sources, kpi) == expected, kpi


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_every_recipe_on_duckdb_equals_the_hand_computation(tmp_path: Path, suffix: str) -> None:
    import duckdb

    root = tmp_path / "p"
    for table, (columns, rows) in TABLES.items():
        path = write_csv(root / "raw" / f"{table}.csv", columns, rows)
        if suffix == "parquet":
            connection = duckdb.connect()
            connection.read_csv(str(path)).write_parquet(str(path.with_suffix(".parquet")))
            connection.close()
            path.unlink()
    entries = [
        kpi_yaml(kpi, recipe, cadence, f"csv: raw/{table}.{suffix}\n")
        for kpi, (recipe, cadence, table, _) in EXPECTED.items()
    ]
    sources = computed(root, entries, {})
    assert sources.diagnostics == []
    for kpi, (_, _, _, expected) in EXPECTED.items():
        assert series(sources, kpi) == expected, kpi


def test_validate_reads_a_recipe_kpi_end_to_end(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_csv(root / "raw" / "survey.csv", *TABLES["survey"])
    recipe_project(root, [kpi_yaml("nps", "nps", "monthly", "csv: raw/survey.csv\n")])
    from io import StringIO

    out, err = StringIO(), StringIO()
    assert main(["export", str(root), "--as-of", "2026-11-22"], out=out, err=err) == 0
    import json

    # November's NPS, dated by the month's first day (see recipekit.EXPECTED).
    assert json.loads(out.getvalue())["kpis"][0]["latest"] == {"date": "2026-11-01", "value": 0.0}


def only(sources: Sources) -> Diagnostic:
    (diagnostic,) = sources.diagnostics
    return diagnostic


def test_a_missing_column_names_the_file_and_the_column(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_csv(root / "raw" / "survey.csv", ("date", "rating"), [("2026-10-01", 9)])
    entry = kpi_yaml("nps", "nps", "monthly", "csv: raw/survey.csv\n")
    found = only(read_recipe_sources(load(Layout(recipe_project(root, [entry])))))
    assert (found.path, found.line, found.col, found.code) == (
        "okrs/kpis.yaml",
        8,
        7,
        "recipe-column",
    )
    assert "file raw/survey.csv has no column score" in found.message


def test_a_missing_column_in_sqlite_names_the_table_and_the_column(tmp_path: Path) -> None:
    database = write_sqlite(tmp_path / "raw.db", {"survey": (("date", "rating"), [])})
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: survey\n")
    sources = read_recipe_sources(
        load(Layout(recipe_project(tmp_path / "p", [entry]))),
        environ={"RAW_DB": f"sqlite:///{database}"},
    )
    found = only(sources)
    assert (found.line, found.col, found.code) == (8, 7, "recipe-column")
    assert "table survey has no column score" in found.message


def test_a_text_score_in_a_file_is_a_wrong_type(tmp_path: Path) -> None:
    root = tmp_path / "p"
    write_csv(
        root / "raw" / "survey.csv", ("date", "score"), [("2026-10-01", 9), ("2026-10-02", "n/a")]
    )
    entry = kpi_yaml("nps", "nps", "monthly", "csv: raw/survey.csv\n")
    found = only(read_recipe_sources(load(Layout(recipe_project(root, [entry])))))
    assert found.code == "recipe-type"
    assert "column score of file raw/survey.csv holds varchar values, not a number" in (
        found.message
    )


def test_a_date_that_is_not_iso_in_a_file_is_a_wrong_type(tmp_path: Path) -> None:
    # DuckDB's sniffer would read 10/01/2026 as a date, guessing which part is the day.
    root = tmp_path / "p"
    rows = [("10/01/2026", 9), ("11/01/2026", 7)]
    write_csv(root / "raw" / "survey.csv", ("date", "score"), rows)
    entry = kpi_yaml("nps", "nps", "monthly", "csv: raw/survey.csv\n")
    found = only(read_recipe_sources(load(Layout(recipe_project(root, [entry])))))
    assert ((found.line, found.col), found.code) == (source_at(0), "recipe-type")
    assert "column date of file raw/survey.csv holds varchar values, not a date or" in (
        found.message
    )
    assert found.hint.startswith("write ISO dates")


def test_a_bad_number_past_the_sniffed_rows_is_a_wrong_type_with_its_line(
    tmp_path: Path,
) -> None:
    # DuckDB guesses a CSV's types from its first rows; a score that is not a number
    # further down stops the scan, and its line is named.
    root = tmp_path / "p"
    rows = [("2026-10-01", 9)] * 30_000 + [("2026-10-02", "n/a")]
    write_csv(root / "raw" / "survey.csv", ("date", "score"), rows)
    entry = kpi_yaml("nps", "nps", "monthly", "csv: raw/survey.csv\n")
    found = only(read_recipe_sources(load(Layout(recipe_project(root, [entry])))))
    assert ((found.line, found.col), found.code) == (source_at(0), "recipe-type")
    assert found.message.startswith("KPI 'nps' (nps): file raw/survey.csv: ")
    assert "Line: 30002" in found.message and '"n/a"' in found.message


def test_times_with_an_offset_fall_in_their_utc_period(tmp_path: Path) -> None:
    # 23:30 at -02:00 on 31 October is 01:30 UTC on 1 November, on every machine.
    root = tmp_path / "p"
    rows = [("2026-10-31T23:30:00-02:00",), ("2026-10-31T21:30:00Z",), ("2026-11-02 10:00",)]
    write_csv(root / "raw" / "deployments.csv", ("deployed_at",), rows)
    entry = kpi_yaml("deploys", "deployment-frequency", "monthly", "csv: raw/deployments.csv\n")
    sources = computed(root, [entry], {})
    assert series(sources, "deploys") == [("2026-10-01", 1.0), ("2026-11-01", 2.0)]


def test_flags_in_a_file_may_be_yes_no_or_one_zero(tmp_path: Path) -> None:
    root = tmp_path / "p"
    rows = [("2026-10-01", "yes"), ("2026-10-02", "no"), ("2026-10-03", "0"), ("2026-11-01", "1")]
    write_csv(root / "raw" / "deployments.csv", ("deployed_at", "caused_incident"), rows)
    entry = kpi_yaml("cfr", "change-failure-rate", "monthly", "csv: raw/deployments.csv\n")
    sources = computed(root, [entry], {})
    assert series(sources, "cfr") == [("2026-10-01", 1 / 3), ("2026-11-01", 1.0)]


def test_a_recipe_in_whole_percents_on_a_percent_kpi_is_located_at_its_source(
    tmp_path: Path,
) -> None:
    # NPS runs from -100 to 100: a KPI that calls it a percent would show "-4500 %".
    root = tmp_path / "p"
    write_csv(root / "raw" / "survey.csv", ("date", "score"), [("2026-10-01", 10)] * 3
              + [("2026-10-02", 3)] * 2)  # fmt: skip
    entry = kpi_yaml("nps", "nps", "monthly", "csv: raw/survey.csv\n").replace(
        "unit: score", "unit: percent"
    )
    sources = read_recipe_sources(load(Layout(recipe_project(root, [entry]))))
    found = only(sources)
    assert ((found.line, found.col), found.code) == (source_at(0), "percent-scale")
    assert found.message == (
        "the values of KPI 'nps' are around 20: whole percents, but it is a percent KPI, "
        "whose values are fractions"
    )
    assert "nps" in sources.misscaled


def test_a_score_outside_its_scale_is_located_with_its_period(tmp_path: Path) -> None:
    rows = [("2026-10-01", 9), ("2026-10-02", 11), ("2026-11-03", 10)]
    database = write_sqlite(tmp_path / "raw.db", {"survey": (("date", "score"), rows)})
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: survey\n")
    sources = read_recipe_sources(
        load(Layout(recipe_project(tmp_path / "p", [entry]))),
        environ={"RAW_DB": f"sqlite:///{database}"},
    )
    found = only(sources)
    assert (found.line, found.code) == (8, "recipe-value")
    assert (
        "1 rows of table survey in the monthly period from 2026-10-01 have a score "
        "outside the scale 0–10" in found.message
    )
    # October is left out; November's one promoter of one answer: NPS 100.
    assert series(sources, "nps") == [("2026-11-01", 100.0)]


def test_an_unknown_recipe_is_a_located_choice_error(tmp_path: Path) -> None:
    entry = kpi_yaml("nps", "net-promoter", "monthly", "csv: raw/survey.csv\n")
    sources = load(Layout(recipe_project(tmp_path / "p", [entry])))
    (found,) = sources.diagnostics
    assert (found.line, found.col, found.code) == (8, 15, "invalid-choice")
    assert "nps" in found.message + found.hint


def test_a_recipe_reads_a_table_not_a_query(tmp_path: Path) -> None:
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  query: select 1\n")
    (found,) = load(Layout(recipe_project(tmp_path / "p", [entry]))).diagnostics
    assert found.code == "invalid-source"
    assert "reads a `table` of raw rows, not a `query`" in found.message


def test_an_outage_falls_back_to_the_snapshot(tmp_path: Path) -> None:
    root = tmp_path / "p"
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: survey\n")
    recipe_project(root, [entry], {"okrs/measurements/nps.csv": "date,value\n2026-10-01,25.0\n"})
    missing = tmp_path / "gone.db"  # SQLite is opened read-only: a missing file is down
    sources = read_recipe_sources(load(Layout(root)), environ={"RAW_DB": f"sqlite:///{missing}"})
    found = only(sources)
    assert (found.severity.value, found.code) == ("warning", "sql-unreachable")
    assert "using the snapshot okrs/measurements/nps.csv" in found.message
    assert series(sources, "nps") == [("2026-10-01", 25.0)]
    assert not missing.exists()


def test_sqlite_opens_the_recipe_database_read_only(tmp_path: Path) -> None:
    database = write_sqlite(tmp_path / "raw.db")
    before = database.read_bytes()
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: survey\n")
    read_recipe_sources(
        load(Layout(recipe_project(tmp_path / "p", [entry]))),
        environ={"RAW_DB": f"sqlite:///{database}"},
    )
    assert database.read_bytes() == before
    with sqlite3.connect(database) as connection:
        assert connection.execute("select count(*) from survey").fetchone() == (6,)
    connection.close()


@pytest.mark.filterwarnings("ignore:Datatype DOUBLE does not support CAST on MySQL")
@pytest.mark.parametrize(
    "dialect",
    [postgresql.dialect(), sqlite.dialect(), mysql.dialect(), mssql.dialect(), oracle.dialect()],
)
@pytest.mark.parametrize("recipe", sorted({r for r, *_ in EXPECTED.values()}))
def test_every_recipe_compiles_for_the_dialects_sqlalchemy_ships(
    dialect: object, recipe: str
) -> None:
    text = compiled(recipe_query(recipe, "weekly", "analytics.raw_rows"), dialect)
    assert text.count("SELECT") >= 1 and "GROUP BY" in text
    assert "analytics.raw_rows" in text or "analytics].[raw_rows" in text


def test_names_are_quoted_by_the_dialect_not_pasted(tmp_path: Path) -> None:
    text = compiled(recipe_query("nps", "monthly", "Survey"), postgresql.dialect())
    assert 'FROM "Survey"' in text


def test_pull_writes_the_snapshot_a_later_outage_falls_back_to(tmp_path: Path) -> None:
    from outcomes.adapters.pull import pull

    database = write_sqlite(tmp_path / "raw.db")
    root = tmp_path / "p"
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: survey\n")
    recipe_project(root, [entry])
    report = pull(Layout(root), environ={"RAW_DB": f"sqlite:///{database}"})
    assert (report.written, report.diagnostics) == ([("okrs/measurements/nps.csv", 2)], [])
    # The NPS of recipekit.EXPECTED: October 25, November 0.
    assert (root / "okrs/measurements/nps.csv").read_text() == (
        "date,value\n2026-10-01,25.0\n2026-11-01,0.0\n"
    )

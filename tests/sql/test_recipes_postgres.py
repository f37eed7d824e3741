"""KPI recipes pushed down to a real PostgreSQL: every series equals the hand computation
in tests/recipekit.py, read-only as the reader role, and broken tables are located."""

from __future__ import annotations

from pathlib import Path

from pgserver import PostgresServer
from sqlkit import READER

from outcomes.load.project import Layout, Sources, load
from outcomes.load.recipe_sources import read_recipe_sources
from recipekit import EXPECTED, TABLES, kpi_yaml, postgres_seed, recipe_project


def seeded(
    postgres: PostgresServer, tables: dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]]
) -> None:
    with postgres.admin() as admin:
        for statement, rows in postgres_seed(tables):
            if rows:
                with admin.cursor() as cursor:
                    cursor.executemany(statement, rows)
            else:
                admin.execute(statement)
        admin.execute(f"grant select on all tables in schema public to {READER}")
        admin.commit()


def computed(root: Path, entries: list[str], url: str) -> Sources:
    sources = load(Layout(recipe_project(root, entries)))
    assert sources.diagnostics == []
    return read_recipe_sources(sources, environ={"RAW_DB": url})


def test_every_recipe_on_postgresql_equals_the_hand_computation(
    tmp_path: Path, postgres: PostgresServer, reader_url: str
) -> None:
    seeded(postgres, TABLES)
    entries = [
        kpi_yaml(kpi, recipe, cadence, f"sql:\n  url: ${{RAW_DB}}\n  table: {table}\n")
        for kpi, (recipe, cadence, table, _) in EXPECTED.items()
    ]
    sources = computed(tmp_path / "p", entries, reader_url)
    assert sources.diagnostics == []
    for kpi, (_, _, _, expected) in EXPECTED.items():
        found = sources.measurements[kpi]
        assert [(p.date.isoformat(), p.value) for p in found.points] == expected, kpi


def test_a_missing_column_on_postgresql_names_the_table_and_column(
    tmp_path: Path, postgres: PostgresServer, reader_url: str
) -> None:
    seeded(postgres, {"pg_survey_renamed": (("date", "rating"), [("2026-10-01", 9)])})
    entry = kpi_yaml(
        "nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: pg_survey_renamed\n"
    )
    sources = read_recipe_sources(
        load(Layout(recipe_project(tmp_path / "p", [entry]))), environ={"RAW_DB": reader_url}
    )
    (found,) = sources.diagnostics
    assert (found.line, found.col, found.code) == (8, 7, "recipe-column")
    assert "table pg_survey_renamed has no column score" in found.message


def test_a_text_score_on_postgresql_is_a_wrong_type(
    tmp_path: Path, postgres: PostgresServer, reader_url: str
) -> None:
    with postgres.admin() as admin:
        admin.execute(
            "drop table if exists pg_text_scores;"
            "create table pg_text_scores (date date, score text);"
            "insert into pg_text_scores values ('2026-10-01', '9');"
            f"grant select on pg_text_scores to {READER}"
        )
        admin.commit()
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: pg_text_scores\n")
    sources = read_recipe_sources(
        load(Layout(recipe_project(tmp_path / "p", [entry]))), environ={"RAW_DB": reader_url}
    )
    (found,) = sources.diagnostics
    assert found.code == "recipe-type"
    assert "column score of table pg_text_scores is not a number" in found.message
    assert "r@d/er%pw" not in found.message


def test_a_missing_table_on_postgresql_is_named(
    tmp_path: Path, postgres: PostgresServer, reader_url: str
) -> None:
    entry = kpi_yaml("nps", "nps", "monthly", "sql:\n  url: ${RAW_DB}\n  table: nowhere\n")
    sources = read_recipe_sources(
        load(Layout(recipe_project(tmp_path / "p", [entry]))), environ={"RAW_DB": reader_url}
    )
    (found,) = sources.diagnostics
    assert found.code == "recipe-column"
    assert "the table nowhere cannot be read" in found.message

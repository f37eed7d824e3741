"""The stored DuckDB queries (`load.recipe_duckdb`) are SQLAlchemy's compilation, verbatim."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from goldens import UPDATE
from outcomes.load import recipe_duckdb
from outcomes.load.recipe_queries import duckdb_queries

MODULE = Path(recipe_duckdb.__file__)


def module_text(queries: dict[str, str]) -> str:
    """`load/recipe_duckdb.py` for `queries`, each text split at spaces into short lines."""
    head = MODULE.read_text(encoding="utf-8").split("QUERIES: dict[str, str] = {")[0]
    lines = [head + "QUERIES: dict[str, str] = {"]
    for key, sql in queries.items():
        pieces, current = [], ""
        for word in sql.split(" "):
            if current and len(current) + len(word) > 70:
                pieces.append(current)
                current = ""
            current += word + " "
        pieces.append(current[:-1])
        lines += [f"    {key!r}: (", *(f"        {p!r}" for p in pieces), "    ),"]
    return "\n".join([*lines, "}", ""])


def test_the_stored_duckdb_queries_are_the_compiled_ones() -> None:
    compiled = duckdb_queries()
    if UPDATE:
        MODULE.write_text(module_text(compiled), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "ruff", "format", str(MODULE)], check=False)
    assert compiled == recipe_duckdb.QUERIES, (
        "load/recipe_duckdb.py is stale: rerun this test with OUTCOMES_UPDATE_GOLDEN=1"
    )


def test_a_file_recipe_does_not_import_sqlalchemy() -> None:
    code = (
        "import sys; from outcomes.load import recipe_sources; print('sqlalchemy' in sys.modules)"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.stdout.strip() == "False", found.stderr

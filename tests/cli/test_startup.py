"""`outcomes validate` imports only what validation needs (issue 12, item 8).

It runs on every commit and in every CI job, and importing rendering, SQLAlchemy or
MkDocs took most of its time on a small roadmap. Each case runs the command in a fresh
interpreter under `python -X importtime` and reads the modules it imported.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Rendering (Jinja, Markdown, HTML clean-up, diagrams), the SQL layer and the MkDocs host.
HEAVY = {"sqlalchemy", "jinja2", "markdown_it", "nh3", "graphviz", "mkdocs", "material"}


def imported_by(*args: str, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    """Exit code of `python -m outcomes.adapters.cli ARGS`, and the top-level packages
    it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "outcomes.adapters.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    names = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return done.returncode, names


def test_validate_imports_no_rendering_sql_or_mkdocs() -> None:
    code, names = imported_by("validate", str(REPO), "--as-of", "2026-11-22")
    assert code == 0
    assert {"pydantic", "outcomes"} <= names, "the import trace was not read"
    assert names & HEAVY == set()


KPIS = """\
kpis:
  - id: invite-rate
    name: Invite rate
    unit: ratio
    direction: increase
    source:
      sql:
        url: ${OUTCOMES_TEST_DB}
        query: select day as date, rate as value from invites
"""


def test_validate_imports_sqlalchemy_when_a_kpi_reads_from_sql(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "kpis.yaml").write_text(KPIS, encoding="utf-8")
    database = tmp_path / "analytics.db"
    with sqlite3.connect(database) as connection:
        connection.execute("create table invites (day text primary key, rate real)")
        connection.execute("insert into invites values ('2026-11-16', 0.47)")
    connection.close()
    env = {"OUTCOMES_TEST_DB": f"sqlite:///{database}"}
    code, names = imported_by("validate", str(tmp_path), "--as-of", "2026-11-22", env=env)
    assert code == 0
    assert "sqlalchemy" in names
    assert names & HEAVY == {"sqlalchemy"}

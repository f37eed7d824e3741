"""A small fixture of raw rows for every KPI recipe, the series each recipe must give on
it (computed by hand in the comments), and writers for SQLite, PostgreSQL and files."""

from __future__ import annotations

import csv
import sqlite3
import textwrap
from pathlib import Path
from typing import Any

SURVEY = [  # (date, score), nps, monthly
    ("2026-10-03", 10),
    ("2026-10-15", 9),
    ("2026-10-20", 7),
    ("2026-10-31", 3),
    ("2026-11-02", 6),
    ("2026-11-30", 9),
]
CSAT = [  # (date, score), csat, weekly (weeks start on Monday)
    ("2026-10-05", 5),
    ("2026-10-06", 4),
    ("2026-10-07", 2),
    ("2026-10-11", 4),
    ("2026-11-09", 3),
]
ACTIVITY = [  # (date, user_id, active), adoption, monthly
    ("2026-10-01", "u1", True),
    ("2026-10-02", "u1", False),
    ("2026-10-01", "u2", False),
    ("2026-10-03", "u3", False),
    ("2026-11-01", "u1", True),
    ("2026-11-01", "u2", True),
]
DEPLOYMENTS = [  # (deployed_at, committed_at, caused_incident), DORA keys, quarterly
    ("2026-07-01 10:00:00", "2026-06-30 10:00:00", False),  # 24 h
    ("2026-08-15 12:00:00", "2026-08-15 06:00:00", True),  # 6 h
    ("2026-09-30 23:00:00", "2026-09-30 22:00:00", False),  # 1 h
    ("2026-10-01 08:00:00", "2026-09-29 08:00:00", True),  # 48 h
    ("2026-11-10 09:00:00", "2026-11-10 07:00:00", False),  # 2 h
]
INCIDENTS = [  # (started_at, resolved_at), time-to-restore, monthly
    ("2026-10-02 10:00:00", "2026-10-02 11:30:00"),  # 1.5 h
    ("2026-10-10 00:00:00", "2026-10-11 00:00:00"),  # 24 h
    ("2026-10-20 08:00:00", "2026-10-20 12:00:00"),  # 4 h
    ("2026-11-05 09:00:00", None),  # still open: November has no resolved incident
]

# KPI id -> (recipe, cadence, table, the expected series).
EXPECTED: dict[str, tuple[str, str, str, list[tuple[str, float]]]] = {
    # October: 2 promoters (10, 9), 1 detractor (3) of 4: (2 - 1) / 4 x 100 = 25.
    # November: 1 promoter (9), 1 detractor (6) of 2: 0. December: no rows, no value.
    "nps": ("nps", "monthly", "survey", [("2026-10-01", 25.0), ("2026-11-01", 0.0)]),
    # Week of Monday 2026-10-05 (Sunday the 11th included): 4-5 answers 5, 4, 4 of 4 = 0.75.
    # Week of 2026-11-09: the 3 is not satisfied: 0 of 1. The weeks between: left out.
    "csat": ("csat", "weekly", "csat", [("2026-10-05", 0.75), ("2026-11-09", 0.0)]),
    # October: users u1, u2, u3; only u1 active: 1/3. November: u1 and u2, both active: 1.
    "adoption": (
        "adoption",
        "monthly",
        "activity",
        [("2026-10-01", 1 / 3), ("2026-11-01", 1.0)],
    ),
    # Q3: 3 deployments; Q4: 2.
    "deploys": (
        "deployment-frequency",
        "quarterly",
        "deployments",
        [("2026-07-01", 3.0), ("2026-10-01", 2.0)],
    ),
    # Q3 lead times 24, 6, 1 h: median 6. Q4: 48 and 2 h: median (48 + 2) / 2 = 25.
    "lead-time": (
        "lead-time",
        "quarterly",
        "deployments",
        [("2026-07-01", 6.0), ("2026-10-01", 25.0)],
    ),
    # Q3: 1 of 3 caused an incident; Q4: 1 of 2.
    "cfr": (
        "change-failure-rate",
        "quarterly",
        "deployments",
        [("2026-07-01", 1 / 3), ("2026-10-01", 0.5)],
    ),
    # October: 1.5, 24 and 4 h: median 4. November: only an open incident: no value.
    "ttr": ("time-to-restore", "monthly", "incidents", [("2026-10-01", 4.0)]),
}
TABLES: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {
    "survey": (("date", "score"), SURVEY),
    "csat": (("date", "score"), CSAT),
    "activity": (("date", "user_id", "active"), ACTIVITY),
    "deployments": (("deployed_at", "committed_at", "caused_incident"), DEPLOYMENTS),
    "incidents": (("started_at", "resolved_at"), INCIDENTS),
}
POSTGRES_TYPES = {
    "date": "date",
    "score": "integer",
    "user_id": "text",
    "active": "boolean",
    "deployed_at": "timestamp",
    "committed_at": "timestamp",
    "caused_incident": "boolean",
    "started_at": "timestamp",
    "resolved_at": "timestamp",
}
UNITS = {
    "nps": "score",
    "csat": "percent",
    "adoption": "percent",
    "deploys": "count",
    "lead-time": "hours",
    "cfr": "percent",
    "ttr": "hours",
}


def write_sqlite(
    path: Path, tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = TABLES
) -> Path:
    with sqlite3.connect(path) as connection:
        for name, (columns, rows) in tables.items():
            connection.execute(f"create table {name} ({', '.join(columns)})")
            marks = ", ".join("?" for _ in columns)
            connection.executemany(f"insert into {name} values ({marks})", rows)
    connection.close()
    return path


def postgres_seed(
    tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = TABLES,
) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(statement, rows) pairs that create and fill the tables on PostgreSQL."""
    statements: list[tuple[str, list[tuple[Any, ...]]]] = []
    for name, (columns, rows) in tables.items():
        typed = ", ".join(f"{c} {POSTGRES_TYPES.get(c, 'text')}" for c in columns)
        statements.append((f"drop table if exists {name}; create table {name} ({typed})", []))
        marks = ", ".join("%s" for _ in columns)
        statements.append((f"insert into {name} values ({marks})", rows))
    return statements


def write_csv(path: Path, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                ["" if v is None else str(v).lower() if isinstance(v, bool) else v for v in row]
            )
    return path


def kpi_yaml(kpi: str, recipe: str, cadence: str, source: str) -> str:
    """One KPI entry; `source` is the YAML under `source:` after `recipe:`, indented 6."""
    return (
        f"  - id: {kpi}\n    name: {kpi}\n    unit: {UNITS.get(kpi, 'score')}\n"
        f"    direction: increase\n    cadence: {cadence}\n    source:\n"
        f"      recipe: {recipe}\n{textwrap.indent(source, '      ')}"
    )


def recipe_project(root: Path, entries: list[str], files: dict[str, str] | None = None) -> Path:
    """A project of only KPIs (`okrs/kpis.yaml` holds `entries`)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "okrs").mkdir(exist_ok=True)
    (root / "okrs" / "kpis.yaml").write_text("kpis:\n" + "".join(entries), encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root

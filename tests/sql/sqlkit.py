"""Helpers of the SQL tests: the seed data, a small project around SQL-sourced KPIs, and
checking that no secret reaches an output."""

from __future__ import annotations

import textwrap
from pathlib import Path
from urllib.parse import quote, quote_plus

AS_OF = "2026-11-22"
READER = "reader"
# Every character that breaks a naive URL: `@` and `/` end the user info, `%` escapes.
PASSWORD = "r@d/er%pw:1"
ENV = "ANALYTICS_DB_URL"

INVITES = [
    ("2026-10-05", 0.44), ("2026-10-12", 0.44), ("2026-10-19", 0.45), ("2026-10-26", 0.45),
    ("2026-11-02", 0.46), ("2026-11-09", 0.46), ("2026-11-16", 0.47),
]  # fmt: skip
SEED = (
    "create table kpi_invites (day date primary key, rate double precision not null);"
    "insert into kpi_invites values "
    + ", ".join(f"('{day}', {rate})" for day, rate in INVITES)
    + ";"
    "create table deployments (id serial primary key, service text not null,"
    " deployed_at timestamptz not null);"
    # 60 deployments 19 hours apart from Monday 2026-10-05 09:00 UTC.
    "insert into deployments (service, deployed_at) select 'api',"
    " timestamptz '2026-10-05 09:00+00' + n * interval '19 hours' from generate_series(0, 59) n;"
)
INVITES_QUERY = "select day as date, rate as value from kpi_invites order by day"


def kpis_yaml(*kpis: tuple[str, str], env: str = ENV) -> str:
    """`okrs/kpis.yaml` with one SQL-sourced KPI per (id, query). KPI number i (from 0)
    has its `query:` value at line 9 + 8 * i, column 16."""
    text = "kpis:\n"
    for kpi_id, query in kpis:
        text += (
            f"  - id: {kpi_id}\n"
            f"    name: {kpi_id.replace('-', ' ').capitalize()}\n"
            "    unit: ratio\n"
            "    direction: increase\n"
            "    source:\n"
            "      sql:\n"
            f"        url: ${{{env}}}\n"
            f"        query: {query}\n"
        )
    return text


def query_at(index: int) -> str:
    """`okrs/kpis.yaml:L:C` of the query of KPI number `index`."""
    return f"okrs/kpis.yaml:{9 + 8 * index}:16"


THEME = """\
id: activation
title: New teams get going
horizon: now
outcomes:
  - kpi: invite-rate
    baseline: 0.44
    target: 0.50
    from: 2026-10-01
    by: 2027-01-31
"""


def write_project(root: Path, kpis: str, files: dict[str, str] | None = None) -> Path:
    """A project with a theme whose outcome uses `invite-rate`, and the given KPIs."""
    for name, text in {"okrs/kpis.yaml": kpis, "roadmap/activation.yaml": THEME,
                       **(files or {})}.items():  # fmt: skip
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def secrets_of(url: str) -> list[str]:
    """What must never be printed: the password in every encoding, and the URL."""
    return [PASSWORD, quote(PASSWORD, safe=""), quote_plus(PASSWORD), url]


def assert_secret_free(url: str, *outputs: str) -> None:
    for output in outputs:
        for secret in secrets_of(url):
            assert secret not in output, f"{secret!r} printed in:\n{output}"

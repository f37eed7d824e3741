"""KPIs measured in a SQLite file: values, a read-only connection, timeouts, bad rows."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sqlkit import AS_OF, ENV, kpis_yaml, query_at, write_project

from clikit import run
from sitekit import MKDOCS_YML, build_site, read_page


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "analytics.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table invites (day text primary key, rate real)")
        connection.executemany(
            "insert into invites values (?, ?)",
            [("2026-11-02", 0.46), ("2026-11-09", 0.46), ("2026-11-16", 0.47)],
        )
    connection.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sqlite_file_feeds_export(
    tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    query = "select day as date, rate as value from invites where day like '2026-%'"
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", query)))
    code, out, err = run("export", str(project), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    assert json.loads(out)["kpis"][0]["latest"] == {"date": "2026-11-16", "value": 0.47}


@pytest.mark.parametrize(
    "query",
    [
        "delete from invites",
        "update invites set rate = 1",
        "with d as (select 1) insert into invites select '2027-01-01', 1 from d",
        "create table sneaky (x)",
    ],
)
def test_sqlite_opens_read_only(
    query: str, tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(database)
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", query)))
    code, out, _ = run("validate", str(project), "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{query_at(0)}: error[sql-read-only] KPI 'invite-rate' via ${{{ENV}}}: the query "
        "tries to change data; it runs read-only: attempt to write a readonly database",
        "  hint: a KPI query only reads: select the date and the value",
    ]
    assert digest(database) == before
    assert sorted(p.name for p in database.parent.iterdir()) == ["analytics.db", "project"]


def test_several_statements_are_refused(
    tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    query = "select day as date, rate as value from invites; delete from invites"
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", query)))
    code, out, _ = run("validate", str(project), "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{query_at(0)}: error[sql-query] KPI 'invite-rate' via ${{{ENV}}}: the database "
        "refused the query: You can only execute one statement at a time.",
        "  hint: a KPI query is one statement: remove the `;` and what follows",
    ]


def test_a_missing_sqlite_file_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere.db"
    monkeypatch.setenv(ENV, f"sqlite:///{missing}")
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", "select 1")))
    code, out, _ = run("validate", str(project), "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{query_at(0)}: error[sql-unreachable] KPI 'invite-rate' via ${{{ENV}}}: cannot "
        "reach the sqlite database nowhere.db: unable to open database file; there is no "
        "snapshot okrs/measurements/invite-rate.csv"
    )
    assert not missing.exists()


def test_a_long_sqlite_query_is_interrupted(
    tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    query = (
        "with recursive n(i) as (select 1 union all select i + 1 from n) "
        "select '2026-11-16' as date, count(*) as value from n"
    )
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", query)))
    started = time.monotonic()
    code, out, _ = run("validate", str(project), "--as-of", AS_OF, "--sql-timeout", "0.5")
    assert time.monotonic() - started < 5
    assert code == 1
    assert out.splitlines()[0] == (
        f"{query_at(0)}: error[sql-timeout] KPI 'invite-rate' via ${{{ENV}}}: the query on "
        "the sqlite database analytics.db ran longer than 0.5 s; there is no snapshot "
        "okrs/measurements/invite-rate.csv"
    )


def test_bad_sqlite_rows_are_located(
    tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    query = (
        "select * from (values ('2026-11-01', null), ('2026-11-02 10:00:00', 1), "
        "('2026-11-03', '47%'), (20261104, 2), ('2026-11-05', 3))"
    )
    query = f"select column1 as date, column2 as value from ({query})"
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", query)))
    code, out, _ = run("validate", str(project), "--as-of", "2026-11-06")
    at, kpi = query_at(0), "KPI 'invite-rate'"
    assert code == 1
    assert out.splitlines() == [
        f"{at}: error[sql-date] {kpi}, row 2 of the query: '2026-11-02 10:00:00' is not an "
        "ISO date",
        "  hint: dates must be ISO (YYYY-MM-DD), e.g. 2026-07-13",
        f"{at}: error[sql-date] {kpi}, row 4 of the query: 20261104 (int) is not a date",
        "  hint: return a DATE column",
        f"{at}: error[sql-value] {kpi}, row 1 of the query: the value is NULL",
        "  hint: leave out dates without a value",
        f"{at}: error[sql-value] {kpi}, row 3 of the query: '47%' is not a number",
        "  hint: return a number, as in `cast(value as double precision)`",
        "4 errors, 0 warnings",
    ]


def test_columns_must_be_named_date_and_value(
    tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    kpis = kpis_yaml(("invite-rate", "select day, rate from invites"))
    project = write_project(tmp_path / "project", kpis)
    code, out, _ = run("validate", str(project), "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{query_at(0)}: error[sql-columns] KPI 'invite-rate': the query returns day, rate; "
        "it needs the columns date and value",
        "  hint: name them with `as`: select day as date, count(*) as value ...",
    ]


def test_the_generic_path_caps_rows_and_stops_waiting_at_the_deadline(database: Path) -> None:
    """Dialects without a native timeout (here SQLite, run as one) get a watchdog: the
    build goes on after the timeout, the next query works on a fresh connection."""
    from outcomes.load.sql import SqlError, SqlSettings, _Database

    generic = _Database(f"sqlite:///{database}", SqlSettings(timeout=0.3, max_rows=2))
    generic.kind = "generic"
    try:
        result = generic.run("select day as date, rate as value from invites order by day")
        assert result.columns == ("date", "value")
        assert result.rows == [("2026-11-02", 0.46), ("2026-11-09", 0.46), ("2026-11-16", 0.47)]
        slow = (
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000000) "
            "select '2026-11-16' as date, count(*) as value from n"
        )
        started = time.monotonic()
        with pytest.raises(SqlError) as caught:
            generic.run(slow)
        assert time.monotonic() - started < 1.5
        assert caught.value.code == "sql-timeout"
        again = generic.run("select day as date, rate as value from invites where rate > 0.465")
        assert again.rows == [("2026-11-16", 0.47)]
    finally:
        generic.close()


def _mkdocs_yml(options: str) -> str:
    return MKDOCS_YML.replace(f"      as_of: {AS_OF}\n", f"      as_of: {AS_OF}\n{options}")


def _build_error(project: Path, caplog: pytest.LogCaptureFixture) -> str:
    """The error MkDocs logs when the build aborts."""
    with pytest.raises(Abort):
        build_site(project)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)


def test_the_plugin_passes_its_sql_options_on(
    tmp_path: Path,
    database: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    query = "select day as date, rate as value from invites order by day"
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", query)))
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(_mkdocs_yml("      sql_max_rows: 2\n"), encoding="utf-8")
    assert (
        "okrs/kpis.yaml:9:16: error[sql-too-many-rows] KPI 'invite-rate': the query returns "
        "more than 2 rows" in _build_error(project, caplog)
    )
    (project / "mkdocs.yml").write_text(_mkdocs_yml("      sql_max_rows: 3\n"), encoding="utf-8")
    page = read_page(build_site(project), "kpis/invite-rate/")
    assert "0.47" in page.plain


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("      sql_timeout: 0\n", "outcomes: sql_timeout 0 is not a number of seconds up to 3600"),
        (
            "      sql_max_rows: 100001\n",
            "outcomes: sql_max_rows 100001 is not a number up to 100000",
        ),
    ],
)
def test_the_plugin_refuses_sql_options_out_of_range(
    options: str, message: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = write_project(tmp_path / "project", kpis_yaml(("invite-rate", "select 1")))
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(_mkdocs_yml(options), encoding="utf-8")
    assert _build_error(project, caplog) == message


def test_whole_percents_from_a_query_are_located_at_the_query(
    tmp_path: Path, database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A percent KPI's values are fractions; a query that returns 46 for 46 % would put
    # "4600 %" on the board. The fix goes in the query, so the problem points there.
    monkeypatch.setenv(ENV, f"sqlite:///{database}")
    query = "select day as date, rate * 100 as value from invites"
    kpis = kpis_yaml(("invite-rate", query)).replace("unit: ratio", "unit: percent")
    project = write_project(tmp_path / "project", kpis)
    code, out, _ = run("validate", str(project), "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines() == [
        f"{query_at(0)}: error[percent-scale] the values of KPI 'invite-rate' are around 46: "
        "whole percents, but it is a percent KPI, whose values are fractions",
        "  hint: divide by 100 where the values are computed (in a query: `value / 100.0`), "
        "or give the KPI the unit its values have",
        "1 error, 0 warnings",
    ]

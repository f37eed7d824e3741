"""KPIs measured in a real PostgreSQL server: live values, snapshots, read-only queries,
timeouts, and a password that never reaches any output.

Every command goes through `cli`, which asserts that neither the password (in any
encoding) nor the URL appears in its stdout or stderr, whether it succeeds or fails.
"""

from __future__ import annotations

import collections
import datetime
import json
import time
import uuid
from io import StringIO
from pathlib import Path

import pytest
from pgserver import PostgresServer
from sqlkit import (
    AS_OF,
    ENV,
    INVITES,
    INVITES_QUERY,
    READER,
    assert_secret_free,
    kpis_yaml,
    query_at,
    write_project,
)

from clikit import run
from outcomes.render.charts import format_value
from sitekit import MKDOCS_YML, build_site, read_page


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def cli(url: str, *argv: str, stderr: StringIO | None = None) -> tuple[int, str, str]:
    code, out, err = run(*argv, stderr=stderr)
    assert_secret_free(url, out, err)
    return code, out, err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str) -> Path:
    """A project whose `invite-rate` KPI reads kpi_invites as the reader role."""
    monkeypatch.setenv(ENV, reader_url)
    return write_project(tmp_path, kpis_yaml(("invite-rate", INVITES_QUERY)))


def invites_count(postgres: PostgresServer) -> int:
    with postgres.admin() as admin:
        row = admin.execute("select count(*) from kpi_invites").fetchone()
    assert row is not None
    return int(str(row[0]))


def test_values_from_postgres_reach_export(project: Path, reader_url: str) -> None:
    code, out, err = cli(reader_url, "export", str(project), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    data = json.loads(out)
    (kpi,) = data["kpis"]
    assert kpi["latest"] == {"date": "2026-11-16", "value": 0.47}
    (outcome,) = data["themes"][0]["outcomes"]
    assert (outcome["latest"], outcome["baseline"]) == (0.47, 0.44)
    assert outcome["progress"] == pytest.approx(0.5)

    code, out, _ = cli(reader_url, "validate", str(project), "--as-of", AS_OF, "--strict")
    assert (code, out) == (0, "ok: 1 theme, 0 hypotheses, 1 KPI, 0 journeys, 0 OKR periods\n")


def test_values_from_postgres_reach_the_site(project: Path, reader_url: str) -> None:
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    site = build_site(project, strict=True)
    page = read_page(site, "kpis/invite-rate/")
    facts = [dd.plain for dd in page.find("dl", class_="outcomes-facts").find_all("dd")]
    assert facts[0] == f"{format_value(0.47, 'ratio')} on 16 Nov 2026"
    assert "weekly" in facts
    assert page.find("p", class_="outcomes-source").plain == f"Source: ${{{ENV}}}"
    table = " ".join(cell.plain for cell in page.find_all("td"))
    for day, rate in INVITES:
        assert day in table and format_value(rate, "ratio") in table
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            assert_secret_free(reader_url, path.read_text(encoding="utf-8", errors="replace"))


def test_pull_writes_a_snapshot_and_an_outage_falls_back_to_it(
    project: Path, reader_url: str, postgres: PostgresServer
) -> None:
    code, out, err = cli(reader_url, "pull", str(project))
    assert (code, out, err) == (0, "wrote okrs/measurements/invite-rate.csv (7 rows)\n", "")
    snapshot = project / "okrs/measurements/invite-rate.csv"
    assert snapshot.read_text() == "date,value\n" + "".join(f"{d},{v!r}\n" for d, v in INVITES)

    postgres.stop()
    try:
        code, out, err = cli(reader_url, "validate", str(project), "--as-of", AS_OF)
        assert code == 0, out
        first, _, summary = out.splitlines()
        assert first.startswith(
            f"{query_at(0)}: warning[sql-unreachable] KPI 'invite-rate' via ${{{ENV}}}: "
            f"cannot reach the postgresql database at 127.0.0.1:{postgres.port}: "
        )
        assert first.endswith("; using the snapshot okrs/measurements/invite-rate.csv")
        assert summary == "ok: 1 theme, 0 hypotheses, 1 KPI, 0 journeys, 0 OKR periods (1 warning)"
        code, out, err = cli(reader_url, "export", str(project), "--as-of", AS_OF)
        assert code == 0
        assert json.loads(out)["kpis"][0]["latest"] == {"date": "2026-11-16", "value": 0.47}
        code, out, _ = cli(reader_url, "validate", str(project), "--as-of", AS_OF, "--strict")
        assert code == 1
        # pull never falls back: the snapshot stays as it was.
        before = snapshot.read_bytes()
        code, out, err = cli(reader_url, "pull", str(project))
        assert (code, out) == (1, "")
        assert err.startswith(f"{query_at(0)}: error[sql-unreachable] ")
        assert snapshot.read_bytes() == before
    finally:
        postgres.start()


def test_an_outage_without_snapshot_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres: PostgresServer
) -> None:
    from pgserver import _free_port

    url = postgres.url(READER, "r@d/er%pw:1", port=_free_port())  # nothing listens there
    monkeypatch.setenv(ENV, url)
    write_project(tmp_path, kpis_yaml(("invite-rate", INVITES_QUERY)))
    started = time.monotonic()
    code, out, err = cli(url, "validate", str(tmp_path), "--as-of", AS_OF)
    assert time.monotonic() - started < 10
    assert code == 1
    first, hint = out.splitlines()[:2]
    assert first.startswith(f"{query_at(0)}: error[sql-unreachable] KPI 'invite-rate' via ")
    assert first.endswith("; there is no snapshot okrs/measurements/invite-rate.csv")
    assert hint == (
        "  hint: run `outcomes pull` where the database answers, "
        "to write okrs/measurements/invite-rate.csv"
    )
    code, out, err = cli(url, "export", str(tmp_path), "--as-of", AS_OF)
    assert (code, out) == (1, "")
    assert err.startswith(f"{query_at(0)}: error[sql-unreachable] ")


WRITES = {
    "delete": ("delete from kpi_invites", "sql-read-only"),
    "cte": (
        "with d as (delete from kpi_invites returning *) select day as date, rate as value from d",
        "sql-read-only",
    ),
    "chained": (
        "select day as date, rate as value from kpi_invites; delete from kpi_invites",
        "sql-query",
    ),
    "commit": ("select 1 as date, 2 as value; commit; delete from kpi_invites", "sql-query"),
    "subquery": ("select 1 as date, 2 as value from (delete from kpi_invites) d", "sql-query"),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_writing_query_is_refused_and_changes_nothing(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str,
    postgres: PostgresServer,
) -> None:  # fmt: skip
    query, code_name = WRITES[name]
    with postgres.admin() as admin:
        allowed = admin.execute(
            "select has_table_privilege(%s, 'kpi_invites', 'DELETE')", (READER,)
        ).fetchone()
    assert allowed == (True,), "the reader must hold DELETE for this test to mean anything"
    monkeypatch.setenv(ENV, reader_url)
    write_project(tmp_path, kpis_yaml(("invite-rate", query)))
    for command in ("validate", "pull"):
        code, out, err = cli(reader_url, command, str(tmp_path), "--as-of", AS_OF)
        assert code == 1
        printed = out + err
        assert f"{query_at(0)}: error[{code_name}] KPI 'invite-rate' via ${{{ENV}}}: " in printed
        assert invites_count(postgres) == len(INVITES)
    assert not (tmp_path / "okrs/measurements").exists()


def test_a_writing_query_names_what_it_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str
) -> None:
    monkeypatch.setenv(ENV, reader_url)
    write_project(tmp_path, kpis_yaml(("invite-rate", "delete from kpi_invites")))
    code, out, _ = cli(reader_url, "validate", str(tmp_path), "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{query_at(0)}: error[sql-read-only] KPI 'invite-rate' via ${{{ENV}}}: the query "
        "tries to change data; it runs read-only: cannot execute DELETE in a read-only "
        "transaction",
        "  hint: a KPI query only reads: select the date and the value",
    ]


def test_a_slow_query_hits_the_configured_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str, postgres: PostgresServer
) -> None:
    monkeypatch.setenv(ENV, reader_url)
    query = "select current_date as date, 1 as value from pg_sleep(5)"
    write_project(tmp_path, kpis_yaml(("invite-rate", query)))
    started = time.monotonic()
    code, out, _ = cli(reader_url, "validate", str(tmp_path), "--as-of", AS_OF,
                       "--sql-timeout", "0.5")  # fmt: skip
    elapsed = time.monotonic() - started
    assert code == 1
    assert elapsed < 3, f"took {elapsed:.1f} s"
    assert out.splitlines()[0] == (
        f"{query_at(0)}: error[sql-timeout] KPI 'invite-rate' via ${{{ENV}}}: the query on "
        f"the postgresql database at 127.0.0.1:{postgres.port} ran longer than 0.5 s; "
        "there is no snapshot okrs/measurements/invite-rate.csv"
    )
    # With a snapshot, a timeout is a warning and the snapshot's values are used.
    snapshot = {"okrs/measurements/invite-rate.csv": "date,value\n2026-11-20,0.5\n"}
    write_project(tmp_path, kpis_yaml(("invite-rate", query)), snapshot)
    code, out, _ = cli(reader_url, "export", str(tmp_path), "--as-of", AS_OF,
                       "--sql-timeout", "0.5")  # fmt: skip
    assert code == 0
    assert json.loads(out)["kpis"][0]["latest"] == {"date": "2026-11-20", "value": 0.5}


def test_a_wrong_password_is_an_auth_error_that_shows_no_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres: PostgresServer
) -> None:
    url = postgres.url(READER, "wr0ng@pass/w%rd")
    monkeypatch.setenv(ENV, url)
    snapshot = {"okrs/measurements/invite-rate.csv": "date,value\n2026-11-20,0.5\n"}
    write_project(tmp_path, kpis_yaml(("invite-rate", INVITES_QUERY)), snapshot)
    for command in ("validate", "export", "pull"):
        code, out, err = cli(url, command, str(tmp_path), "--as-of", AS_OF)
        assert code == 1
        assert (out + err).startswith(
            f"{query_at(0)}: error[sql-auth] KPI 'invite-rate' via ${{{ENV}}}: the postgresql "
            f"database at 127.0.0.1:{postgres.port} refused the connection: "
        )
        assert 'password authentication failed for user "reader"' in out + err
        assert_secret_free(postgres.url(READER, "wr0ng@pass/w%rd"), out, err)
        assert "wr0ng" not in out + err


def test_a_role_without_select_is_a_permission_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, postgres: PostgresServer
) -> None:
    role, password = f"outsider_{uuid.uuid4().hex[:8]}", "out@side/r%1"
    with postgres.admin() as admin:
        admin.execute(f"create role {role} login password '{password}'")
    url = postgres.url(role, password)
    monkeypatch.setenv(ENV, url)
    write_project(tmp_path, kpis_yaml(("invite-rate", INVITES_QUERY)))
    code, out, _ = cli(url, "validate", str(tmp_path), "--as-of", AS_OF)
    assert_secret_free(url, out)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{query_at(0)}: error[sql-permission] KPI 'invite-rate' via ${{{ENV}}}: the database "
        "refused the query: permission denied for table kpi_invites",
        "  hint: grant the variable's user SELECT on the tables the query reads",
    ]


def test_a_bad_query_is_located_with_the_database_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str
) -> None:
    monkeypatch.setenv(ENV, reader_url)
    write_project(tmp_path, kpis_yaml(("invite-rate", "select day as date, rate from nowhere")))
    code, out, _ = cli(reader_url, "validate", str(tmp_path), "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{query_at(0)}: error[sql-query] KPI 'invite-rate' via ${{{ENV}}}: the database "
        'refused the query: relation "nowhere" does not exist',
        "  hint: run the query in a SQL console to correct it",
    ]


def test_bad_rows_are_located_like_bad_csv_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str
) -> None:
    monkeypatch.setenv(ENV, reader_url)
    query = (
        "select d as date, v as value from (values ('2026-11-01', null::float8), "
        "('2026-11-02', 'NaN'), ('2026-11-03', 1.0), ('2026-11-03', 2.0), "
        "('yesterday', 3.0), ('2026-02-30', 4.0), ('2026-11-04', 5.0)) as r(d, v)"
    )
    write_project(tmp_path, kpis_yaml(("invite-rate", query)))
    code, out, _ = cli(reader_url, "validate", str(tmp_path), "--as-of", "2026-11-05")
    at, kpi = query_at(0), "KPI 'invite-rate'"
    assert code == 1
    assert out.splitlines() == [
        f"{at}: error[sql-date] {kpi}, row 5 of the query: 'yesterday' is not an ISO date",
        "  hint: dates must be ISO (YYYY-MM-DD), e.g. 2026-07-13",
        f"{at}: error[sql-date] {kpi}, row 6 of the query: '2026-02-30' is not a real date",
        f"{at}: error[sql-duplicate-date] {kpi}, row 4 of the query: 2026-11-03 already has "
        "a value at row 3",
        "  hint: keep one row per date: `group by` the date",
        f"{at}: error[sql-value] {kpi}, row 1 of the query: the value is NULL",
        "  hint: leave out dates without a value",
        f"{at}: error[sql-value] {kpi}, row 2 of the query: nan is not a finite number",
        "  hint: leave out dates without a value",
        "5 errors, 0 warnings",
    ]


def test_too_many_rows_are_cut_at_the_configured_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str
) -> None:
    monkeypatch.setenv(ENV, reader_url)
    query = "select date '2026-11-22' - n as date, n as value from generate_series(0, 999999) n"
    write_project(tmp_path, kpis_yaml(("invite-rate", query)))
    code, out, _ = cli(reader_url, "validate", str(tmp_path), "--as-of", AS_OF,
                       "--sql-max-rows", "100")  # fmt: skip
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{query_at(0)}: error[sql-too-many-rows] KPI 'invite-rate': the query returns more "
        "than 100 rows; the rest is not read",
        "  hint: aggregate in the database: one row per day or week",
    ]


def test_dora_deployment_frequency_is_aggregated_in_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str
) -> None:
    """The query of docs/guide/measurements-from-a-database.md, on its `deployments` table."""
    monkeypatch.setenv(ENV, reader_url)
    query = (
        "select date_trunc('week', deployed_at) as date, count(*) as value "
        "from deployments where service = 'api' group by 1 order by 1"
    )
    write_project(tmp_path, kpis_yaml(("invite-rate", INVITES_QUERY),
                                      ("deployment-frequency", query)))  # fmt: skip
    code, _, err = cli(reader_url, "pull", str(tmp_path))
    assert code == 0, err
    start = datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC)
    weeks = collections.Counter(
        (start + datetime.timedelta(hours=19 * n)).date().isocalendar()[:2] for n in range(60)
    )
    expected = "date,value\n" + "".join(
        f"{datetime.date.fromisocalendar(year, week, 1)},{float(count)!r}\n"
        for (year, week), count in sorted(weeks.items())
    )
    assert (tmp_path / "okrs/measurements/deployment-frequency.csv").read_text() == expected


def test_each_source_is_queried_once_per_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str, postgres: PostgresServer
) -> None:
    marker = f"once_{uuid.uuid4().hex}"
    query = f"select day as date, rate as value from kpi_invites /* {marker} */"
    monkeypatch.setenv(ENV, reader_url)
    write_project(tmp_path, kpis_yaml(("invite-rate", query), ("invite-rate-copy", query)))
    code, out, _ = cli(reader_url, "validate", str(tmp_path), "--as-of", AS_OF)
    assert code == 0, out
    executed = [
        line for line in postgres.log_text().splitlines() if marker in line and "LOG:" in line
    ]
    assert len(executed) == 1, executed


def test_pull_shows_progress_on_a_terminal_and_writes_exact_floats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader_url: str
) -> None:
    monkeypatch.setenv(ENV, reader_url)
    exact = "select date '2026-11-16' as date, 0.1::float8 + 0.2::float8 as value"
    tiny = "select date '2026-11-16' as date, 1e-300::float8 / 3 as value"
    write_project(tmp_path, kpis_yaml(("invite-rate", INVITES_QUERY), ("exact", exact),
                                      ("tiny", tiny)))  # fmt: skip
    terminal = Terminal()
    code, out, err = cli(reader_url, "pull", str(tmp_path), stderr=terminal)
    assert code == 0
    assert out.splitlines() == [
        "wrote okrs/measurements/invite-rate.csv (7 rows)",
        "wrote okrs/measurements/exact.csv (1 row)",
        "wrote okrs/measurements/tiny.csv (1 row)",
    ]
    assert "] 0/3 invite-rate" in err and "] 2/3 tiny" in err and err.endswith("\r\x1b[K")
    text = (tmp_path / "okrs/measurements/exact.csv").read_text()
    assert text == "date,value\n2026-11-16,0.30000000000000004\n"
    tiny_value = float((tmp_path / "okrs/measurements/tiny.csv").read_text().split(",")[-1])
    assert tiny_value == 1e-300 / 3
    assert not list((tmp_path / "okrs/measurements").glob(".*"))  # no temporary file left

"""Configuration mistakes around SQL sources: each a located problem naming no secret."""

from __future__ import annotations

import datetime
import decimal
import importlib.util
from pathlib import Path

import pytest
from sqlkit import AS_OF, ENV, assert_secret_free, kpis_yaml, query_at, write_project

from clikit import run
from outcomes.load.measurements import Measurement, RowProblem, typed_measurement


def validate(tmp_path: Path, url: str | None, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    if url is None:
        monkeypatch.delenv(ENV, raising=False)
    else:
        monkeypatch.setenv(ENV, url)
    write_project(tmp_path, kpis_yaml(("invite-rate", "select 1 as date, 2 as value")))
    code, out, err = run("validate", str(tmp_path), "--as-of", AS_OF)
    assert code == 1
    if url is not None:
        assert_secret_free(url, out, err)
        assert "s3cr3t" not in out + err
    return out.splitlines()


def test_an_unset_variable_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert validate(tmp_path, None, monkeypatch)[:2] == [
        f"{query_at(0)}: error[sql-env-missing] KPI 'invite-rate': the environment variable "
        f"{ENV} is not set; there is no snapshot okrs/measurements/invite-rate.csv",
        "  hint: run `outcomes pull` where the database answers, to write "
        "okrs/measurements/invite-rate.csv",
    ]


def test_a_value_that_is_no_url_is_not_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = validate(tmp_path, "s3cr3t-not-a-url", monkeypatch)
    assert lines[0] == (
        f"{query_at(0)}: error[sql-url] KPI 'invite-rate' via ${{{ENV}}}: the value is not "
        "a database URL"
    )


@pytest.mark.parametrize(
    ("url", "message", "hint"),
    [
        (
            "bigquery://s3cr3t-project/dataset",
            "no SQLAlchemy dialect for 'bigquery' is installed",
            "pip install 'sqlalchemy-bigquery' in the environment that runs outcomes",
        ),
        (
            "snowflake://user:s3cr3t@account/db",
            "no SQLAlchemy dialect for 'snowflake' is installed",
            "pip install 'snowflake-sqlalchemy' in the environment that runs outcomes",
        ),
        (
            "mysql://user:s3cr3t@db.example.com/analytics",
            "the database driver for 'mysql' is not installed",
            "pip install 'mysqlclient' in the environment that runs outcomes",
        ),
    ],
)
def test_a_missing_driver_names_the_package_to_install(
    url: str, message: str, hint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("sqlalchemy_bigquery", "snowflake", "MySQLdb"):
        assert importlib.util.find_spec(module) is None, f"{module} is installed here"
    assert validate(tmp_path, url, monkeypatch)[:2] == [
        f"{query_at(0)}: error[sql-driver-missing] KPI 'invite-rate' via ${{{ENV}}}: {message}",
        f"  hint: {hint}",
    ]


def test_an_asyncio_driver_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = validate(tmp_path, "postgresql+asyncpg://user:s3cr3t@localhost/db", monkeypatch)
    assert lines[:2] == [
        f"{query_at(0)}: error[sql-url] KPI 'invite-rate' via ${{{ENV}}}: PostgreSQL is read "
        "through psycopg 3, not asyncpg",
        "  hint: write the URL as postgresql://user:password@host/database",
    ]


def test_an_unknown_host_is_unreachable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = validate(tmp_path, "postgresql://user:s3cr3t@db.invalid/analytics", monkeypatch)
    assert lines[0].startswith(
        f"{query_at(0)}: error[sql-unreachable] KPI 'invite-rate' via ${{{ENV}}}: cannot reach "
        "the postgresql database at db.invalid: "
    )


def test_sql_options_are_checked(tmp_path: Path) -> None:
    for option, value in (("--sql-timeout", "0"), ("--sql-timeout", "soon"),
                          ("--sql-max-rows", "100001"), ("--sql-max-rows", "-1")):  # fmt: skip
        code, out, err = run("validate", str(tmp_path), option, value)
        assert code == 2 and out == "", (option, value)
        assert f"argument {option}: {value!r} is not a number of" in err


def test_pull_without_sql_sources_says_so(tmp_path: Path) -> None:
    write_project(tmp_path, "kpis: []\n")
    assert run("pull", str(tmp_path)) == (0, "no KPI reads from SQL; nothing to pull\n", "")


# -- typed rows, as drivers return them ----------------------------------------------

DAY = datetime.date(2026, 11, 16)


@pytest.mark.parametrize(
    ("date", "value", "expected"),
    [
        (DAY, 1, Measurement(DAY, 1.0)),
        (datetime.datetime(2026, 11, 16, tzinfo=datetime.UTC), decimal.Decimal("0.5"),
         Measurement(DAY, 0.5)),
        (" 2026-11-16 ", 0.25, Measurement(DAY, 0.25)),
        (datetime.datetime(2026, 11, 16, 9, 30), 1,
         RowProblem("date", "2026-11-16 09:30:00 has a time of day",
                    "cast it to a date in the query, as in `cast(day as date)`")),
        (None, 1, RowProblem("date", "the date is NULL", "leave out rows without a date")),
        (b"2026", 1, RowProblem("date", "b'2026' (bytes) is not a date", "return a DATE column")),
        (DAY, True, RowProblem("value", "True is not a number",
                               "return a number, as in `cast(value as double precision)`")),
        (DAY, decimal.Decimal("NaN"), RowProblem("value", "NaN is not a finite number",
                                                 "leave out dates without a value")),
        (DAY, decimal.Decimal("sNaN"), RowProblem("value", "sNaN is not a finite number",
                                                  "leave out dates without a value")),
        (DAY, 10**400, RowProblem("value", f"{10**400} is not a finite number",
                                  "leave out dates without a value")),
        (DAY, float("inf"), RowProblem("value", "inf is not a finite number",
                                       "leave out dates without a value")),
    ],
)  # fmt: skip
def test_typed_rows_are_checked_like_csv_rows(
    date: object, value: object, expected: Measurement | RowProblem
) -> None:
    assert typed_measurement(date, value) == expected

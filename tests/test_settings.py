"""The one settings object: every option checked in one place, the same for every host."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from outcomes.adapters.mkdocs_plugin import OutcomesConfig
from outcomes.load.measurements import MAX_ROWS as CSV_ROWS
from outcomes.settings import (
    MAX_ROWS,
    OPTIONS,
    Settings,
    SettingsError,
    Thresholds,
    Weights,
    settings_from,
)

REPO = Path(__file__).resolve().parent.parent


def test_defaults_are_design_s() -> None:
    assert Settings().options() == {
        "enabled": True,
        "roadmap_dir": "roadmap",
        "journeys_dir": "journeys",
        "okrs_dir": "okrs",
        "as_of": None,
        "weights": {"value": 1.0, "viability": 1.0, "usability": 1.0, "feasibility": 1.0},
        "thresholds": {"on_track": 0.10, "at_risk": 0.30},
        "dot_timeout": 10.0,
        "sql_timeout": 30.0,
        "sql_max_rows": 100_000,
        "nav": True,
        "audience": "internal",
        "lint": {
            "outcome-is-output": True,
            "theme-without-outcome": True,
            "bet-without-exit": True,
            "kpi-unused": True,
            "key-result-restates-objective": True,
            "expect-not-better": True,
        },
        "history": True,
    }


def test_options_round_trip() -> None:
    settings = settings_from({"weights": {"value": 3}, "as_of": "2026-11-22", "nav": False})
    assert settings_from(settings.options()) == settings
    assert settings.weights == Weights(3.0, 1.0, 1.0, 1.0)
    assert settings.as_of == datetime.date(2026, 11, 22)
    assert settings.sql.timeout == 30.0 and settings.sql.max_rows == MAX_ROWS


def test_none_means_the_default() -> None:
    assert settings_from({name: None for name in OPTIONS}) == Settings()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sql_timeout": 0}, "sql_timeout 0 is not a number of seconds up to 3600"),
        ({"sql_timeout": True}, "sql_timeout True is not a number of seconds up to 3600"),
        ({"sql_max_rows": 100001}, "sql_max_rows 100001 is not a number up to 100000"),
        ({"sql_max_rows": 2.5}, "sql_max_rows 2.5 is not a number up to 100000"),
        ({"dot_timeout": -1}, "dot_timeout -1 is not a number of seconds up to 3600"),
        ({"dot_timeout": "10"}, "dot_timeout '10' is not a number of seconds up to 3600"),
        ({"as_of": "2026-13-01"}, "as_of '2026-13-01' is not an ISO date such as 2026-11-22"),
        ({"nav": "yes"}, "nav 'yes' is not true or false"),
        ({"audience": "everyone"}, "audience 'everyone' is not internal or public"),
        ({"roadmap_dir": "../elsewhere"}, "roadmap_dir '../elsewhere' is not a folder inside"),
        ({"okrs_dir": "/etc"}, "okrs_dir '/etc' is not a folder inside"),
        ({"weights": {"value": -1}}, "weights {value: -1} is not a mapping of value"),
        ({"weights": [1, 2]}, "weights [1, 2] is not a mapping"),
        ({"weights": {"valeu": 2}}, "unknown weights key 'valeu'; did you mean 'value'?"),
        ({"thresholds": {"on_track": 1.5}}, "thresholds {on_track: 1.5} is not a mapping"),
        ({"thresholds": {"on_track": 0.4}}, "thresholds {on_track: 0.4, at_risk: 0.3} is not"),
        ({"thershold": 1}, "unknown option 'thershold'"),
        ({"sql_timout": 1}, "unknown option 'sql_timout'; did you mean 'sql_timeout'?"),
    ],
)
def test_every_check_names_the_option(options: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        settings_from(options)
    assert str(caught.value).startswith(message)


def test_the_object_checks_itself() -> None:
    with pytest.raises(SettingsError, match="sql_max_rows 0 is not"):
        Settings(sql_max_rows=0)
    with pytest.raises(SettingsError, match="thresholds"):
        Settings(thresholds=Thresholds(0.5, 0.2))


def test_sub_options_merge_key_by_key() -> None:
    base = settings_from({"weights": {"value": 3}, "thresholds": {"at_risk": 0.4}})
    merged = base.merged({"weights": {"feasibility": 0}, "thresholds": {"on_track": 0.2}})
    assert merged.weights == Weights(3.0, 1.0, 1.0, 0.0)
    assert merged.thresholds == Thresholds(0.2, 0.4)


@pytest.mark.parametrize(
    ("name", "text", "raw"),
    [
        ("weights", "value=3, feasibility=0.5", {"value": 3.0, "feasibility": 0.5}),
        ("thresholds", "on_track=0.2", {"on_track": 0.2}),
        ("sql_max_rows", "10", 10),
        ("as_of", "2026-11-22", "2026-11-22"),
        ("history", "off", False),
    ],
)
def test_command_line_text_reads_as_the_raw_value(name: str, text: str, raw: object) -> None:
    assert OPTIONS[name].parse_text(text) == raw


def test_command_line_messages_show_the_text_as_typed() -> None:
    with pytest.raises(SettingsError, match=r"^'-1' is not a number of rows up to 100000$"):
        OPTIONS["sql_max_rows"].parse_text("-1")
    with pytest.raises(SettingsError, match=r"^'value:3' is not a mapping"):
        OPTIONS["weights"].parse_text("value:3")


def test_the_plugin_declares_every_option_and_no_other() -> None:
    assert [name for name, _ in OutcomesConfig._schema] == list(OPTIONS)


def test_readme_lists_every_option() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("Every option of the plugin, with its default:", 1)[1].split("```")[1]
    listed = re.findall(r"^ {6}([a-z_]+):", block, flags=re.MULTILINE)
    assert listed == list(OPTIONS)


def test_the_row_cap_is_the_csv_s() -> None:
    assert MAX_ROWS == CSV_ROWS

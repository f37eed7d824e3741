"""Every unit the schema accepts has a way to be written, in pages and in charts."""

from __future__ import annotations

import datetime
from typing import get_args

import pytest

from outcomes.render.charts import ChartSpec, Point, RefLine, render_chart_block
from outcomes.render.numbers import NO_VALUE, format_share, format_value, value_formatter
from outcomes.schema.kpi import Kpi
from outcomes.schema.units import UNIT_FORMATS, Unit

SCHEMA_UNITS = get_args(Unit)


def test_the_table_lists_exactly_the_schema_units() -> None:
    assert set(UNIT_FORMATS) == set(SCHEMA_UNITS)
    assert set(Kpi.model_json_schema()["properties"]["unit"]["enum"]) == set(SCHEMA_UNITS)


@pytest.mark.parametrize("unit", SCHEMA_UNITS)
def test_every_schema_unit_renders(unit: str) -> None:
    assert format_value(0.25, unit)
    assert value_formatter(unit, 2)(-0.000001)[0] != "-"  # rounds to zero: no sign
    day = datetime.date(2026, 1, 5)
    spec = ChartSpec("u", "KPI", "d", unit, (Point(day, 1.5), Point(day.replace(day=12), 2.0)),
                     (RefLine(3.0, "Target", "target"),))  # fmt: skip
    assert "<svg" in render_chart_block(spec)


def test_shares_are_whole_percentages() -> None:
    assert (format_share(0.529412), format_share(None)) == ("53%", NO_VALUE)

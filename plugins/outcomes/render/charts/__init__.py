"""SVG charts of KPI measurements: what a chart shows (`spec`), where its ticks go
(`scales`) and how it is drawn (`svg`); numbers come from `outcomes.render.numbers`.

The names below are the package's interface; callers import them from here.
"""

from __future__ import annotations

from outcomes.render.charts.scales import nice_ticks, value_ticks
from outcomes.render.charts.spec import REF_KINDS, ChartSpec, Point, RefLine, Window
from outcomes.render.charts.svg import (
    CHART_CSS,
    MAX_ABS_VALUE,
    narrow_variant,
    render_chart,
    render_chart_block,
    render_data_table,
)
from outcomes.render.numbers import format_value
from outcomes.schema.units import UNITS

__all__ = [
    "CHART_CSS",
    "MAX_ABS_VALUE",
    "REF_KINDS",
    "UNITS",
    "ChartSpec",
    "Point",
    "RefLine",
    "Window",
    "format_value",
    "narrow_variant",
    "nice_ticks",
    "render_chart",
    "render_chart_block",
    "render_data_table",
    "value_ticks",
]

"""What a chart shows: a KPI's points, reference lines and experiment windows, checked.

Kept apart from drawing so callers (the site's pages) build specs without caring how
they are drawn, and so the one gate on what a drawer may be given sits beside the
types it checks.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from outcomes.schema.units import UNITS

__all__ = ["REF_KINDS", "ChartSpec", "Point", "RefLine", "Window", "check"]

REF_KINDS = frozenset({"baseline", "target", "expect", "kill", "limit"})
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,127}")


@dataclass(frozen=True, slots=True)
class Point:
    """One measurement of a KPI."""

    date: datetime.date
    value: float


@dataclass(frozen=True, slots=True)
class Window:
    """An experiment window, drawn as a shaded band from `start` to `end` (inclusive)."""

    start: datetime.date
    end: datetime.date
    label: str


@dataclass(frozen=True, slots=True)
class RefLine:
    """A horizontal reference line; `kind` is one of `REF_KINDS` (kill and limit: 1.1)."""

    value: float
    label: str
    kind: str


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """Everything one chart shows; `chart_id` must be a slug unique on its page."""

    chart_id: str
    title: str
    description: str
    unit: str
    points: tuple[Point, ...]
    lines: tuple[RefLine, ...] = ()
    windows: tuple[Window, ...] = ()
    as_of: datetime.date | None = None
    period: tuple[datetime.date, datetime.date] | None = None
    # The expected path from (start, baseline) to (end, target), and the deadline: an
    # outcome's chart shows at a glance whether the series runs above or below plan.
    glide: tuple[Point, Point] | None = None
    deadline: datetime.date | None = None
    width: int = 640
    height: int = 260
    # Decimals of the y tick labels, fixed per KPI by the caller so every chart of one
    # KPI labels its axis alike (None: just enough for this chart's step).
    tick_decimals: int | None = None


def check(spec: ChartSpec) -> None:
    """Reject specs our callers should never build (they pass validated model data)."""
    if not _SLUG.fullmatch(spec.chart_id):
        raise ValueError(f"chart_id must be a slug ([a-z0-9][a-z0-9-]*): {spec.chart_id!r}")
    if spec.unit not in UNITS:
        raise ValueError(f"unknown unit {spec.unit!r}; expected one of {', '.join(sorted(UNITS))}")
    if not (240 <= spec.width <= 4000 and 120 <= spec.height <= 4000):
        raise ValueError(f"chart size {spec.width}x{spec.height} is outside 240..4000 x 120..4000")
    values = [p.value for p in spec.points] + [line.value for line in spec.lines]
    if spec.glide is not None:
        values += [spec.glide[0].value, spec.glide[1].value]
        if spec.glide[1].date < spec.glide[0].date:
            raise ValueError("glide path ends before it starts")
    if not all(map(math.isfinite, values)):
        raise ValueError("non-finite value")
    dates = [p.date for p in spec.points]
    if dates != sorted(dates):
        raise ValueError("points must be sorted by date")
    for line in spec.lines:
        if line.kind not in REF_KINDS:
            raise ValueError(f"unknown reference line kind {line.kind!r}")
    for window in spec.windows:
        if window.end < window.start:
            raise ValueError(f"window {window.label!r} ends before it starts")
    if spec.period is not None and spec.period[1] < spec.period[0]:
        raise ValueError("period ends before it starts")

"""Derived figures of DESIGN ("Derived figures"): pure functions of measurements and dates."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from outcomes.load.measurements import Measurement
from outcomes.schema.kpi import CADENCE_DAYS

Status = Literal["no-data", "achieved", "missed", "on-track", "at-risk", "off-track"]
Verdict = Literal["untested", "running", "no-data", "supported", "not-supported"]
STATUSES: tuple[Status, ...] = ("no-data", "achieved", "missed", "on-track", "at-risk", "off-track")
OVERDUE_DAYS = 14


@dataclass(frozen=True)
class Thresholds:
    """How far behind the expected progress an outcome may be: on track, then at risk."""

    on_track: float = 0.10
    at_risk: float = 0.30


def period_bounds(period: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of `2026`, `2026-H1` or `2026-Q4`."""
    year = int(period[:4])
    if len(period) == 4:
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    part, number = period[5], int(period[6])
    months = 3 if part == "Q" else 6
    first_month = (number - 1) * months + 1
    start = datetime.date(year, first_month, 1)
    last_month = first_month + months - 1
    end = (
        datetime.date(year, 12, 31)
        if last_month == 12
        else datetime.date(year, last_month + 1, 1) - datetime.timedelta(days=1)
    )
    return start, end


def last_on_or_before(points: Sequence[Measurement], day: datetime.date) -> Measurement | None:
    """The newest measurement dated `day` or earlier (points sorted by date)."""
    index = bisect.bisect_right(points, day, key=lambda m: m.date)
    return points[index - 1] if index else None


def first_on_or_after(points: Sequence[Measurement], day: datetime.date) -> Measurement | None:
    index = bisect.bisect_left(points, day, key=lambda m: m.date)
    return points[index] if index < len(points) else None


def progress(value: float, baseline: float, target: float) -> float | None:
    """(value − baseline) / (target − baseline); None when target equals baseline."""
    if target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def expected_progress(as_of: datetime.date, start: datetime.date, end: datetime.date) -> float:
    """Share of the time between start and end that has passed, clamped to 0..1."""
    if end <= start:
        return 1.0
    share = (as_of - start).days / (end - start).days
    return min(1.0, max(0.0, share))


def status(
    value_progress: float | None,
    as_of: datetime.date,
    end: datetime.date,
    expected: float,
    thresholds: Thresholds,
) -> Status:
    """First match wins: no-data, achieved, missed, on-track, at-risk, off-track."""
    if value_progress is None:
        return "no-data"
    if value_progress >= 1:
        return "achieved"
    if as_of > end:
        return "missed"
    if value_progress >= expected - thresholds.on_track:
        return "on-track"
    if value_progress >= expected - thresholds.at_risk:
        return "at-risk"
    return "off-track"


def is_stale(newest: Measurement | None, as_of: datetime.date, cadence: str) -> bool:
    """Stale when the newest value on or before `as_of` is older than twice the cadence."""
    if newest is None:
        return True
    return (as_of - newest.date).days > 2 * CADENCE_DAYS[cadence]


def target_on_right_side(baseline: float, target: float, direction: str) -> bool:
    return target > baseline if direction == "increase" else target < baseline


def reaches(value: float, expect: float, direction: str) -> bool:
    return value >= expect if direction == "increase" else value <= expect


def verdict(
    experiment_ends: Sequence[datetime.date | None],
    latest: Measurement | None,
    expect: float | None,
    direction: str | None,
    as_of: datetime.date,
) -> Verdict:
    """The data's view of a hypothesis, first match wins (experiments in file order)."""
    if not experiment_ends:
        return "untested"
    last_end = experiment_ends[-1]
    if last_end is None or last_end > as_of:
        return "running"
    if latest is None or expect is None or direction is None:
        return "no-data"
    return "supported" if reaches(latest.value, expect, direction) else "not-supported"


def is_overdue(
    hypothesis_status: str, experiment_ends: Sequence[datetime.date | None], as_of: datetime.date
) -> bool:
    """Still `testing` more than 14 days after its last experiment ended."""
    if hypothesis_status != "testing" or not experiment_ends:
        return False
    last_end = experiment_ends[-1]
    return last_end is not None and (as_of - last_end).days > OVERDUE_DAYS

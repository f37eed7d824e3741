"""Derived figures of DESIGN, computed by hand for each case and each boundary."""

from __future__ import annotations

import datetime

import pytest

from outcomes.load.measurements import Measurement
from outcomes.model import figures
from outcomes.model.figures import Thresholds

D = datetime.date
T = Thresholds()


def m(day: datetime.date, value: float) -> Measurement:
    return Measurement(day, value)


# -- periods --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2026-H1", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2028-Q1", D(2028, 1, 1), D(2028, 3, 31)),  # a leap year changes nothing here
    ],
)
def test_period_bounds(period: str, start: datetime.date, end: datetime.date) -> None:
    assert figures.period_bounds(period) == (start, end)


# -- looking values up ------------------------------------------------------------------

POINTS = [m(D(2026, 1, 1), 1.0), m(D(2026, 1, 8), 2.0), m(D(2026, 1, 15), 3.0)]


@pytest.mark.parametrize(
    ("day", "value"),
    [(D(2025, 12, 31), None), (D(2026, 1, 1), 1.0), (D(2026, 1, 10), 2.0), (D(2027, 1, 1), 3.0)],
)
def test_last_on_or_before(day: datetime.date, value: float | None) -> None:
    found = figures.last_on_or_before(POINTS, day)
    assert (found.value if found else None) == value


@pytest.mark.parametrize(
    ("day", "value"),
    [(D(2025, 12, 31), 1.0), (D(2026, 1, 8), 2.0), (D(2026, 1, 9), 3.0), (D(2026, 1, 16), None)],
)
def test_first_on_or_after(day: datetime.date, value: float | None) -> None:
    found = figures.first_on_or_after(POINTS, day)
    assert (found.value if found else None) == value


# -- progress and expected progress ---------------------------------------------------------


def test_progress_increasing() -> None:
    # (0.47 - 0.38) / (0.55 - 0.38) = 0.09 / 0.17
    assert figures.progress(0.47, 0.38, 0.55) == pytest.approx(0.529411764)


def test_progress_decreasing() -> None:
    # lead time from 10 days to 4: at 7 days half of the way is done.
    assert figures.progress(7, 10, 4) == pytest.approx(0.5)


def test_progress_can_be_negative_or_above_one() -> None:
    assert figures.progress(0.30, 0.40, 0.50) == pytest.approx(-1.0)
    assert figures.progress(0.60, 0.40, 0.50) == pytest.approx(2.0)


def test_progress_without_a_distance_is_none() -> None:
    assert figures.progress(1, 2, 2) is None


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (D(2026, 9, 1), 0.0),  # before the start: clamped
        (D(2026, 10, 1), 0.0),
        (D(2026, 10, 11), 0.25),  # 10 of 40 days
        (D(2026, 10, 31), 0.75),
        (D(2026, 11, 10), 1.0),
        (D(2027, 1, 1), 1.0),  # after the end: clamped
    ],
)
def test_expected_progress(as_of: datetime.date, expected: float) -> None:
    assert figures.expected_progress(as_of, D(2026, 10, 1), D(2026, 11, 10)) == expected


def test_expected_progress_of_an_empty_window_is_complete() -> None:
    assert figures.expected_progress(D(2026, 1, 1), D(2026, 2, 1), D(2026, 2, 1)) == 1.0


# -- status -------------------------------------------------------------------------------

END = D(2026, 12, 31)
BEFORE_END = D(2026, 11, 22)


@pytest.mark.parametrize(
    ("progress", "as_of", "expected", "status"),
    [
        (None, BEFORE_END, 0.5, "no-data"),
        (None, D(2027, 2, 1), 0.5, "no-data"),  # no data wins over missed
        (1.0, BEFORE_END, 0.5, "achieved"),
        (1.3, D(2027, 2, 1), 1.0, "achieved"),  # achieved wins over missed
        (0.99, D(2027, 1, 1), 1.0, "missed"),
        (0.99, END, 1.0, "on-track"),  # the end day itself is not after the end
        (0.5, BEFORE_END, 0.5, "on-track"),
        (0.40, BEFORE_END, 0.5, "on-track"),  # expected - 0.10 exactly
        (0.39, BEFORE_END, 0.5, "at-risk"),
        (0.20, BEFORE_END, 0.5, "at-risk"),  # expected - 0.30 exactly
        (0.19, BEFORE_END, 0.5, "off-track"),
        (-0.5, BEFORE_END, 0.5, "off-track"),
        (0.0, BEFORE_END, 0.0, "on-track"),  # nothing expected yet
    ],
)
def test_status(progress: float | None, as_of: datetime.date, expected: float, status: str) -> None:
    assert figures.status(progress, as_of, END, expected, T) == status


def test_status_thresholds_are_settings() -> None:
    strict = Thresholds(on_track=0.0, at_risk=0.05)
    assert figures.status(0.49, BEFORE_END, END, 0.5, strict) == "at-risk"
    assert figures.status(0.44, BEFORE_END, END, 0.5, strict) == "off-track"


# -- staleness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "days"), [("daily", 1), ("weekly", 7), ("monthly", 31), ("quarterly", 92)]
)
def test_stale_after_twice_the_cadence(cadence: str, days: int) -> None:
    as_of = D(2026, 11, 22)
    at_limit = m(as_of - datetime.timedelta(days=2 * days), 1)
    past_limit = m(as_of - datetime.timedelta(days=2 * days + 1), 1)
    assert figures.is_stale(at_limit, as_of, cadence) is False
    assert figures.is_stale(past_limit, as_of, cadence) is True


def test_fresh_value_is_not_stale() -> None:
    assert figures.is_stale(m(D(2026, 11, 22), 1), D(2026, 11, 22), "daily") is False


# -- verdicts ---------------------------------------------------------------------------------

AS_OF = D(2026, 11, 22)
LATEST = m(D(2026, 11, 20), 0.47)


@pytest.mark.parametrize(
    ("ends", "latest", "expect", "direction", "verdict"),
    [
        ([], LATEST, 0.45, "increase", "untested"),
        ([D(2026, 11, 30)], LATEST, 0.45, "increase", "running"),
        ([None], LATEST, 0.45, "increase", "running"),  # open-ended experiment
        ([D(2026, 10, 28), None], LATEST, 0.45, "increase", "running"),
        ([D(2026, 10, 28)], None, 0.45, "increase", "no-data"),
        ([D(2026, 11, 22)], LATEST, 0.45, "increase", "supported"),  # ends on as_of: done
        ([D(2026, 10, 28)], LATEST, 0.47, "increase", "supported"),  # reaching is enough
        ([D(2026, 10, 28)], LATEST, 0.48, "increase", "not-supported"),
        ([D(2026, 10, 28)], LATEST, 0.47, "decrease", "supported"),
        ([D(2026, 10, 28)], LATEST, 0.50, "decrease", "supported"),
        ([D(2026, 10, 28)], LATEST, 0.40, "decrease", "not-supported"),
        ([D(2026, 10, 28)], LATEST, None, None, "no-data"),  # no measured_by
    ],
)
def test_verdict(
    ends: list[datetime.date | None],
    latest: Measurement | None,
    expect: float | None,
    direction: str | None,
    verdict: str,
) -> None:
    assert figures.verdict(ends, latest, expect, direction, AS_OF) == verdict


# -- overdue ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "ends", "overdue"),
    [
        ("testing", [D(2026, 11, 8)], False),  # 14 days after the end
        ("testing", [D(2026, 11, 7)], True),  # 15 days
        ("testing", [D(2026, 1, 1), D(2026, 11, 8)], False),  # the last experiment counts
        ("testing", [None], False),  # still running
        ("testing", [], False),  # never tested
        ("validated", [D(2026, 1, 1)], False),  # the team has concluded
        ("planned", [D(2026, 1, 1)], False),
    ],
)
def test_overdue(status: str, ends: list[datetime.date | None], overdue: bool) -> None:
    assert figures.is_overdue(status, ends, AS_OF) is overdue


# -- direction helpers ----------------------------------------------------------------------


def test_target_side_and_reaching() -> None:
    assert figures.target_on_right_side(0.38, 0.55, "increase")
    assert not figures.target_on_right_side(0.38, 0.38, "increase")
    assert not figures.target_on_right_side(0.38, 0.30, "increase")
    assert figures.target_on_right_side(10, 4, "decrease")
    assert not figures.target_on_right_side(10, 12, "decrease")
    assert figures.reaches(0.55, 0.55, "increase")
    assert figures.reaches(4, 4, "decrease")
    assert not figures.reaches(5, 4, "decrease")

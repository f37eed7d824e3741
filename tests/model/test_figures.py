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


# -- verdicts (format 1.1) -----------------------------------------------------------------

AS_OF = D(2026, 11, 22)
LATEST = m(D(2026, 11, 20), 0.47)
SERIES = [m(D(2026, 9, 28), 0.40), m(D(2026, 10, 20), 0.44), LATEST, m(D(2026, 11, 29), 0.60)]
Trial = figures.Trial


def judge(
    trials: list[figures.Trial],
    *,
    points: list[Measurement] | None = None,
    expect: float | None = 0.45,
    kill: float | None = None,
    direction: str | None = "increase",
    guardrails: list[figures.GuardrailSeries] | None = None,
    decide_by: datetime.date | None = None,
    as_of: datetime.date = AS_OF,
) -> figures.Judgement:
    return figures.judge(
        trials, SERIES if points is None else points, expect, kill, direction,
        guardrails or [], decide_by, as_of,
    )  # fmt: skip


ENDED = Trial(D(2026, 10, 1), D(2026, 10, 28), "50% rollout")


@pytest.mark.parametrize(
    ("trials", "verdict"),
    [
        ([], "untested"),
        ([Trial(D(2026, 11, 23), D(2026, 12, 20))], "untested"),  # starts after as_of
        ([Trial(AS_OF, None)], "running"),  # starts on as_of: it has started
        ([Trial(D(2026, 11, 1), D(2026, 11, 30))], "running"),
        ([Trial(D(2026, 11, 1), None)], "running"),  # open-ended
        ([ENDED, Trial(D(2026, 11, 1), None)], "running"),  # one running beside an ended one
        ([ENDED, Trial(D(2026, 11, 23), None)], "supported"),  # the other has not started
        ([Trial(D(2026, 11, 1), AS_OF)], "supported"),  # ends on as_of: it has ended
    ],
)
def test_verdict_untested_and_running(trials: list[figures.Trial], verdict: str) -> None:
    assert judge(trials).verdict == verdict


def test_evidence_is_the_kpi_value_from_the_decisive_start_up_to_as_of() -> None:
    found = judge([ENDED])
    assert found.evidence == figures.Evidence(0.47, D(2026, 11, 20), "kpi")
    assert found.decisive == ENDED
    assert found.decide_by == D(2026, 11, 11)  # end + 14 days
    assert found.verdict == "supported"  # 0.47 >= 0.45


def test_no_value_since_the_decisive_start_is_no_data() -> None:
    late = Trial(D(2026, 11, 21), D(2026, 11, 21))  # the last value is dated 11-20
    assert judge([late]).verdict == "no-data"
    assert judge([ENDED], points=[]).verdict == "no-data"
    assert judge([ENDED], expect=None, direction=None).verdict == "no-data"  # no measured_by


def test_decisive_experiment_is_the_latest_end_and_the_later_in_the_file_on_a_tie() -> None:
    first = Trial(D(2026, 9, 1), D(2026, 10, 28), "first", 0.38, 0.50)
    second = Trial(D(2026, 10, 1), D(2026, 10, 28), "second", 0.38, 0.40)
    earlier = Trial(D(2026, 8, 1), D(2026, 9, 30), "earlier", 0.38, 0.60)
    assert figures.decisive_trial([first, second, earlier], AS_OF) == second
    assert figures.decisive_trial([second, first, earlier], AS_OF) == first
    assert judge([first, second], kill=0.41).verdict == "not-supported"  # 0.40 <= 0.41
    assert judge([second, first]).verdict == "supported"  # 0.50 >= 0.45


def test_a_readout_is_the_evidence_dated_by_the_experiment_end() -> None:
    readout = Trial(D(2026, 10, 1), D(2026, 10, 28), "rollout", 0.991, 0.996, (0.003, 0.007))
    found = judge([readout], expect=0.995)
    assert found.evidence == figures.Evidence(
        0.996, D(2026, 10, 28), "readout", 0.991, (0.003, 0.007)
    )
    assert found.evidence is not None and found.evidence.lift == pytest.approx(0.005)
    # The product-wide KPI (0.47) would not reach 0.995: the readout decides.
    assert found.verdict == "supported"


@pytest.mark.parametrize(
    ("value", "kill", "direction", "expect", "verdict"),
    [
        (0.47, 0.40, "increase", 0.45, "supported"),
        (0.45, 0.40, "increase", 0.45, "supported"),  # exactly at expect
        (0.44, 0.40, "increase", 0.45, "inconclusive"),  # short, past the decision date
        (0.40, 0.40, "increase", 0.45, "not-supported"),  # exactly at kill
        (0.39, 0.40, "increase", 0.45, "not-supported"),
        (0.41, 0.40, "increase", 0.45, "inconclusive"),
        (0.39, None, "increase", 0.45, "inconclusive"),  # no kill: never not-supported
        (0.30, None, "decrease", 0.35, "supported"),
        (0.35, None, "decrease", 0.35, "supported"),  # exactly at expect
        (0.40, 0.40, "decrease", 0.35, "not-supported"),  # exactly at kill
        (0.41, 0.40, "decrease", 0.35, "not-supported"),
        (0.39, 0.40, "decrease", 0.35, "inconclusive"),
    ],
)
def test_verdict_expect_and_kill(
    value: float, kill: float | None, direction: str, expect: float, verdict: str
) -> None:
    trial = Trial(D(2026, 10, 1), D(2026, 10, 28), "", 0.0, value)
    assert judge([trial], expect=expect, kill=kill, direction=direction).verdict == verdict


@pytest.mark.parametrize(
    ("interval", "direction", "verdict"),
    [
        ((0.01, 0.10), "increase", "supported"),
        ((0.0, 0.10), "increase", "inconclusive"),  # touches 0: not wholly good
        ((-0.02, 0.10), "increase", "inconclusive"),
        ((-0.10, -0.01), "increase", "not-supported"),  # wholly bad, even above expect
        ((-0.10, 0.0), "increase", "inconclusive"),  # touches 0: not wholly bad
        ((-0.10, -0.01), "decrease", "supported"),
        ((-0.10, 0.0), "decrease", "inconclusive"),
        ((0.01, 0.10), "decrease", "not-supported"),
        ((0.0, 0.10), "decrease", "inconclusive"),
    ],
)
def test_verdict_interval(interval: tuple[float, float], direction: str, verdict: str) -> None:
    # The value reaches expect either way: 0.5 >= 0.45 (increase), 0.5 <= 0.6 (decrease).
    trial = Trial(D(2026, 10, 1), D(2026, 10, 28), "", 0.4, 0.5, interval)
    expect = 0.45 if direction == "increase" else 0.6
    assert judge([trial], expect=expect, direction=direction).verdict == verdict


@pytest.mark.parametrize(
    ("decide_by", "as_of", "verdict"),
    [
        (None, D(2026, 11, 11), "too-early"),  # end + 14 days is as_of: not after it
        (None, D(2026, 11, 12), "inconclusive"),
        (D(2026, 12, 1), AS_OF, "too-early"),  # an explicit decision date wins
        (D(2026, 11, 22), AS_OF, "too-early"),  # decision date equal to as_of
        (D(2026, 11, 21), AS_OF, "inconclusive"),
        (D(2026, 10, 30), D(2026, 11, 1), "inconclusive"),
    ],
)
def test_verdict_decision_date(
    decide_by: datetime.date | None, as_of: datetime.date, verdict: str
) -> None:
    short = [m(D(2026, 10, 20), 0.41)]
    found = judge([ENDED], points=short, decide_by=decide_by, as_of=as_of)
    assert found.verdict == verdict
    assert found.decide_by == (decide_by or D(2026, 11, 11))


def test_decision_date_is_null_before_any_experiment_ends_unless_written() -> None:
    assert judge([Trial(D(2026, 11, 1), None)]).decide_by is None
    assert judge([]).decide_by is None
    assert judge([], decide_by=D(2026, 12, 1)).decide_by == D(2026, 12, 1)
    # An ended experiment beside a running one still sets the decision date in effect.
    assert judge([ENDED, Trial(D(2026, 11, 1), None)]).decide_by == D(2026, 11, 11)


def guard(points: list[Measurement], limit: float, direction: str) -> figures.GuardrailSeries:
    return figures.GuardrailSeries("tickets", points, limit, direction)


@pytest.mark.parametrize(
    ("points", "limit", "direction", "verdict"),
    [
        ([m(D(2026, 11, 1), 0.9)], 0.8, "decrease", "guardrail-breached"),
        ([m(D(2026, 11, 1), 0.8)], 0.8, "decrease", "supported"),  # at the limit is fine
        ([m(D(2026, 11, 1), 0.7)], 0.8, "increase", "guardrail-breached"),
        ([m(D(2026, 11, 1), 0.8)], 0.8, "increase", "supported"),
        ([m(D(2026, 9, 30), 0.9)], 0.8, "decrease", "supported"),  # before X's start
        ([], 0.8, "decrease", "supported"),  # no value after the start: nothing breached
        ([m(D(2026, 11, 1), 0.9), m(D(2026, 11, 23), 0.5)], 0.8, "decrease",
         "guardrail-breached"),  # the value after as_of does not count
        ([m(D(2026, 11, 1), 0.9), m(D(2026, 11, 10), 0.7)], 0.8, "decrease",
         "supported"),  # the last value counts, not the worst
    ],
)  # fmt: skip
def test_verdict_guardrails(
    points: list[Measurement], limit: float, direction: str, verdict: str
) -> None:
    found = judge([ENDED], guardrails=[guard(points, limit, direction)])
    assert found.verdict == verdict
    assert bool(found.breaches) == (verdict == "guardrail-breached")


def test_guardrail_breach_comes_after_no_data_and_before_supported() -> None:
    breached = [guard([m(D(2026, 11, 1), 0.9)], 0.8, "decrease")]
    assert judge([ENDED], points=[], guardrails=breached).verdict == "no-data"
    assert judge([ENDED], guardrails=breached).verdict == "guardrail-breached"


# -- overdue ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "decide_by", "overdue"),
    [
        ("testing", D(2026, 11, 22), False),  # on the decision date itself
        ("testing", D(2026, 11, 21), True),
        ("testing", None, False),  # no experiment ended, no decision date
        ("validated", D(2026, 1, 1), False),  # the team has concluded
        ("planned", D(2026, 1, 1), False),
    ],
)
def test_overdue(status: str, decide_by: datetime.date | None, overdue: bool) -> None:
    assert figures.is_overdue(status, decide_by, AS_OF) is overdue


@pytest.mark.parametrize(
    ("status", "verdict", "contradicted"),
    [
        ("validated", "not-supported", True),
        ("validated", "guardrail-breached", True),
        ("validated", "inconclusive", False),
        ("invalidated", "supported", True),
        ("invalidated", "guardrail-breached", False),
        ("testing", "not-supported", False),
    ],
)
def test_contradicted(status: str, verdict: figures.Verdict, contradicted: bool) -> None:
    assert figures.contradicts(status, verdict) is contradicted


# -- trend and not-started ----------------------------------------------------------------


def test_trend_is_the_change_since_the_last_value_30_days_before() -> None:
    points = [m(D(2026, 10, 20), 0.44), m(D(2026, 10, 23), 0.45), LATEST]
    found = figures.trend(points, LATEST, AS_OF)
    assert found == figures.Trend(D(2026, 10, 23), points[1], pytest.approx(0.02))
    # A value dated after the cut-off does not count as the previous one.
    assert figures.trend(points, LATEST, D(2026, 11, 21)) == figures.Trend(
        D(2026, 10, 22), points[0], pytest.approx(0.03)
    )


def test_trend_is_null_when_a_value_is_missing() -> None:
    assert figures.trend([LATEST], LATEST, AS_OF) is None  # nothing 30 days before
    assert figures.trend(SERIES, None, AS_OF) is None


def test_not_started_wins_over_everything() -> None:
    start, end = D(2027, 1, 1), D(2027, 3, 31)
    assert figures.status(None, AS_OF, end, 0.0, T, start=start) == "not-started"
    assert figures.status(1.2, AS_OF, end, 0.0, T, start=start) == "not-started"
    assert figures.status(0.0, start, end, 0.0, T, start=start) == "on-track"  # starts today


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

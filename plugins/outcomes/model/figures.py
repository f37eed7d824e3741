"""Derived figures of DESIGN ("Derived figures"): pure functions of measurements and dates."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from outcomes.load.measurements import Measurement
from outcomes.schema.kpi import CADENCE_DAYS
from outcomes.settings import Thresholds

Status = Literal["not-started", "no-data", "achieved", "missed", "on-track", "at-risk", "off-track"]
Verdict = Literal[
    "untested", "running", "no-data", "guardrail-breached", "supported", "not-supported",
    "inconclusive", "too-early",
]  # fmt: skip
STATUSES: tuple[Status, ...] = (
    "not-started", "no-data", "achieved", "missed", "on-track", "at-risk", "off-track",
)  # fmt: skip
VERDICTS: tuple[Verdict, ...] = (
    "untested", "running", "no-data", "guardrail-breached", "supported", "not-supported",
    "inconclusive", "too-early",
)  # fmt: skip
DECISION_DAYS = 14  # without `decide_by`, a bet is decided 14 days after its experiment ends
TREND_DAYS = 30  # a trend is the change over the last 30 days


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
    *,
    start: datetime.date | None = None,
) -> Status:
    """First match wins: not-started, no-data, achieved, missed, on-track, at-risk, off-track.

    `not-started` (format 1.1): an outcome that starts next quarter is not "on track".
    """
    if start is not None and as_of < start:
        return "not-started"
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


def is_worse(value: float, limit: float, direction: str) -> bool:
    """Strictly on the bad side of `limit`: below it when more is better, above it when less."""
    return value < limit if direction == "increase" else value > limit


@dataclass(frozen=True)
class Trend:
    """The change over the last 30 days up to the day a figure is judged on (DESIGN, 1.1)."""

    since: datetime.date  # the judged day − 30 days
    previous: Measurement  # the last measurement on or before `since`
    change: float  # judged value − previous value


def trend(
    points: Sequence[Measurement], judged: Measurement | None, day: datetime.date
) -> Trend | None:
    """Judged value minus the last value on or before `day` − 30 days; None when one is missing."""
    if judged is None:
        return None
    since = day - datetime.timedelta(days=TREND_DAYS)
    previous = last_on_or_before(points, since)
    if previous is None:
        return None
    return Trend(since, previous, judged.value - previous.value)


@dataclass(frozen=True)
class Trial:
    """An experiment as the verdict reads it: its window and, when given, its readout."""

    start: datetime.date
    end: datetime.date | None
    title: str = ""
    control: float | None = None
    treatment: float | None = None
    interval: tuple[float, float] | None = None

    @property
    def has_readout(self) -> bool:
        return self.treatment is not None


@dataclass(frozen=True)
class GuardrailSeries:
    """A guardrail KPI's values, the worst acceptable value and which way is better."""

    kpi: str
    points: Sequence[Measurement]
    limit: float
    direction: str


@dataclass(frozen=True)
class Evidence:
    """What the verdict is judged on: an experiment readout or the KPI's measurement."""

    value: float
    date: datetime.date  # the measurement's date, or the experiment's end for a readout
    source: Literal["readout", "kpi"]
    control: float | None = None
    interval: tuple[float, float] | None = None

    @property
    def lift(self) -> float | None:
        return None if self.control is None else self.value - self.control


@dataclass(frozen=True)
class Breach:
    """A guardrail KPI that got worse than its limit during the decisive experiment."""

    kpi: str
    value: Measurement
    limit: float


@dataclass(frozen=True)
class Judgement:
    """The verdict of a hypothesis with everything it was decided on."""

    verdict: Verdict
    decisive: Trial | None  # X: the ended experiment with the latest end, if any
    evidence: Evidence | None
    decide_by: datetime.date | None  # the decision date in effect
    breaches: tuple[Breach, ...] = ()


def decisive_trial(trials: Sequence[Trial], as_of: datetime.date) -> Trial | None:
    """X: the experiment ended on or before `as_of` with the latest end (ties: the later one)."""
    found: Trial | None = None
    for trial in trials:
        if trial.end is None or trial.end > as_of:
            continue
        if found is None or found.end is None or trial.end >= found.end:
            found = trial
    return found


def decision_date(decide_by: datetime.date | None, decisive: Trial | None) -> datetime.date | None:
    """`decide_by` when written, else X's end + 14 days; None when no experiment has ended."""
    if decide_by is not None:
        return decide_by
    if decisive is None or decisive.end is None:
        return None
    return decisive.end + datetime.timedelta(days=DECISION_DAYS)


def evidence_for(
    decisive: Trial, points: Sequence[Measurement], as_of: datetime.date
) -> Evidence | None:
    """X's readout when it has one, else the KPI's last value from X's start up to `as_of`."""
    if decisive.treatment is not None and decisive.end is not None:
        return Evidence(decisive.treatment, decisive.end, "readout", decisive.control,
                        decisive.interval)  # fmt: skip
    found = last_on_or_before(points, as_of)
    if found is None or found.date < decisive.start:
        return None
    return Evidence(found.value, found.date, "kpi")


def breaches_of(
    guardrails: Sequence[GuardrailSeries], start: datetime.date, as_of: datetime.date
) -> tuple[Breach, ...]:
    """Guardrails whose last value from `start` up to `as_of` is worse than their limit."""
    found: list[Breach] = []
    for guardrail in guardrails:
        value = last_on_or_before(guardrail.points, as_of)
        if value is None or value.date < start:
            continue
        if is_worse(value.value, guardrail.limit, guardrail.direction):
            found.append(Breach(guardrail.kpi, value, guardrail.limit))
    return tuple(found)


def judge(
    trials: Sequence[Trial],
    points: Sequence[Measurement],
    expect: float | None,
    kill: float | None,
    direction: str | None,
    guardrails: Sequence[GuardrailSeries],
    decide_by: datetime.date | None,
    as_of: datetime.date,
) -> Judgement:
    """The verdict of DESIGN 1.1 for `as_of`, first match wins; `trials` in file order.

    `points` are the measurements of the KPI in `measured_by`; `expect` and `direction`
    are None when the hypothesis has no `measured_by` (then the evidence is missing).
    """
    started = [t for t in trials if t.start <= as_of]
    decisive = decisive_trial(trials, as_of)
    decision = decision_date(decide_by, decisive)
    if not started:
        return Judgement("untested", decisive, None, decision)
    if any(t.end is None or t.end > as_of for t in started):
        return Judgement("running", decisive, None, decision)
    assert decisive is not None  # every started experiment has ended
    evidence = evidence_for(decisive, points, as_of) if expect is not None else None
    if evidence is None or expect is None or direction is None:
        return Judgement("no-data", decisive, None, decision)
    breaches = breaches_of(guardrails, decisive.start, as_of)
    if breaches:
        return Judgement("guardrail-breached", decisive, evidence, decision, breaches)
    good, bad = interval_sides(evidence.interval, direction)
    if reaches(evidence.value, expect, direction) and good:
        return Judgement("supported", decisive, evidence, decision)
    killed = kill is not None and (
        evidence.value <= kill if direction == "increase" else evidence.value >= kill
    )
    if killed or bad:
        return Judgement("not-supported", decisive, evidence, decision)
    assert decision is not None
    if as_of > decision:
        return Judgement("inconclusive", decisive, evidence, decision)
    return Judgement("too-early", decisive, evidence, decision)


def interval_sides(interval: tuple[float, float] | None, direction: str) -> tuple[bool, bool]:
    """(not against supported, whole interval on the bad side of 0); touching 0 is neither."""
    if interval is None:
        return True, False
    low, high = interval
    if direction == "increase":
        return low > 0, high < 0
    return high < 0, low > 0


def is_overdue(
    hypothesis_status: str, decide_by: datetime.date | None, as_of: datetime.date
) -> bool:
    """Still `testing` after the decision date in effect."""
    return hypothesis_status == "testing" and decide_by is not None and as_of > decide_by


CONTRADICTIONS: frozenset[tuple[str, str]] = frozenset({
    ("validated", "not-supported"), ("validated", "guardrail-breached"),
    ("invalidated", "supported"),
})  # fmt: skip


def contradicts(hypothesis_status: str, verdict: Verdict) -> bool:
    """The team's status says the opposite of what the data says."""
    return (hypothesis_status, verdict) in CONTRADICTIONS

"""Plain words for derived figures: why a verdict is what it is, and what a figure rests on.

Stakeholders decide on what the site says, so every verdict and every outcome figure
comes with its basis in a sentence: which value, measured when, against which bar.
The rules themselves live in `outcomes.model.figures`; this module only says them.
Numbers are written by the caller's `Words` (one formatter for the whole site).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from outcomes.model.figures import Breach, period_bounds
from outcomes.model.roadmap import HypothesisView, Progress, Roadmap

__all__ = [
    "HYPOTHESIS_STATUS_WORDS",
    "STATUS_WORDS",
    "VERDICT_WORDS",
    "Words",
    "countdown",
    "day",
    "decision_line",
    "progress_basis",
    "verdict_basis",
]

# The legend: every status and verdict in plain words (the legend page and badge titles).
STATUS_WORDS: dict[str, str] = {
    "not-started": "its start date is still ahead, so nothing is expected yet",
    "no-data": "no measured value to judge it on yet",
    "achieved": "the target is reached",
    "missed": "the deadline passed without reaching the target",
    "on-track": "progress is at most 10 points behind the share of time passed",
    "at-risk": "progress is 10 to 30 points behind the share of time passed",
    "off-track": "progress is more than 30 points behind the share of time passed",
}
HYPOTHESIS_STATUS_WORDS: dict[str, str] = {
    "idea": "A bet worth considering; nothing planned yet.",
    "planned": "The team intends to test it.",
    "testing": "An experiment is running or its result is being read.",
    "validated": "The team concluded the bet was right.",
    "invalidated": "The team concluded the bet was wrong.",
    "parked": "Set aside for now.",
}
VERDICT_WORDS: dict[str, str] = {
    "untested": "no experiment has started yet",
    "running": "an experiment is still running; the data is read when it ends",
    "no-data": "the experiment ended, but there is no value to judge it on",
    "guardrail-breached": "a KPI that must not get worse went past its limit",
    "supported": "the evidence reaches the expected value",
    "not-supported": "the evidence is at or past the kill value, or clearly on the wrong side",
    "inconclusive": "the decision date passed with the evidence short of the bar",
    "too-early": "short of the bar so far; the decision date has not come",
}


@dataclass(frozen=True)
class Words:
    """How one KPI's figures are written: its name, a value, a change between two values."""

    name: str
    value: Callable[[float], str]
    change: Callable[[float], str]  # signed: +4.0 pts, −1.2 min


def day(date: datetime.date) -> str:
    """A date for reading: 16 Nov 2026."""
    return f"{date.day} {date:%b %Y}"


def countdown(date: datetime.date, as_of: datetime.date) -> str:
    """How far a date is from `as_of`: in 5 days, today, passed 3 days ago."""
    days = (date - as_of).days
    if days == 0:
        return "today"
    plural = "" if abs(days) == 1 else "s"
    return f"in {days} day{plural}" if days > 0 else f"passed {-days} day{plural} ago"


def decision_line(h: HypothesisView, as_of: datetime.date) -> str:
    """The decision date with its countdown and where it comes from, or '' without one."""
    if h.decide_by is None:
        return ""
    origin = (
        "set by the team"
        if h.definition.decide_by is not None
        else "14 days after the last experiment ended"
    )
    return f"Decision date {day(h.decide_by)} ({origin}): {countdown(h.decide_by, as_of)}."


def _reading(h: HypothesisView, words: Words) -> str:
    """The evidence in words: a readout against its control, or the KPI on a day."""
    evidence = h.evidence
    assert evidence is not None
    if evidence.source == "readout" and evidence.control is not None:
        text = (
            f"Experiment readout: {words.value(evidence.value)} vs "
            f"{words.value(evidence.control)} control, "
            f"{words.change(evidence.value - evidence.control)}"
        )
        if evidence.interval is not None:
            low, high = evidence.interval
            text += f" [{words.change(low)}, {words.change(high)}]"
        return text
    return f"{words.name} is {words.value(evidence.value)} on {day(evidence.date)}"


def _breach(breach: Breach, names: dict[str, Words]) -> str:
    words = names[breach.kpi]
    worse = "below" if breach.value.value < breach.limit else "above"
    return (
        f"Guardrail {words.name} is {words.value(breach.value.value)} on "
        f"{day(breach.value.date)}, {worse} its limit {words.value(breach.limit)}"
    )


def verdict_basis(h: HypothesisView, roadmap: Roadmap, names: dict[str, Words]) -> str:
    """One or two sentences: what the verdict rests on, with its figures and dates."""
    as_of = roadmap.as_of
    words = names.get(h.kpi) if h.kpi else None
    experiments = h.definition.experiments
    if h.verdict == "untested":
        upcoming = sorted(e.start for e in experiments if e.start > as_of)
        if upcoming:
            return f"No experiment has started yet; the first starts on {day(upcoming[0])}."
        return "No experiment has started yet."
    if h.verdict == "running":
        current = [e for e in experiments if e.start <= as_of and (e.end is None or e.end > as_of)][
            -1
        ]
        until = f"runs until {day(current.end)}" if current.end else "has no end date yet"
        return f"Experiment “{current.title}” {until}; the data is read when it ends."
    kpi = roadmap.kpis.get(h.kpi or "")
    if kpi is not None and kpi.confidential:
        return f"The figures of {kpi.definition.name} behind this verdict are confidential."
    decisive = h.decisive
    assert decisive is not None and decisive.end is not None
    if h.verdict == "no-data":
        if words is None:
            return f"Experiment “{decisive.title}” ended, but no KPI measures this bet."
        return (
            f"Experiment “{decisive.title}” ended on {day(decisive.end)}, but {words.name} "
            f"has no value since it started on {day(decisive.start)}."
        )
    assert words is not None and h.expect is not None and h.evidence is not None
    reading = _reading(h, words)
    expected = words.value(h.expect)
    if h.verdict == "guardrail-breached":
        breaches = "; ".join(_breach(b, names) for b in h.breaches)
        return f"{breaches}. {reading}; expected {expected}."
    increase = h.kpi is not None and roadmap.kpis[h.kpi].definition.direction == "increase"
    if h.verdict == "supported":
        side = "above" if increase else "below"
        whole = f", and the whole interval is {side} 0" if h.evidence.interval else ""
        return f"{reading} — reaches the expected {expected}{whole}."
    if h.verdict == "not-supported":
        value, kill = h.evidence.value, h.kill
        if kill is not None and (value <= kill if increase else value >= kill):
            return (
                f"{reading} — at or past the kill value {words.value(kill)} (expected {expected})."
            )
        return f"{reading} — the whole interval is on the wrong side of 0 (expected {expected})."
    decide = day(h.decide_by) if h.decide_by else "the decision date"
    if h.verdict == "inconclusive":
        not_killed = f", not at the kill value {words.value(h.kill)}" if h.kill is not None else ""
        return (
            f"{reading}, short of the expected {expected}{not_killed}; "
            f"the decision date, {decide}, has passed."
        )
    return f"{reading}, short of the expected {expected}; the team decides by {decide}."


def progress_basis(
    progress: Progress, as_of: datetime.date, words: Words, period: str | None = None
) -> str:
    """What an outcome's or key result's figure is judged on: the day, and why that day."""
    if progress.status == "not-started" and progress.start is not None:
        return f"starts {day(progress.start)}"
    value = progress.value
    when = day(value.date) if value else "no value yet"
    if period is not None and as_of > period_bounds(period)[1] and progress.end <= as_of:
        return f"value of {when}; a {period} key result, judged on {period}'s data"
    if as_of > progress.end:
        return f"value of {when}, judged at the deadline {day(progress.end)}"
    return f"value of {when}"

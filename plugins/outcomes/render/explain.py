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
    "GLOSSARY",
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

# The glossary: every term the site uses, as (anchor, term, meaning), in reading order.
# The anchors are URLs (`legend/#term-kpi`) that pages and readers link to: keep them.
GLOSSARY: tuple[tuple[str, str, str], ...] = (
    ("outcome", "Outcome",
     "A change in what customers do that a theme aims for, measured by a KPI moving from a"
     " baseline to a target by a date."),
    ("hypothesis", "Hypothesis (bet)",
     "A belief that a change for some people will move a KPI: “we believe X for Y will"
     " result in Z”. The site calls it a bet because it can be wrong."),
    ("kpi", "KPI",
     "A key performance indicator: one measured number, with its unit, the direction that is"
     " better and how often it is measured (its cadence)."),
    ("key-result", "Key result",
     "Part of an OKR objective: a KPI moving from a baseline to a target within the period."),
    ("baseline", "Baseline",
     "The value at the start; when not written down, the first measurement on or after the"
     " start."),
    ("target", "Target", "The value to reach by the deadline."),
    ("expected-progress", "Expected progress",
     "The share of the time from the start to the deadline that has passed: halfway through,"
     " 50% of the way is expected."),
    ("progress", "Progress",
     "How far the value has moved from the baseline towards the target: 0% at the baseline,"
     " 100% at the target."),
    ("verdict", "Verdict",
     "What the data says about a bet, shown beside the team's own status and never replacing"
     " it (the badges prefixed “data:”)."),
    ("evidence", "Evidence",
     "The value a verdict is judged on: the last experiment's readout when it has one, else"
     " the KPI's last value since that experiment started."),
    ("readout", "Readout",
     "What an experiment itself measured on the KPI: the treatment's value, and the control's"
     " when there is one."),
    ("guardrail", "Guardrail",
     "A KPI that must not get worse than a limit while a bet is tested; past the limit the"
     " verdict is guardrail-breached."),
    ("kill-criterion", "Kill criterion",
     "A value written down before the experiment: evidence at or past it, on the wrong side,"
     " means the bet failed (not-supported)."),
    ("decision-date", "Decision date",
     "When the team decides about a bet: the date it set, else 14 days after its last"
     " experiment ended. A bet still testing after it is overdue."),
    ("trend", "Trend",
     "The change over the last 30 days: the value judged on, against the last value on or"
     " before 30 days earlier."),
    ("stale", "Stale",
     "A KPI whose newest value is older than twice its cadence (a weekly KPI after 14 days)."),
    ("booster", "Booster",
     "On a journey step: a behaviour that predicts success, to encourage."),
    ("blocker", "Blocker",
     "On a journey step: a behaviour that predicts failure, to remove."),
    ("emotion", "Emotion",
     "How a customer feels at a journey step, from −2 (very negative) to +2 (very positive)."),
    ("horizon", "Horizon (now, next, later, done)",
     "When a theme is worked on: now, next, later, or done when it is finished."),
)  # fmt: skip


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

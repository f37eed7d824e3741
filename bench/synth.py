"""Deterministic synthetic roadmaps in format v1, for benchmarks.

    python bench/synth.py OUT_DIR --hypotheses 1000 [--seed 0]

For N hypotheses it writes N/20 themes (`roadmap/<id>.yaml`, 20 hypotheses each),
N/5 KPIs (`okrs/kpis.yaml`) with 730 daily values each ending 2026-11-20
(`okrs/measurements/<id>.csv`), N/50 journeys (`journeys/<id>.yaml`), four OKR
periods (`okrs/2026-Q1.yaml` .. `okrs/2026-Q4.yaml`) and `okrs/teams.yaml`.
Counts are at least 1 for tiny N.

It also writes a site around the roadmap (`write_site`): `mkdocs.yml` with Material,
`search` and the `outcomes` plugin at `as_of` 2026-11-22, and `docs/about.md`, so
`mkdocs build -f OUT_DIR/mkdocs.yml` builds it. `write_plain_site` writes the
mkdocs.yml of the same site without the plugin, for pages written by `outcomes generate`.
The theme and `markdown_extensions` blocks are copied from the repository's demo
`mkdocs.yml`, so the benchmark site looks like the real one.

The project is valid at `as_of` 2026-11-22: `outcomes validate DIR --as-of 2026-11-22`
reports no errors. A few warnings are generated on purpose, as in a real roadmap
(hypotheses still `testing` long after their experiment, a status the data contradicts).
Text has realistic lengths (a Markdown problem statement per theme, belief sentences,
experiment write-ups), so parsing costs are representative. The same arguments always
produce byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import random
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

AS_OF = datetime.date(2026, 11, 22)
LAST_DAY = datetime.date(2026, 11, 20)
DAYS = 730
FIRST_DAY = LAST_DAY - datetime.timedelta(days=DAYS - 1)
HYPOTHESES_PER_THEME = 20
PERIODS = ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
STATUSES = ("idea", "planned", "testing", "validated", "invalidated", "parked")
# Roughly how a living roadmap is spread over statuses.
STATUS_WEIGHTS = (25, 20, 20, 15, 10, 10)
HORIZONS = ("now", "next", "later", "done")

# -- vocabulary ------------------------------------------------------------------------

AREAS = [
    "onboarding", "billing", "search", "notifications", "mobile", "reporting", "checkout",
    "invites", "permissions", "integrations", "exports", "dashboards", "comments", "calendar",
    "reliability", "performance", "pricing", "trials", "retention", "support", "security",
    "audit", "imports", "templates", "automation", "analytics", "messaging", "files", "admin",
    "sharing", "accessibility", "localisation", "payments", "scheduling", "forms", "alerts",
]  # fmt: skip
THEME_GOALS = [
    "reach value in their first week", "find what they need without asking",
    "trust the numbers they see", "finish the task on their phone",
    "keep working when the network is slow", "bring their whole team along",
    "understand what changed since yesterday", "pay without talking to sales",
    "recover from mistakes on their own", "see the impact of their work",
]  # fmt: skip
PERSONAS = [
    "workspace admins", "new members", "team leads", "finance managers", "support agents",
    "mobile users", "power users", "trial users", "account owners", "developers",
    "occasional visitors", "enterprise buyers",
]  # fmt: skip
CHANGES = [
    "a guided checklist on the first-run screen", "inline suggestions while typing",
    "a weekly summary email with the three changes that matter",
    "one-click templates for the most common setups", "smarter defaults based on team size",
    "an undo button for bulk actions", "saved filters that can be shared with a link",
    "progressive loading of long lists", "a clearer empty state with a sample project",
    "contextual help next to the fields people get wrong", "offline drafts that sync later",
    "a single page that compares plans side by side", "reminders before a trial ends",
    "keyboard shortcuts for the five most used actions", "a status page linked from errors",
]  # fmt: skip
EFFECTS = [
    "more of them complete setup in the first session", "fewer support tickets about it",
    "a higher share coming back the following week", "faster completion of the main task",
    "more teammates invited during the first week", "fewer abandoned attempts",
    "more upgrades to a paid plan before the trial ends", "shorter time to the first result",
]  # fmt: skip
WORDS = [
    "team", "teams", "account", "data", "report", "customer", "customers", "user", "users",
    "page", "pages", "week", "weeks", "interview", "interviews", "survey", "signal", "signals",
    "friction", "step", "steps", "value", "time", "setup", "error", "errors", "workflow",
    "workflows", "plan", "plans", "trial", "usage", "support", "ticket", "tickets", "feedback",
    "mobile", "desktop", "search", "result", "results", "session", "sessions", "invite",
    "invites", "project", "projects", "metric", "metrics", "cohort", "cohorts", "adoption",
    "experiment", "churn", "retention", "habit", "habits", "decision", "context"
]  # fmt: skip
VERBS = [
    "abandon", "notice", "expect", "struggle", "prefer", "compare", "repeat", "skip", "ignore",
    "return", "rely", "ask", "share", "export", "import", "configure", "invite", "schedule",
    "review", "open", "close", "search"
]  # fmt: skip
ADJECTIVES = [
    "new", "returning", "small", "large", "distributed", "busy", "occasional", "paying",
    "frustrated", "confident", "careful", "curious", "remote", "mobile", "senior", "junior"
]  # fmt: skip
TAGS = [
    "activation", "retention", "monetisation", "quality", "speed", "trust", "mobile",
    "enterprise", "self-serve", "ai", "growth", "reliability", "ux", "data",
]  # fmt: skip
KPI_SHAPES: list[tuple[str, str, str]] = [
    # (name pattern, unit, direction)
    ("{area} completion rate", "percent", "increase"),
    ("{area} weekly active share", "percent", "increase"),
    ("Time to first {area} result", "minutes", "decrease"),
    ("{area} p95 latency", "ms", "decrease"),
    ("{area} tickets per 1000 users", "count", "decrease"),
    ("{area} satisfaction", "score", "increase"),
    ("{area} conversion", "ratio", "increase"),
    ("{area} daily sessions", "count", "increase"),
]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# -- YAML writing ----------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.'()/%?-]*$")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})


def scalar(value: object) -> str:
    """A YAML scalar: plain when unambiguous, else JSON-quoted (valid YAML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith((" ", ":")):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow(items: Iterable[object]) -> str:
    """A flow sequence; items with flow indicators are quoted."""
    quoted = (json.dumps(i) if isinstance(i, str) and any(c in i for c in ",[]{}") else scalar(i)
              for i in items)  # fmt: skip
    return "[" + ", ".join(quoted) + "]"


def block(text: str, indent: str) -> str:
    """A literal block scalar (`|`) for Markdown text."""
    lines = [f"{indent}{line}" if line else "" for line in text.rstrip("\n").split("\n")]
    return "|\n" + "\n".join(lines)


# -- text ------------------------------------------------------------------------------


class Text:
    """Sentences and paragraphs of plausible product prose from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self, words: tuple[int, int] = (10, 22)) -> str:
        rng = self.rng
        count = rng.randint(*words)
        parts: list[str] = []
        while len(parts) < count:
            roll = rng.random()
            if roll < 0.15:
                parts.append(rng.choice(ADJECTIVES))
            elif roll < 0.30:
                parts.append(rng.choice(VERBS))
            elif roll < 0.36:
                parts.append(f"{rng.randint(2, 95)}%")
            else:
                parts.append(rng.choice(WORDS))
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: tuple[int, int] = (2, 4)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def problem(self, area: str, persona: str) -> str:
        rng = self.rng
        lead = (
            f"{persona.capitalize()} who use {area} lose **{rng.randint(12, 55)} minutes** "
            f"a week to it. {self.paragraph((2, 3))}"
        )
        bullets = "\n".join(
            f"- {self.sentence((8, 16))} ({rng.randint(200, 3000):,} answers, "
            f"{rng.choice(['March', 'May', 'June', 'September'])} 2026)."
            for _ in range(rng.randint(2, 4))
        )
        return f"{lead}\n\n{bullets}\n\n{self.paragraph((2, 3))} *{self.sentence((5, 9))}*\n"

    def result(self) -> str:
        rng = self.rng
        return (
            f"{self.paragraph((1, 3))}\n\n"
            f"- Treatment: {rng.randint(100, 9000):,} users; control: {rng.randint(100, 9000):,}.\n"
            f"- {self.sentence((6, 12))}\n"
        )


# -- KPIs and their series -------------------------------------------------------------


@dataclass
class KpiSpec:
    id: str
    name: str
    unit: str
    direction: str
    cadence: str
    owner: str
    description: str
    decimals: int
    values: list[float] = field(default_factory=list)  # one per day from FIRST_DAY

    def at(self, day: datetime.date) -> float:
        """The value measured on `day` (every day has one)."""
        return self.values[(day - FIRST_DAY).days]

    @property
    def latest(self) -> float:
        return self.values[-1]

    def fmt(self, value: float) -> str:
        return f"{value:.{self.decimals}f}" if self.decimals else str(round(value))

    def rounded(self, value: float) -> float:
        return float(self.fmt(value))

    def beyond(self, base: float, share: float) -> float:
        """A value `share` better than `base` for this KPI's direction, strictly."""
        step = 10.0**-self.decimals
        delta = max(abs(base) * share, step)
        sign = 1.0 if self.direction == "increase" else -1.0
        value = self.rounded(base + sign * delta)
        if self.unit == "percent":
            value = min(value, 0.999) if sign > 0 else max(value, 0.001)
        if (value - base) * sign <= 0:  # clamped or rounded back: move one step
            value = self.rounded(base + sign * step)
        return value

    def short_of(self, base: float, share: float) -> float:
        """A value `share` worse than `base` (or equal), so that `base` reaches it."""
        sign = 1.0 if self.direction == "increase" else -1.0
        value = self.rounded(base - sign * abs(base) * share)
        if self.unit == "percent":
            value = min(max(value, 0.001), 0.999)
        return value if (base - value) * sign >= 0 else base


def _series(rng: random.Random, unit: str, direction: str) -> tuple[list[float], int]:
    """730 daily values with a trend, a weekly rhythm and noise; and the decimals shown."""
    if unit == "percent":
        start, decimals = rng.uniform(0.15, 0.55), 4
    elif unit == "ratio":
        start, decimals = rng.uniform(0.05, 0.4), 4
    elif unit == "ms":
        start, decimals = rng.uniform(180, 900), 0
    elif unit == "minutes":
        start, decimals = rng.uniform(8, 60), 1
    elif unit == "score":
        start, decimals = rng.uniform(3.0, 4.2), 2
    else:
        start, decimals = rng.uniform(40, 4000), 0
    # Most KPIs improve over two years, some stay flat, a few get worse.
    improvement = rng.choice([0.35, 0.25, 0.15, 0.05, 0.0, -0.1])
    sign = 1.0 if direction == "increase" else -1.0
    end = start * (1 + sign * improvement)
    if unit == "percent":
        end = min(end, 0.9)
    if unit == "score":
        end = min(end, 4.9)
    weekly = rng.uniform(0.0, 0.06)
    noise = rng.uniform(0.005, 0.03)
    values: list[float] = []
    for day in range(DAYS):
        trend = start + (end - start) * day / (DAYS - 1)
        rhythm = 1 - weekly * (1 if day % 7 in (5, 6) else 0)
        value = trend * rhythm * (1 + rng.gauss(0, noise))
        if unit == "percent":
            value = min(max(value, 0.01), 0.99)
        values.append(max(value, 10.0**-decimals))
    rounded = [float(f"{v:.{decimals}f}") if decimals else float(round(v)) for v in values]
    return rounded, decimals


def _kpis(rng: random.Random, count: int, teams: Sequence[str], text: Text) -> list[KpiSpec]:
    kpis: list[KpiSpec] = []
    used: set[str] = set()
    for i in range(count):
        shape, unit, direction = KPI_SHAPES[i % len(KPI_SHAPES)]
        area = AREAS[(i // len(KPI_SHAPES) + i) % len(AREAS)]
        name = shape.format(area=area)
        name = name[0].upper() + name[1:]
        kpi_id = _slug(name)
        if kpi_id in used:
            kpi_id = f"{kpi_id}-{i}"
        used.add(kpi_id)
        values, decimals = _series(rng, unit, direction)
        kpis.append(KpiSpec(
            id=kpi_id, name=name, unit=unit, direction=direction,
            cadence=rng.choice(["daily", "daily", "weekly"]), owner=teams[i % len(teams)],
            description=text.sentence((12, 24)), decimals=decimals, values=values,
        ))  # fmt: skip
    return kpis


def _write_kpis(root: Path, kpis: Sequence[KpiSpec]) -> None:
    out = ["# yaml-language-server: $schema=../schemas/kpis.schema.json", "kpis:"]
    for kpi in kpis:
        out += [
            f"  - id: {kpi.id}",
            f"    name: {scalar(kpi.name)}",
            f"    description: {scalar(kpi.description)}",
            f"    unit: {kpi.unit}",
            f"    direction: {kpi.direction}",
            f"    cadence: {kpi.cadence}",
            f"    owner: {kpi.owner}",
        ]
    _write(root / "okrs" / "kpis.yaml", out)
    folder = root / "okrs" / "measurements"
    folder.mkdir(parents=True, exist_ok=True)
    for kpi in kpis:
        rows = ["date,value"]
        day = FIRST_DAY
        for value in kpi.values:
            rows.append(f"{day.isoformat()},{kpi.fmt(value)}")
            day += datetime.timedelta(days=1)
        (folder / f"{kpi.id}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


# -- teams and journeys ----------------------------------------------------------------


def _write_teams(root: Path, teams: Sequence[str], text: Text) -> None:
    out = ["# yaml-language-server: $schema=../schemas/teams.schema.json", "teams:"]
    for team in teams:
        out += [
            f"  - id: {team}",
            f"    name: {scalar(team.replace('-', ' ').title())}",
            f"    description: {scalar(text.sentence((10, 20)))}",
        ]
    _write(root / "okrs" / "teams.yaml", out)


STAGE_NAMES = ["Discover", "Try", "Set up", "Adopt", "Expand", "Renew"]


def _journeys(
    root: Path, rng: random.Random, count: int, kpis: Sequence[KpiSpec], text: Text
) -> list[str]:
    """Write the journeys; return every step reference `<journey>/<step>`."""
    refs: list[str] = []
    for j in range(count):
        persona = PERSONAS[j % len(PERSONAS)]
        area = AREAS[j % len(AREAS)]
        journey_id = f"{_slug(persona)}-{area}-{j}"
        out = [
            "# yaml-language-server: $schema=../schemas/journey.schema.json",
            f"id: {journey_id}",
            f"title: {scalar(f'How {persona} get going with {area}')}",
            f"persona: {scalar(f'{persona.capitalize()} at a {rng.randint(10, 400)}-person firm')}",
            f"description: {block(text.paragraph((2, 3)), '  ')}",
            "stages:",
        ]  # fmt: skip
        for s in range(rng.randint(4, 6)):
            stage_id = _slug(STAGE_NAMES[s])
            out += [f"  - id: {stage_id}", f"    title: {STAGE_NAMES[s]}", "    steps:"]
            for t in range(rng.randint(2, 4)):
                step_id = f"{stage_id}-{rng.choice(VERBS)}-{t}"
                refs.append(f"{journey_id}/{step_id}")
                step_kpis = sorted({rng.choice(kpis).id for _ in range(rng.randint(1, 2))})
                out += [
                    f"      - id: {step_id}",
                    f"        title: {scalar(text.sentence((3, 6)).rstrip('.'))}",
                    f"        actions: {flow(_phrases(text, rng.randint(2, 4)))}",
                    f"        touchpoints: {flow(_phrases(text, rng.randint(1, 3), (2, 3)))}",
                    f"        emotion: {rng.randint(-2, 2)}",
                    f"        boosters: {flow(_phrases(text, rng.randint(1, 3)))}",
                    f"        blockers: {flow(_phrases(text, rng.randint(1, 3)))}",
                    f"        kpis: {flow(step_kpis)}",
                ]
        _write(root / "journeys" / f"{journey_id}.yaml", out)
    return refs


def _phrases(text: Text, count: int, words: tuple[int, int] = (3, 7)) -> list[str]:
    return [text.sentence(words).rstrip(".").lower() for _ in range(count)]


# -- themes and hypotheses -------------------------------------------------------------


def _day(start: datetime.date, end: datetime.date, rng: random.Random) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


@dataclass
class ThemeInfo:
    id: str
    kpis: list[KpiSpec]


def _themes(
    root: Path,
    rng: random.Random,
    hypotheses: int,
    kpis: Sequence[KpiSpec],
    teams: Sequence[str],
    steps: Sequence[str],
    text: Text,
) -> list[ThemeInfo]:
    count = max(1, math.ceil(hypotheses / HYPOTHESES_PER_THEME))
    per_theme = max(1, len(kpis) // count)
    themes: list[ThemeInfo] = []
    written = 0
    for i in range(count):
        area = AREAS[i % len(AREAS)]
        goal = THEME_GOALS[i % len(THEME_GOALS)]
        persona = PERSONAS[i % len(PERSONAS)]
        theme_id = f"{area}-{_slug(goal)[:30].rstrip('-')}-{i}"
        own = list(kpis[(i * per_theme) % len(kpis) :][:per_theme]) or [kpis[i % len(kpis)]]
        themes.append(ThemeInfo(theme_id, own))
        horizon = HORIZONS[min(i % 7, 3)] if i % 7 < 4 else "now"
        out = [
            "# yaml-language-server: $schema=../schemas/theme.schema.json",
            f"id: {theme_id}",
            f"title: {scalar(f'{persona.capitalize()} {goal}')}",
            f"horizon: {horizon}",
            f"owner: {teams[i % len(teams)]}",
            f"problem: {block(text.problem(area, persona), '  ')}",
            "outcomes:",
        ]
        for kpi in own[: rng.randint(2, 3)]:
            out += _outcome(kpi, rng)
        take = min(HYPOTHESES_PER_THEME, hypotheses - written)
        out.append("hypotheses:")
        for h in range(take):
            out += _hypothesis(written + h, area, own, steps, rng, text)
        written += take
        _write(root / "roadmap" / f"{theme_id}.yaml", out)
    return themes


def _outcome(kpi: KpiSpec, rng: random.Random) -> list[str]:
    style = rng.random()
    start: datetime.date | None = _day(datetime.date(2025, 6, 1), datetime.date(2026, 7, 1), rng)
    if style < 0.2:
        start = None  # starts at the KPI's first measurement
    base_day = start or FIRST_DAY
    baseline = kpi.at(base_day)
    target = kpi.beyond(baseline, rng.uniform(0.1, 0.4))
    by = _day(datetime.date(2026, 12, 31), datetime.date(2027, 9, 30), rng)
    out = [f"  - kpi: {kpi.id}"]
    if style >= 0.4:  # else the baseline is the first value on or after the start
        out.append(f"    baseline: {scalar(baseline)}")
    out.append(f"    target: {scalar(target)}")
    if start is not None:
        out.append(f"    from: {start.isoformat()}")
    out.append(f"    by: {by.isoformat()}")
    return out


def _hypothesis(
    number: int,
    area: str,
    kpis: Sequence[KpiSpec],
    steps: Sequence[str],
    rng: random.Random,
    text: Text,
) -> list[str]:
    status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
    change = rng.choice(CHANGES)
    persona = rng.choice(PERSONAS)
    hypothesis_id = f"{area}-{_slug(change)[:28].rstrip('-')}-{number:05d}"
    kpi = rng.choice(kpis)
    out = [
        f"  - id: {hypothesis_id}",
        f"    title: {scalar(change.capitalize()[:80])}",
        f"    status: {status}",
        f"    we_believe: {scalar(f'{change} in {area}, {text.sentence((6, 12)).lower()}')}",
        f"    for: {scalar(persona)}",
        f"    will_result_in: {scalar(f'{rng.choice(EFFECTS)}, {text.sentence((5, 10)).lower()}')}",
    ]  # fmt: skip
    measured = status in ("testing", "validated", "invalidated") or rng.random() < 0.6
    if measured:
        latest = kpi.latest
        if status == "validated":  # the data agrees, except now and then
            agrees = rng.random() < 0.95
            expect = kpi.short_of(latest, 0.05) if agrees else kpi.beyond(latest, 0.3)
        elif status == "invalidated":
            expect = kpi.beyond(latest, 0.2)
        elif rng.random() < 0.5:
            expect = kpi.short_of(latest, rng.uniform(0.0, 0.1))
        else:
            expect = kpi.beyond(latest, rng.uniform(0.02, 0.2))
        out += ["    measured_by:", f"      kpi: {kpi.id}", f"      expect: {scalar(expect)}"]
    if steps and rng.random() < 0.8:
        chosen = sorted({rng.choice(steps) for _ in range(rng.randint(1, 2))})
        out.append(f"    journey_steps: {flow(chosen)}")
    out += _experiments(status, rng, text)
    evidence = rng.randint(0, 3)
    if evidence:
        out.append("    evidence:")
        for e in range(evidence):
            out += [
                f"      - title: {scalar(text.sentence((4, 10)).rstrip('.'))}",
                f"        url: https://research.example.com/{area}/{number:05d}-{e}",
            ]
    out.append(f"    tags: {flow(sorted(set(rng.sample(TAGS, rng.randint(1, 3)))))}")
    if rng.random() < 0.85:
        out += ["    scores:"] + [
            f"      {key}: {rng.randint(1, 5)}"
            for key in ("value", "viability", "usability", "feasibility")
        ]
    return out


def _experiments(status: str, rng: random.Random, text: Text) -> list[str]:
    if status in ("idea", "planned"):
        return []
    count = 1 if status == "parked" else rng.randint(1, 3)
    out = ["    experiments:"]
    start = _day(datetime.date(2025, 9, 1), datetime.date(2026, 4, 1), rng)
    for e in range(count):
        length = rng.randint(14, 42)
        end: datetime.date | None = start + datetime.timedelta(days=length)
        last = e == count - 1
        if last and status == "testing":
            roll = rng.random()
            if roll < 0.5:  # still running
                start = _day(datetime.date(2026, 10, 1), datetime.date(2026, 11, 15), rng)
                end = None if roll < 0.2 else datetime.date(2026, 12, 15)
            elif roll < 0.9:  # just ended, waiting for data
                end = _day(datetime.date(2026, 11, 10), AS_OF, rng)
                start = end - datetime.timedelta(days=length)
            # else: ended long ago and still testing: an `overdue` warning
        out += [
            f"      - title: {scalar(text.sentence((3, 7)).rstrip('.'))}",
            f"        start: {start.isoformat()}",
        ]
        if end is not None:
            out.append(f"        end: {end.isoformat()}")
        if end is not None and end <= AS_OF:
            out.append(f"        result: {block(text.result(), '          ')}")
        assert end is None or end >= start
        start = (end or start) + datetime.timedelta(days=rng.randint(7, 30))
    return out


# -- OKRs ------------------------------------------------------------------------------


def _okrs(
    root: Path, rng: random.Random, themes: Sequence[ThemeInfo], teams: Sequence[str], text: Text
) -> None:
    objectives = max(2, len(themes) // 3)
    for p, period in enumerate(PERIODS):
        quarter = int(period[-1])
        period_start = datetime.date(2026, 3 * quarter - 2, 1)
        out = [
            "# yaml-language-server: $schema=../schemas/okrs.schema.json",
            f"period: {period}",
            "objectives:",
        ]
        for o in range(objectives):
            theme_ids = sorted(
                {themes[(o * 3 + p + k) % len(themes)].id for k in range(rng.randint(1, 3))}
            )
            kpis = [k for t in themes if t.id in theme_ids for k in t.kpis]
            out += [
                f"  - id: {_slug(rng.choice(THEME_GOALS))[:40].rstrip('-')}-{o}",
                f"    title: {scalar(text.sentence((6, 12)).rstrip('.'))}",
                f"    owner: {teams[(o + p) % len(teams)]}",
                f"    themes: {flow(theme_ids)}",
                "    key_results:",
            ]
            for k, kpi in enumerate(rng.sample(kpis, min(len(kpis), rng.randint(2, 4)))):
                baseline = kpi.at(period_start)
                out += [f"      - id: kr-{k + 1}", f"        kpi: {kpi.id}"]
                if rng.random() < 0.6:
                    out.append(f"        baseline: {scalar(baseline)}")
                out.append(
                    f"        target: {scalar(kpi.beyond(baseline, rng.uniform(0.05, 0.2)))}"
                )
        _write(root / "okrs" / f"{period}.yaml", out)


# -- the site around it: mkdocs.yml with the plugin (A), and without it (B) ------------

SITE_NAME = "Synthetic roadmap"
DEMO_MKDOCS = Path(__file__).resolve().parent.parent / "mkdocs.yml"
# Used when the demo mkdocs.yml is not beside this folder (its blocks, as of writing).
FALLBACK_BLOCKS = {
    "theme": "theme:\n  name: material\n  font: false",
    "markdown_extensions": (
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - md_in_html\n  - tables\n"
        "  - toc:\n      permalink: true"
    ),
}
ABOUT_PAGE = """# About this roadmap

A synthetic roadmap generated by `bench/synth.py` for the benchmarks of Outcomes.
Every theme, hypothesis and KPI in it is made up.

| what | where |
|---|---|
| themes and hypotheses | `roadmap/` |
| journeys | `journeys/` |
| KPIs, measurements, OKRs, teams | `okrs/` |
"""

# A nav entry as MkDocs reads it from mkdocs.yml: a page, or {title: page or entries}.
NavEntry: TypeAlias = "str | dict[str, str | list[NavEntry]]"


def demo_block(key: str, source: Path = DEMO_MKDOCS) -> str:
    """The top-level `key:` block of the demo mkdocs.yml, verbatim (tags and comments kept)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return FALLBACK_BLOCKS[key]
    for i, line in enumerate(lines):
        if line.startswith(f"{key}:"):
            end = i + 1
            while end < len(lines) and (not lines[end] or lines[end][0] in " #"):
                end += 1
            return "\n".join(lines[i:end]).rstrip()
    return FALLBACK_BLOCKS[key]


def write_site(
    root: Path, as_of: datetime.date = AS_OF, history: bool | None = None,
    config_name: str = "mkdocs.yml",
) -> None:  # fmt: skip
    """Site A: `root/mkdocs.yml` with the plugin, and `root/docs/` with one small page.

    `history` writes the plugin's `history` option (unset: the default, on); the
    history case writes a second config beside the first under `config_name`.
    """
    config = [
        "# Benchmark site A: the synthetic roadmap rendered by the outcomes plugin.",
        f"site_name: {SITE_NAME}",
        "docs_dir: docs",
        demo_block("theme"),
        "plugins:",
        "  - search",
        "  - outcomes:",
        f"      as_of: {as_of.isoformat()}",
        *([f"      history: {scalar(history)}"] if history is not None else []),
        demo_block("markdown_extensions"),
    ]
    _write(root / config_name, config)
    docs = root / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "about.md").write_text(ABOUT_PAGE, encoding="utf-8")


def _nav_lines(entries: Sequence[NavEntry], indent: str) -> list[str]:
    out: list[str] = []
    for entry in entries:
        if isinstance(entry, str):
            out.append(f"{indent}- {json.dumps(entry)}")
            continue
        for title, target in entry.items():
            if isinstance(target, str):
                out.append(f"{indent}- {json.dumps(title)}: {json.dumps(target)}")
            else:
                out.append(f"{indent}- {json.dumps(title)}:")
                out += _nav_lines(target, indent + "    ")
    return out


def write_plain_site(
    root: Path, nav: Sequence[NavEntry], not_in_nav: Sequence[str], extra_css: Sequence[str]
) -> None:
    """Site B: `root/mkdocs.yml` for plain MkDocs + Material over `root/docs/`.

    `docs/` holds pages written beforehand (by `outcomes generate`); `nav` is explicit
    and `not_in_nav` lists gitignore-style patterns of pages kept out of it.
    """
    config = [
        "# Benchmark site B: pages written by `outcomes generate`, built without the plugin.",
        f"site_name: {SITE_NAME}",
        "docs_dir: docs",
        demo_block("theme"),
        "plugins:",
        "  - search",
        demo_block("markdown_extensions"),
        "extra_css:",
        *(f"  - {json.dumps(css)}" for css in extra_css),
        "not_in_nav: |",
        *(f"  {pattern}" for pattern in not_in_nav),
        "nav:",
        *_nav_lines(nav, "  "),
    ]
    _write(root / "mkdocs.yml", config)


# -- a git history of realistic edits -------------------------------------------------

HISTORY_COMMITS = 200
HISTORY_AUTHORS = ("Ada Lovelace", "Grace Hopper", "Katherine Johnson", "Alan Turing")
# The next status a team moves a hypothesis to; `testing` needs `measured_by` (DESIGN).
NEXT_STATUS = {"idea": "planned", "planned": "testing", "testing": "validated"}


def _git(root: Path, *args: str, day: datetime.date | None = None, who: str = "") -> None:
    import os
    import subprocess

    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    if day is not None:
        stamp = f"{day.isoformat()}T10:00:00+00:00"
        env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    name = who or HISTORY_AUTHORS[0]
    subprocess.run(
        ["git", "-C", str(root), "-c", f"user.name={name}", "-c", "user.email=bench@example.com",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        check=True, capture_output=True, timeout=120, env=env,
    )  # fmt: skip


def _hypothesis_blocks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(first line, end) of each hypothesis of a theme file written by `_themes`."""
    starts = [i for i, line in enumerate(lines) if line.startswith("  - id: ")]
    first = next((i for i, line in enumerate(lines) if line == "hypotheses:"), len(lines))
    starts = [i for i in starts if i > first]
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def write_history(root: Path, commits: int = HISTORY_COMMITS, seed: int = 0) -> None:
    """Make the project at `root` (from `generate`) a git repository of `commits` commits.

    The first commit holds the roadmap with its measurements cut `commits` days before
    `LAST_DAY`; then one commit a day, dated with GIT_COMMITTER_DATE, each a realistic
    edit: a team appends the days since its last pull to a few KPIs' CSVs, moves one to
    three hypotheses to their next status (idea -> planned -> testing -> validated, or
    parks one), adds a new `idea`, or moves an outcome's date. The last commit pulls every
    KPI up to `LAST_DAY`, so the final measurements are `generate`'s. The tree stays valid.
    """
    rng = random.Random(f"outcomes-synth-history:{commits}:{seed}")
    first_day = LAST_DAY - datetime.timedelta(days=commits - 1)
    measurements = sorted((root / "okrs" / "measurements").glob("*.csv"))
    full = {p: p.read_text(encoding="utf-8").splitlines() for p in measurements}
    pulled = dict.fromkeys(measurements, first_day)

    def pull(path: Path, day: datetime.date) -> None:
        rows = [r for r in full[path][1:] if r[:10] <= day.isoformat()]
        path.write_text("\n".join([full[path][0], *rows]) + "\n", encoding="utf-8")
        pulled[path] = day

    for path in measurements:
        pull(path, first_day)
    themes = sorted((root / "roadmap").glob("*.yaml"))
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "The roadmap as it stood", day=first_day)
    added = 0
    for number in range(1, commits):
        day = first_day + datetime.timedelta(days=number)
        last = number == commits - 1
        roll = rng.random()
        if last or roll < 0.4:
            chosen = measurements if last else rng.sample(measurements, rng.randint(3, 8))
            for path in chosen:
                pull(path, day)
            message = f"Measurements up to {day.isoformat()} ({len(chosen)} KPIs)"
        else:
            path = rng.choice(themes)
            lines = path.read_text(encoding="utf-8").splitlines()
            blocks = _hypothesis_blocks(lines)
            if roll < 0.75:
                moved = []
                for start, end in rng.sample(blocks, min(len(blocks), rng.randint(1, 3))):
                    status_at = start + 2
                    status = lines[status_at].removeprefix("    status: ")
                    measured = "    measured_by:" in lines[start:end]
                    new = "parked" if rng.random() < 0.1 else NEXT_STATUS.get(status, status)
                    if new == "testing" and not measured:
                        new = "parked"
                    if new != status and status != "parked":
                        lines[status_at] = f"    status: {new}"
                        moved.append(f"{lines[start].removeprefix('  - id: ')} {new}")
                message = "Status: " + (", ".join(moved) or "no change")
            elif roll < 0.9:
                added += 1
                hypothesis_id = f"new-bet-{added:04d}"
                lines += [
                    f"  - id: {hypothesis_id}",
                    f"    title: New bet number {added}",
                    "    status: idea",
                    f"    we_believe: trying bet {added} with the teams that asked for it",
                    "    for: workspace admins",
                    "    will_result_in: more admins finishing their setup in week one",
                    "    tags: [activation]",
                ]
                message = f"New idea: {hypothesis_id}"
            else:
                dates = [i for i, line in enumerate(lines[: blocks[0][0]])
                         if line.startswith("    by: ")]  # fmt: skip
                at = rng.choice(dates)
                by = datetime.date.fromisoformat(lines[at].removeprefix("    by: "))
                lines[at] = f"    by: {(by + datetime.timedelta(days=30)).isoformat()}"
                message = "An outcome's date moves by a month"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "--allow-empty", "-m", message, day=day,
             who=HISTORY_AUTHORS[number % len(HISTORY_AUTHORS)])  # fmt: skip


# -- entry points ----------------------------------------------------------------------


def _write(path: Path, lines: Sequence[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate(out: Path, hypotheses: int, seed: int = 0) -> None:
    """Write a valid synthetic project with `hypotheses` hypotheses into `out`.

    The `roadmap/`, `journeys/`, `okrs/` and `docs/` folders and `mkdocs.yml` of `out`
    are replaced.
    """
    if hypotheses < 1:
        raise ValueError("hypotheses must be at least 1")
    for folder in ("roadmap", "journeys", "okrs"):
        shutil.rmtree(out / folder, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"outcomes-synth:{hypotheses}:{seed}")
    text = Text(rng)
    themes = max(1, math.ceil(hypotheses / HYPOTHESES_PER_THEME))
    # One team per area, then numbered ones (at 10,000 hypotheses there are 100 teams).
    teams = [
        f"{AREAS[i % len(AREAS)]}-team" + (f"-{i // len(AREAS) + 1}" if i >= len(AREAS) else "")
        for i in range(max(3, themes // 5))
    ]
    kpis = _kpis(rng, max(1, hypotheses // 5), teams, text)
    _write_teams(out, teams, text)
    _write_kpis(out, kpis)
    steps = _journeys(out, rng, max(1, hypotheses // 50), kpis, text)
    infos = _themes(out, rng, hypotheses, kpis, teams, steps, text)
    _okrs(out, rng, infos, teams, text)
    write_site(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="project folder to write")
    parser.add_argument("--hypotheses", type=int, default=1000, help="default: 1000")
    parser.add_argument("--seed", type=int, default=0, help="default: 0")
    args = parser.parse_args(argv)
    generate(args.out, args.hypotheses, args.seed)
    print(f"wrote a roadmap of {args.hypotheses} hypotheses to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

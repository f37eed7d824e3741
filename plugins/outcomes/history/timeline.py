"""The roadmap's history: the events of every commit that touched it, oldest first.

Each commit's tracked facts (see `facts`) are compared with the previous commit's: a
hypothesis added, removed or moved to another file (same id: not a removal), its status
or its verdict changed (judged as of the commit's date, on that revision's measurements),
an outcome's or key result's target, baseline or dates moved, a theme's horizon, a KPI
added, key results added or removed. A file that does not load at a revision is an
event of that revision (its error, as that revision had it); its last good facts stand in
for it, so breaking a file and fixing it is not a removal and a re-adding.

Under `mkdocs serve` the history is walked again only when HEAD moved (`read_history`
keeps the last one per project), and blobs already parsed by an earlier walk are reused.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from outcomes.diagnostics import Diagnostic
from outcomes.history.facts import FileFacts, HypothesisFacts, Target, ThemeFacts, file_facts
from outcomes.history.git import GitError, head_commit, is_shallow, project_prefix, read_blobs
from outcomes.history.log import Commit, Step, roadmap_log
from outcomes.load.measurements import Measurement
from outcomes.load.project import YAML_SUFFIXES, Layout
from outcomes.model import figures
from outcomes.schema.kpi import Kpi
from outcomes.schema.theme import Hypothesis

State = Literal["complete", "shallow", "no-git", "no-commits", "off"]
TRACKED = (*YAML_SUFFIXES, ".csv")

EventKind = Literal[
    "hypothesis-added",
    "hypothesis-removed",
    "hypothesis-moved",
    "status",
    "verdict",
    "outcome",
    "horizon",
    "kpi-added",
    "key-result-added",
    "key-result-removed",
    "key-result",
    "revision-error",
]


@dataclass(frozen=True)
class Event:
    """One change, at one commit. `old` and `new` are plain words ("testing", "0.55")."""

    commit: Commit
    kind: EventKind
    subject: str  # the id it is about: hypothesis, theme, KPI, `period/objective/kr`, path
    title: str
    theme: str | None = None
    team: str | None = None
    old: str | None = None
    new: str | None = None
    detail: str = ""  # what moved ("target"), where it moved to, or the error


@dataclass(frozen=True)
class Mark:
    """A hypothesis's status and verdict from a day on."""

    day: datetime.date
    status: str
    verdict: str


@dataclass(frozen=True)
class History:
    """The events, oldest first, and what the history could read (`state`)."""

    state: State
    events: tuple[Event, ...] = ()
    marks: dict[str, tuple[Mark, ...]] = field(default_factory=dict)  # by hypothesis id

    def of_theme_outcomes(self, theme: str) -> list[Event]:
        return [e for e in self.events if e.kind == "outcome" and e.theme == theme]


@dataclass
class _Revision:
    """The facts of every tracked file at one revision (last good ones for broken files)."""

    files: dict[str, FileFacts] = field(default_factory=dict)

    def hypotheses(self) -> dict[str, HypothesisFacts]:
        return {k: v for f in self.files.values() for k, v in f.hypotheses.items()}

    def themes(self) -> dict[str, ThemeFacts]:
        return {k: v for f in self.files.values() for k, v in f.themes.items()}

    def kpis(self) -> dict[str, Kpi]:
        return {k: v for f in self.files.values() for k, v in f.kpis.items()}

    def key_results(self) -> dict[str, tuple[str, Target]]:
        return {k: v for f in self.files.values() for k, v in f.key_results.items()}


# The last history per project and the blobs it parsed: (key, history, facts by blob).
_LAST: dict[tuple[object, ...], tuple[str | None, History, dict[str, FileFacts]]] = {}


def read_history(layout: Layout) -> History:
    """The history of the project at `layout.root`; never raises for a missing git."""
    folders = [layout.roadmap_dir, layout.journeys_dir, layout.okrs_dir]
    key: tuple[object, ...] = (layout,)
    try:
        project_prefix(layout.root)
        head = head_commit(layout.root)
    except GitError:
        return History("no-git")
    if head is None:
        return History("no-commits")
    last = _LAST.get(key)
    if last is not None and last[0] == head:
        return last[1]
    parsed = last[2] if last is not None else {}
    shallow = is_shallow(layout.root)
    steps = roadmap_log(layout.root, folders, TRACKED)
    wanted = sorted({b for s in steps for b in s.files.values() if b and b not in parsed})
    paths = {b: p for s in steps for p, b in s.files.items() if b}
    for blob, raw in read_blobs(layout.root, wanted).items():
        parsed[blob] = file_facts(layout, paths[blob], raw)
    history = _events(layout, steps, parsed, "shallow" if shallow else "complete")
    _LAST.clear()  # one project per process is what `mkdocs serve` needs
    used = {b for s in steps for b in s.files.values() if b}
    _LAST[key] = (head, history, {b: f for b, f in parsed.items() if b in used})
    return history


def _events(
    layout: Layout, steps: Sequence[Step], parsed: dict[str, FileFacts], state: State
) -> History:
    events: list[Event] = []
    marks: dict[str, list[Mark]] = {}
    before = _Revision()
    verdicts: dict[str, str] = {}
    for index, step in enumerate(steps):
        commit = step.commit
        after = _Revision(dict(before.files))
        for path, blob in step.files.items():
            if blob is None:
                after.files.pop(path, None)
                continue
            facts = parsed.get(blob)
            if facts is None:
                continue
            if facts.error is not None:
                events.append(_error(commit, facts.error))
                continue  # the last good facts stand in
            after.files[path] = facts
        now = _verdicts(layout, after, commit.day)
        if index == 0 and state == "shallow":
            pass  # the cut-off commit: its content is the start, not a change
        else:
            events.extend(_compare(commit, before, after, verdicts, now))
        for hypothesis_id, held in after.hypotheses().items():
            status, verdict = held.hypothesis.status, now[hypothesis_id]
            series = marks.setdefault(hypothesis_id, [])
            if not series or (series[-1].status, series[-1].verdict) != (status, verdict):
                series.append(Mark(commit.day, status, verdict))
        for gone in set(marks) - set(after.hypotheses()):
            del marks[gone]
        before, verdicts = after, now
    return History(state, tuple(events), {k: tuple(v) for k, v in marks.items()})


def _error(commit: Commit, problem: Diagnostic) -> Event:
    where = f"{problem.path}:{problem.line}:{problem.col}"
    return Event(
        commit,
        "revision-error",
        problem.path,
        problem.path,
        detail=f"{where}: error[{problem.code}] {problem.message}",
    )


def _verdicts(layout: Layout, revision: _Revision, day: datetime.date) -> dict[str, str]:
    """Every hypothesis's verdict as of `day`, on that revision's measurements."""
    kpis = revision.kpis()
    series: dict[str, list[Measurement]] = {}
    for path, facts in revision.files.items():
        if facts.points is not None:
            series[path] = facts.points
    csv = {
        k: (kpi.source.csv if kpi.source is not None and kpi.source.csv else None)
        or layout.default_csv(k)
        for k, kpi in kpis.items()
    }
    return {
        h: _verdict(f.hypothesis, kpis, series, csv, day) for h, f in revision.hypotheses().items()
    }


def _points_of(
    kpi: str, series: dict[str, list[Measurement]], csv: dict[str, str]
) -> list[Measurement]:
    return series.get(csv.get(kpi, ""), [])


def _verdict(
    hypothesis: Hypothesis,
    kpis: dict[str, Kpi],
    series: dict[str, list[Measurement]],
    csv: dict[str, str],
    day: datetime.date,
) -> str:
    measured = hypothesis.measured_by
    kpi = kpis.get(measured.kpi) if measured is not None else None
    trials = [
        figures.Trial(
            e.start,
            e.end,
            e.title,
            e.readout.control if e.readout else None,
            e.readout.treatment if e.readout else None,
            (e.readout.interval[0], e.readout.interval[1])
            if e.readout and e.readout.interval
            else None,
        )
        for e in hypothesis.experiments
    ]
    guardrails = [
        figures.GuardrailSeries(
            g.kpi, _points_of(g.kpi, series, csv), g.limit, kpis[g.kpi].direction
        )
        for g in hypothesis.guardrails
        if g.kpi in kpis
    ]
    return figures.judge(
        trials,
        _points_of(kpi.id, series, csv) if kpi is not None else [],
        measured.expect if measured is not None and kpi is not None else None,
        measured.kill if measured is not None else None,
        kpi.direction if kpi is not None else None,
        guardrails,
        hypothesis.decide_by,
        day,
    ).verdict


def _words(target: Target) -> dict[str, str | None]:
    baseline, value, start, by = target
    return {
        "baseline": None if baseline is None else f"{baseline:g}",
        "target": f"{value:g}",
        "from": start,
        "by": by,
    }


def _compare(
    commit: Commit,
    before: _Revision,
    after: _Revision,
    old_verdicts: dict[str, str],
    verdicts: dict[str, str],
) -> list[Event]:
    found: list[Event] = []
    old, new = before.hypotheses(), after.hypotheses()
    for hid, facts in new.items():
        h = facts.hypothesis
        was = old.get(hid)
        if was is None:
            found.append(
                Event(
                    commit,
                    "hypothesis-added",
                    hid,
                    h.title,
                    theme=facts.theme,
                    team=facts.team,
                    new=h.status,
                    detail=facts.path,
                )
            )
            continue
        if was.path != facts.path:
            found.append(
                Event(
                    commit,
                    "hypothesis-moved",
                    hid,
                    h.title,
                    theme=facts.theme,
                    team=facts.team,
                    old=was.path,
                    new=facts.path,
                )
            )
        if was.hypothesis.status != h.status:
            found.append(
                Event(
                    commit,
                    "status",
                    hid,
                    h.title,
                    theme=facts.theme,
                    team=facts.team,
                    old=was.hypothesis.status,
                    new=h.status,
                )
            )
        if old_verdicts.get(hid) != verdicts[hid]:
            found.append(
                Event(
                    commit,
                    "verdict",
                    hid,
                    h.title,
                    theme=facts.theme,
                    team=facts.team,
                    old=old_verdicts.get(hid),
                    new=verdicts[hid],
                )
            )
    for hid, facts in old.items():
        if hid not in new:
            found.append(
                Event(
                    commit,
                    "hypothesis-removed",
                    hid,
                    facts.hypothesis.title,
                    theme=facts.theme,
                    team=facts.team,
                    old=facts.hypothesis.status,
                )
            )
    old_themes, new_themes = before.themes(), after.themes()
    for tid, theme in new_themes.items():
        was_theme = old_themes.get(tid)
        if was_theme is None:
            continue
        if was_theme.horizon != theme.horizon:
            found.append(
                Event(
                    commit,
                    "horizon",
                    tid,
                    theme.title,
                    theme=tid,
                    team=theme.team,
                    old=was_theme.horizon,
                    new=theme.horizon,
                )
            )
        for kpi, target in theme.outcomes.items():
            previous = was_theme.outcomes.get(kpi)
            if previous is None or previous == target:
                continue
            a, b = _words(previous), _words(target)
            for name in ("target", "baseline", "from", "by"):
                if a[name] != b[name]:
                    found.append(
                        Event(
                            commit,
                            "outcome",
                            kpi,
                            theme.title,
                            theme=tid,
                            team=theme.team,
                            old=a[name],
                            new=b[name],
                            detail=name,
                        )
                    )
    old_kpis = before.kpis()
    for kid, definition in after.kpis().items():
        if kid not in old_kpis:
            found.append(Event(commit, "kpi-added", kid, definition.name))
    old_results, new_results = before.key_results(), after.key_results()
    for key, (kpi_id, target) in new_results.items():
        previous_result = old_results.get(key)
        if previous_result is None:
            found.append(Event(commit, "key-result-added", key, key, new=kpi_id))
        elif previous_result[1] != target:
            a, b = _words(previous_result[1]), _words(target)
            for name in ("target", "baseline", "from", "by"):
                if a[name] != b[name]:
                    found.append(
                        Event(commit, "key-result", key, key, old=a[name], new=b[name], detail=name)
                    )
    for key, (kpi_id, _) in old_results.items():
        if key not in new_results:
            found.append(Event(commit, "key-result-removed", key, key, old=kpi_id))
    return found


def recent(history: History, since: datetime.date) -> list[Event]:
    """The events on or after `since`, newest first."""
    return [e for e in reversed(history.events) if e.commit.day >= since]

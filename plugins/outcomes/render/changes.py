"""The Changes page, its Atom feed and the history lines of hypothesis and theme pages.

Everything here reads a `History` (already walked) and the build's date; nothing runs
git. The feed is written with the standard library's ElementTree, so every text is
escaped by the XML writer and the result parses with any XML parser.
"""

from __future__ import annotations

import datetime
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from outcomes.history.timeline import Event, History, Mark
from outcomes.render.explain import day

WINDOWS = (30, 90)  # days of the "since the last review" choices
ATOM = "http://www.w3.org/2005/Atom"
_ID_SPACE = uuid.UUID("6f1c6c2e-5b7a-4e47-9d55-5a7f0d1f6a10")  # the feed's entry ids

_STATE_NOTES = {
    "shallow": (
        "This build saw only part of the repository's history (a shallow clone, the default"
        " of most CI checkouts), so older changes are missing. To show the whole history,"
        " fetch it: with GitHub Actions, `actions/checkout` with `fetch-depth: 0`; elsewhere,"
        " `git fetch --unshallow`."
    ),
    "no-git": (
        "This site was built from a folder that is not a git repository, so there is no"
        " history to show."
    ),
    "no-commits": "The repository has no commits yet, so there is no history to show.",
}


def state_note(history: History) -> str:
    """What the page says about how much history it saw; "" when it saw all of it."""
    return _STATE_NOTES.get(history.state, "")


def describe(event: Event) -> str:
    """One event in plain words, without its date or commit."""
    kind = event.kind
    if kind == "hypothesis-added":
        return f"Hypothesis “{event.title}” added as {event.new}"
    if kind == "hypothesis-removed":
        return f"Hypothesis “{event.title}” removed (was {event.old})"
    if kind == "hypothesis-moved":
        return f"Hypothesis “{event.title}” moved from {event.old} to {event.new}"
    if kind == "status":
        return f"“{event.title}”: status {event.old} → {event.new}"
    if kind == "verdict":
        return f"“{event.title}”: the data now says {event.new} (was {event.old})"
    if kind == "outcome":
        measure = event.measure or event.subject
        return f"Theme “{event.title}”, outcome on {measure}: {_moved(event)}"
    if kind == "horizon":
        return f"Theme “{event.title}” moved from {event.old} to {event.new}"
    if kind == "kpi-added":
        return f"KPI “{event.title}” added"
    if kind.startswith("key-result"):
        return _key_result(event)
    return f"{event.subject} did not load at this commit: {event.detail}"


def _key_result(event: Event) -> str:
    """A key result by its KPI's and objective's names, not its `period/objective/id` key:
    "Key result on Crash-free sessions added to “Ship daily” (2026-Q4)"."""
    period = event.subject.split("/", 1)[0]
    measure = event.measure or (event.new if event.kind == "key-result-added" else event.old)
    if event.kind == "key-result-added":
        return f"Key result on {measure} added to “{event.title}” ({period})"
    if event.kind == "key-result-removed":
        return f"Key result on {measure} removed from “{event.title}” ({period})"
    return f"Key result on {event.measure} in “{event.title}” ({period}): {_moved(event)}"


def _moved(event: Event) -> str:
    return f"{event.detail} {event.old or 'none'} → {event.new or 'none'}"


def commit_url(repo_url: str | None, commit_id: str) -> str | None:
    """The web page of a commit, for repositories hosted the usual way (`…/commit/<id>`)."""
    return f"{repo_url.rstrip('/')}/commit/{commit_id}" if repo_url else None


def marks_line(marks: Sequence[Mark], which: str) -> str:
    """ "idea 2 Mar 2026 → planned 10 May 2026 → …" for `which` ("status" or "verdict")."""
    steps: list[str] = []
    last = None
    for mark in marks:
        value = mark.status if which == "status" else mark.verdict
        if value != last:
            steps.append(f"{value} {day(mark.day)}")
            last = value
    return " → ".join(steps)


@dataclass(frozen=True)
class Row:
    """One event as the page lists it."""

    event: Event
    text: str
    url: str | None
    within: str  # "30 90", "90" or "": the windows it falls in


@dataclass(frozen=True)
class Week:
    monday: datetime.date
    rows: tuple[Row, ...]
    within: str
    themes: str  # every theme and team of its rows, for the filters
    teams: str


def weeks(history: History, as_of: datetime.date, repo_url: str | None) -> list[Week]:
    """The events up to `as_of`, newest first, grouped by the week (Monday) they fall in."""
    grouped: dict[datetime.date, list[Row]] = {}
    for event in reversed(history.events):
        when = event.commit.day
        if when > as_of:
            continue
        age = (as_of - when).days
        within = " ".join(str(w) for w in WINDOWS if age < w)
        row = Row(event, describe(event), commit_url(repo_url, event.commit.id), within)
        grouped.setdefault(when - datetime.timedelta(days=when.weekday()), []).append(row)
    found: list[Week] = []
    for monday, rows in sorted(grouped.items(), reverse=True):
        within = max((r.within for r in rows), key=len)
        themes = " ".join(sorted({r.event.theme for r in rows if r.event.theme}))
        teams = " ".join(sorted({r.event.team for r in rows if r.event.team}))
        found.append(Week(monday, tuple(rows), within, themes, teams))
    return found


def counts(history: History, as_of: datetime.date) -> dict[int, int]:
    """How many events each window holds."""
    return {
        w: sum(1 for e in history.events if 0 <= (as_of - e.commit.day).days < w) for w in WINDOWS
    }


def atom_feed(
    history: History,
    as_of: datetime.date,
    page_url: str,
    feed_url: str,
    repo_url: str | None,
    title: str = "Roadmap changes",
) -> str:
    """The Atom 1.0 feed of the events up to `as_of`, newest first (at most 200)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    events = [e for e in reversed(history.events) if e.commit.day <= as_of][:200]
    newest = events[0].commit.date if events else _midnight(as_of)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(_ID_SPACE, feed_url)}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat()
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page_url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Outcomes"
    for index, event in enumerate(reversed(history.events)):
        if event.commit.day > as_of or event not in events:
            continue
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        key = f"{event.commit.id}/{event.kind}/{event.subject}/{event.detail}/{index}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:uuid:{uuid.uuid5(_ID_SPACE, key)}"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = describe(event)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = event.commit.date.isoformat()
        who = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(who, f"{{{ATOM}}}name").text = event.commit.author
        link = commit_url(repo_url, event.commit.id) or page_url
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=link)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = (
            f"{describe(event)}, in commit {event.commit.short} by {event.commit.author}"
            f" on {day(event.commit.day)}."
        )
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _midnight(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(), datetime.UTC)

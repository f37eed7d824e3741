"""`outcomes import uroflavin`: a uroflavin/roadmap file as Outcomes themes.

That format (its `schema/roadmap.json`) is one file: `title`, `description`,
`visionstatement`, `logo`, `authors` (name, contact), `releases`, `timeline`, and
`objectives` (title, description, date, `state` IDEA | PLANNED | COMMITTED | ACHIEVED |
SKIP, `reference` {name, link}, `keyresults`, `milestones`, `todos`) beside top-level
`milestones` (id, title, description, date, `state` IDEA | PLANNED | COMMITTED | REACHED
| SKIP, reference, `deliverables`, todos). Deliverables and key results share one shape:
title, description, free-text `date` ("Q4/2023", "01.01.2013"), reference, `state` TODO |
DOING | DONE | SKIP, `requirement` MUST | SHOULD | MAY, todos and WSJF `quantifiers`.

Mapping: each objective becomes a theme whose hypotheses are its key results, and each
milestone (top-level or an objective's) a theme whose hypotheses are its deliverables;
the state maps as in the SierraSoftworks importer (`written.DELIVERABLE_STATUSES`), kept
as a tag with the requirement. An objective's or milestone's state sets the horizon
(IDEA later, PLANNED next, COMMITTED now, ACHIEVED / REACHED done, SKIP done, reported);
without one, its items' states do, as for SierraSoftworks. References become evidence
links (on a theme, a line of its problem). Dates, todos and WSJF quantifiers have no
field: Outcomes `scores` rate Cagan's four risks 1..5, all four required, and WSJF
measures none of viability, usability or feasibility, so writing scores from it would
invent three of four numbers. They are comments above the item (the WSJF computed where
its parts are given) and lines of the report, as are the vision statement, logo,
releases and timeline.
"""

from __future__ import annotations

from typing import Any

from outcomes.diagnostics import Diagnostic
from outcomes.edit.importers.written import (
    DELIVERABLE_STATUSES,
    Imported,
    comment,
    deliverable_report,
    derived_horizon,
    hypothesis_lines,
    located,
    slug,
    teams_of,
    theme_lines,
)
from outcomes.parse.yaml_reader import YamlDocument, read_yaml

OBJECTIVE_HORIZONS = {
    "IDEA": "later",
    "PLANNED": "next",
    "COMMITTED": "now",
    "ACHIEVED": "done",
    "SKIP": "done",
}
MILESTONE_HORIZONS = {**OBJECTIVE_HORIZONS, "REACHED": "done"}
del MILESTONE_HORIZONS["ACHIEVED"]
REQUIREMENTS = ("MUST", "SHOULD", "MAY")
COST_OF_DELAY = ("user_business_value", "time_criticality",
                 "opportunity_enablement_or_risk_reduction")  # fmt: skip

Where = tuple[str | int, ...]


class _Checker:
    """The schema's required fields, types and enumerations, as located errors."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.found: list[Diagnostic] = []

    def fail(self, where: Where, message: str) -> None:
        self.found.append(located(self.document, where, message, "schema/roadmap.json"))

    def items(self, parent: dict[str, Any], name: str, where: Where) -> list[tuple[Where, Any]]:
        value = parent.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail((*where, name), f"`{name}` must be a list")
            return []
        return [((*where, name, i), item) for i, item in enumerate(value)]

    def titled(self, where: Where, item: object, kind: str, states: tuple[str, ...]) -> bool:
        if not isinstance(item, dict) or "title" not in item:
            self.fail(where, f"{kind} needs a `title`")
            return False
        if "state" in item and item["state"] not in states:
            self.fail((*where, "state"),
                      f"state {item['state']!r} is not one of {', '.join(states)}")  # fmt: skip
        if "requirement" in item and item["requirement"] not in REQUIREMENTS:
            self.fail((*where, "requirement"), f"requirement {item['requirement']!r} is not "
                      f"one of {', '.join(REQUIREMENTS)}")  # fmt: skip
        reference = item.get("reference")
        if reference is not None and (not isinstance(reference, dict) or "link" not in reference):
            self.fail((*where, "reference"), "a reference needs a `link`")
        return True

    def milestone(self, where: Where, milestone: object) -> None:
        if self.titled(where, milestone, "a milestone", tuple(MILESTONE_HORIZONS)):
            assert isinstance(milestone, dict)
            for at, item in self.items(milestone, "deliverables", where):
                self.titled(at, item, "a deliverable", tuple(DELIVERABLE_STATUSES))

    def roadmap(self) -> list[Diagnostic]:
        data = self.document.data
        if not isinstance(data, dict):
            self.fail((), "a uroflavin roadmap is a mapping of fields")
            return self.found
        for name in ("title", "authors", "objectives"):
            if name not in data:
                self.fail((), f"missing required field `{name}`")
        for name in ("authors", "releases", "timeline"):
            self.items(data, name, ())
        for at, objective in self.items(data, "objectives", ()):
            if self.titled(at, objective, "an objective", tuple(OBJECTIVE_HORIZONS)):
                for item_at, item in self.items(objective, "keyresults", at):
                    self.titled(item_at, item, "a key result", tuple(DELIVERABLE_STATUSES))
                for item_at, item in self.items(objective, "milestones", at):
                    self.milestone(item_at, item)
        for at, milestone in self.items(data, "milestones", ()):
            self.milestone(at, milestone)
        return self.found


def wsjf_note(quantifiers: object) -> str | None:
    """The WSJF quantifiers given (not null), with WSJF = cost of delay / job size when
    all four parts are given and the job size is not 0."""
    if not isinstance(quantifiers, dict):
        return None
    given = {k: v for k, v in quantifiers.items() if v is not None}
    if not given:
        return None
    parts = ", ".join(f"{k} {v}" for k, v in given.items())
    if (
        all(isinstance(given.get(k), int | float) for k in (*COST_OF_DELAY, "jobsize"))
        and (given["jobsize"])
    ):
        cost = sum(given[k] for k in COST_OF_DELAY)
        parts += f"; WSJF = cost of delay {cost:g} / job size {given['jobsize']:g} = "
        parts += f"{cost / given['jobsize']:g}"
    return f"WSJF quantifiers (not scores, which rate four product risks 1-5): {parts}"


def _todos(item: dict[str, Any]) -> list[str]:
    return [f"todo ({t.get('state', '?')}): {t.get('title')}" if isinstance(t, dict) else
            f"todo: {t}" for t in item.get("todos") or []]  # fmt: skip


class _Importer:
    def __init__(self, path: str, data: dict[str, Any]) -> None:
        self.data = data
        self.result = Imported()
        self.header = comment(
            f"Imported from {path} (uroflavin/roadmap format) by `outcomes import`."
        )
        self.theme_ids: set[str] = set()
        self.hypothesis_ids: set[str] = set()
        self.top_notes: list[str] = []
        self.owner: str | None = None
        self.hypotheses = 0

    def run(self) -> Imported:
        teams, team_lines = teams_of(self.data.get("authors"), self.result)
        self.owner = teams[0] if teams else None
        self._roadmap_notes()
        for objective in self.data.get("objectives") or []:
            theme = self._theme(objective, "objective", "keyresults", OBJECTIVE_HORIZONS, [])
            for milestone in objective.get("milestones") or []:
                note = f"A milestone of the objective {objective['title']!r} ({theme})."
                self._theme(milestone, "milestone", "deliverables", MILESTONE_HORIZONS, [note])
                self.result.report.append(
                    f"milestone {milestone['title']!r} of objective {objective['title']!r}: "
                    "a theme of its own (themes do not nest); the link is a comment"
                )
        for milestone in self.data.get("milestones") or []:
            self._theme(milestone, "milestone", "deliverables", MILESTONE_HORIZONS, [])
        if teams:
            self.result.files["okrs/teams.yaml"] = "\n".join([*self.header, *team_lines]) + "\n"
        themes = sum(1 for name in self.result.files if name.startswith("roadmap/"))
        self.result.counts = {"themes": themes, "hypotheses": self.hypotheses,
                              "teams": len(teams)}  # fmt: skip
        return self.result

    def _roadmap_notes(self) -> None:
        notes, report = self.top_notes, self.result.report
        for name, label in (("description", "description"), ("visionstatement", "vision")):
            if self.data.get(name):
                notes += [f"The roadmap's {label} (no field in Outcomes):",
                          *str(self.data[name]).rstrip().splitlines()]  # fmt: skip
                report.append(f"the roadmap's {label}: kept as a comment in the first theme")
        logo = self.data.get("logo")
        if isinstance(logo, dict):
            notes.append(f"Logo (no field in Outcomes): {logo.get('filename')} "
                         f"{logo.get('copyright_notice') or ''}".rstrip())  # fmt: skip
            report.append(f"logo {logo.get('filename')}: no field, kept as a comment")
        for release in self.data.get("releases") or []:
            text = str(release.get("tag")) if isinstance(release, dict) else str(release)
            notes.append(f"Release (no field in Outcomes): {text}")
            if isinstance(release, dict) and release.get("description"):
                notes += [f"  {line}" for line in str(release["description"]).splitlines()]
            report.append(f"release {text}: no field, kept as a comment")
        for marker in self.data.get("timeline") or []:
            text = (f"{marker.get('date')}: {marker.get('title')}" if isinstance(marker, dict)
                    else str(marker))  # fmt: skip
            notes.append(f"Timeline marker (no field in Outcomes): {text}")
            if isinstance(marker, dict) and marker.get("description"):
                notes += [f"  {line}" for line in str(marker["description"]).splitlines()]
            report.append(f"timeline marker {text}: no field, kept as a comment")

    def _theme(
        self,
        source: dict[str, Any],
        kind: str,
        children: str,
        horizons: dict[str, str],
        notes: list[str],
    ) -> str:
        """Write the theme of an objective or milestone and its hypotheses; its id."""
        title = source["title"]
        theme = slug(source.get("id") or title, self.theme_ids, kind)
        item_kind = "key result" if children == "keyresults" else "deliverable"
        items: list[str] = []
        states: list[str] = []
        for item in source.get(children) or []:
            states.append(item.get("state", "TODO"))
            items += self._hypothesis(item, item_kind, theme)
        state = source.get("state")
        horizon = horizons[state] if state else derived_horizon(states)
        if state == "SKIP":
            self.result.report.append(f"{kind} {title!r} (SKIP): theme {theme}, horizon done")
        notes = [*notes]
        if source.get("date"):
            notes.append(f"Date (no field in Outcomes): {source['date']}")
            self.result.report.append(f"{kind} {title!r}: date {source['date']} kept as a comment")
        todos = _todos(source)
        if todos:
            notes += [f"Todo (no field in Outcomes): {t}" for t in todos]
            self.result.report.append(f"{kind} {title!r}: {len(todos)} todos kept as comments")
        problem = str(source.get("description") or "").rstrip()
        reference = source.get("reference")
        if isinstance(reference, dict):
            name = reference.get("name") or "Reference"
            problem += f"\n\nReference: [{name}]({reference['link']})"
        lines = [*self.header]
        if self.top_notes:
            lines += comment("\n".join(self.top_notes))
            self.top_notes = []
        lines += [line for note in notes for line in comment(note)]
        lines += theme_lines(theme, title, horizon, self.owner, problem.strip())
        lines += ["hypotheses:", *items] if items else ["hypotheses: []"]
        self.result.files[f"roadmap/{theme}.yaml"] = "\n".join(lines) + "\n"
        if not items:
            self.result.report.append(f"{kind} {title!r}: theme {theme} with no hypotheses "
                                      "and no outcomes yet (write its KPIs)")  # fmt: skip
        return theme

    def _hypothesis(self, item: dict[str, Any], kind: str, theme: str) -> list[str]:
        hypothesis = slug(item["title"], self.hypothesis_ids, kind.replace(" ", "-"))
        state = item.get("state", "TODO")
        status = DELIVERABLE_STATUSES[state]
        requirement = str(item.get("requirement", "SHOULD")).lower()
        notes: list[str] = []
        report = self.result.report
        report.append(deliverable_report(kind, item, state, hypothesis, theme, status))
        if item.get("description"):
            notes.append(f"{kind.capitalize()} description (no field in Outcomes):\n"
                         f"{item['description']}")  # fmt: skip
        if item.get("date"):
            notes.append(f"Date (no field in Outcomes): {item['date']}")
            report.append(f"{kind} {item['title']!r}: date {item['date']} kept as a comment")
        wsjf = wsjf_note(item.get("quantifiers"))
        if wsjf:
            notes.append(wsjf)
            report.append(f"{kind} {item['title']!r}: WSJF quantifiers kept as a comment, "
                          "not as scores")  # fmt: skip
        todos = _todos(item)
        if todos:
            notes += [f"Todo (no field in Outcomes): {t}" for t in todos]
            report.append(f"{kind} {item['title']!r}: {len(todos)} todos kept as comments")
        reference = item.get("reference")
        link = None
        if isinstance(reference, dict):
            link = (str(reference.get("name") or "Reference"), str(reference["link"]))
        tags = [kind.replace(" ", "-"), state.lower(), requirement]
        self.hypotheses += 1
        return hypothesis_lines(hypothesis, item, status, tags, notes, link)


def import_uroflavin(raw: bytes, path: str) -> tuple[Imported | None, list[Diagnostic]]:
    """The Outcomes files for a uroflavin roadmap file, or its located errors."""
    document, problems = read_yaml(raw, path)
    if document is None:
        return None, problems
    problems = _Checker(document).roadmap()
    if problems:
        return None, problems
    return _Importer(path, document.data).run(), []

"""`outcomes import sierra`: a SierraSoftworks/roadmap file as Outcomes themes.

That format (its `roadmap.schema.json`) is one file: `title`, `description`, `authors`
(name, contact), `timeline` (dated markers), `objectives` (title, description) and
`milestones` (title, description, `deliverables`: title, description, `reference` URI,
`state` TODO | DOING | DONE | SKIP, `requirement` MUST | SHOULD | MAY).

Mapping: each milestone becomes a theme whose hypotheses are its deliverables, and each
objective a theme without hypotheses (a goal the team works towards; horizon `now`).
Deliverables are outputs, so every hypothesis keeps an unwritten `will_result_in` for the
team to state the outcome. State maps only where the words agree: TODO -> idea, DOING
-> planned (being built, not yet tested), DONE -> planned (shipped; its outcome is still
to measure), SKIP -> parked; the state and the requirement are kept as tags. A
`reference` becomes an evidence link. Authors become teams (one per author, the contact
in its description) and the first one owns every theme. The roadmap's description, its
timeline and each deliverable's description have no field in Outcomes: they are written
as comments and listed in the report.
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

STATES = DELIVERABLE_STATUSES


def _problem(document: YamlDocument, where: tuple[str | int, ...], message: str) -> Diagnostic:
    return located(document, where, message, "roadmap.schema.json")


def _check(document: YamlDocument) -> list[Diagnostic]:
    """The schema's required fields and types, as located errors."""
    data = document.data
    if not isinstance(data, dict):
        return [_problem(document, (), "a SierraSoftworks roadmap is a mapping of fields")]
    found: list[Diagnostic] = []
    for name in ("title", "milestones"):
        if name not in data:
            found.append(_problem(document, (), f"missing required field `{name}`"))
    for name in ("authors", "timeline", "objectives", "milestones"):
        if name in data and not isinstance(data[name], list):
            found.append(_problem(document, (name,), f"`{name}` must be a list"))
    for m, milestone in enumerate(data.get("milestones") or []):
        if not isinstance(milestone, dict) or "title" not in milestone:
            found.append(_problem(document, ("milestones", m), "a milestone needs a `title`"))
            continue
        deliverables = milestone.get("deliverables", [])
        if not isinstance(deliverables, list):
            at = ("milestones", m, "deliverables")
            found.append(_problem(document, at, "`deliverables` must be a list"))
            continue
        for d, item in enumerate(deliverables):
            where = ("milestones", m, "deliverables", d)
            if not isinstance(item, dict) or "title" not in item:
                found.append(_problem(document, where, "a deliverable needs a `title`"))
            elif item.get("state", "TODO") not in STATES:
                found.append(_problem(document, (*where, "state"),
                                      f"state {item.get('state')!r} is not one of "
                                      f"{', '.join(STATES)}"))  # fmt: skip
    return found


def import_sierra(raw: bytes, path: str) -> tuple[Imported | None, list[Diagnostic]]:
    """The Outcomes files for a SierraSoftworks roadmap file, or its located errors."""
    document, problems = read_yaml(raw, path)
    if document is None:
        return None, problems
    problems = _check(document)
    if problems:
        return None, problems
    data: dict[str, Any] = document.data
    result = Imported()
    source = f"Imported from {path} (SierraSoftworks/roadmap format) by `outcomes import`."
    teams, team_lines = teams_of(data.get("authors"), result)
    owner = teams[0] if teams else None
    header = [*comment(source)]
    top_notes: list[str] = []
    if data.get("description"):
        top_notes += ["The roadmap's description (no field in Outcomes):",
                      *str(data["description"]).rstrip().splitlines()]  # fmt: skip
        result.report.append("the roadmap's description: kept as a comment in the first theme")
    for marker in data.get("timeline") or []:
        text = f"{marker.get('date')}: {marker.get('title')}" if isinstance(marker, dict) else (
            str(marker))  # fmt: skip
        top_notes.append(f"Timeline marker (no field in Outcomes): {text}")
        if isinstance(marker, dict) and marker.get("description"):
            top_notes += [f"  {line}" for line in str(marker["description"]).splitlines()]
        result.report.append(f"timeline marker {text}: no field, kept as a comment")
    theme_ids: set[str] = set()
    hypothesis_ids: set[str] = set()
    themes = hypotheses = 0
    first = True
    for objective in data.get("objectives") or []:
        if not isinstance(objective, dict) or not objective.get("title"):
            result.report.append(f"objective {objective!r}: no title, not imported")
            continue
        theme = slug(objective["title"], theme_ids, "objective")
        lines = [*header, *(comment("\n".join(top_notes)) if first and top_notes else [])]
        lines += theme_lines(theme, objective["title"], "now", owner,
                              objective.get("description"))  # fmt: skip
        lines.append("hypotheses: []")
        result.files[f"roadmap/{theme}.yaml"] = "\n".join(lines) + "\n"
        result.report.append(f"objective {objective['title']!r}: theme {theme} with no "
                             "hypotheses and no outcomes yet (write its KPIs)")  # fmt: skip
        themes, first = themes + 1, False
    for milestone in data.get("milestones") or []:
        theme = slug(milestone["title"], theme_ids, "milestone")
        items: list[str] = []
        for deliverable in milestone.get("deliverables") or []:
            hypothesis = slug(deliverable["title"], hypothesis_ids, "deliverable")
            state = deliverable.get("state", "TODO")
            status = STATES[state]
            requirement = deliverable.get("requirement", "SHOULD")
            notes = []
            if deliverable.get("description"):
                notes.append("Deliverable description (no field in Outcomes):\n"
                             + str(deliverable["description"]))  # fmt: skip
            reference = ("Reference", str(deliverable["reference"])) if deliverable.get(
                "reference") else None  # fmt: skip
            tags = ["deliverable", state.lower(), str(requirement).lower()]
            items += hypothesis_lines(hypothesis, deliverable, status, tags, notes, reference)
            result.report.append(
                deliverable_report("deliverable", deliverable, state, hypothesis, theme, status)
            )
            hypotheses += 1
        states = [d.get("state", "TODO") for d in milestone.get("deliverables") or []]
        horizon = derived_horizon(states)
        lines = [*header, *(comment("\n".join(top_notes)) if first and top_notes else [])]
        lines += theme_lines(theme, milestone["title"], horizon, owner,
                              milestone.get("description"))  # fmt: skip
        lines += ["hypotheses:", *items] if items else ["hypotheses: []"]
        result.files[f"roadmap/{theme}.yaml"] = "\n".join(lines) + "\n"
        themes, first = themes + 1, False
    if teams:
        result.files["okrs/teams.yaml"] = "\n".join([*header, *team_lines]) + "\n"
    result.counts = {"themes": themes, "hypotheses": hypotheses, "teams": len(teams)}
    return result, []

"""The diff as Markdown (a pull-request comment for product reviewers) and as JSON (for tools).

Markdown: one heading per kind, one bullet per entity, ids in backticks, titles shown.
Every text taken from the roadmap is escaped, so a title cannot add markup, links or
HTML to the comment (GitHub also links bare URLs: escaping `:` and `.` stops that).

JSON (stable; keys are only ever added):

    {"base": {"revision": "origin/main", "commit": "<sha>"},
     "head": {"revision": null, "commit": null},          # null: the working tree
     "has_changes": true,
     "unreadable": [{"side": "base", "path": "...", "line": 3, "col": 1,
                     "code": "yaml-syntax", "message": "..."}],
     "skipped": ["roadmap/link.yaml: skipped, ... (at origin/main)"],
     "themes": {"added": [ENTITY], "removed": [ENTITY],
                "changed": [{"id": "...", "title": "...", "changes": [CHANGE]}]},
     "hypotheses": {...}, "kpis": {...}, "journeys": {...}, "okrs": {...}}

    ENTITY: {"id", "path", "fields": {"title": ..., ...}, "parts": {"outcome": {id: {...}}}}
    CHANGE: {"field", "old", "new", "part", "part_id"}, see `compare.Change`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from outcomes.changes.compare import Change, Changed, MeasurementChanges, RoadmapDiff, Side
from outcomes.changes.snapshot import KINDS, Entity, Fields, Unreadable, Value
from outcomes.render.numbers import format_value

MARKER = "<!-- outcomes-diff -->"  # lets a CI job find and update its earlier comment
HEADINGS = {
    "themes": "Themes",
    "hypotheses": "Hypotheses",
    "kpis": "KPIs",
    "journeys": "Journeys",
    "okrs": "OKRs",
}
LABELS = {"kpi": "KPI", "expect": "expects", "from": "from", "by": "by"}
MAX_TITLE = 120
VALUE_FIELDS = {"baseline", "target", "expect", "kill", "limit"}  # in the KPI's unit
CODE_FIELDS = {"source", "query", "kpi", "theme", "stage", "owner"}  # ids and paths
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#.!|~&:@])")


def escape(text: str) -> str:
    """Plain text for Markdown: one line, at most MAX_TITLE characters, punctuation escaped."""
    text = " ".join(text.split())
    if len(text) > MAX_TITLE:
        text = text[: MAX_TITLE - 1].rstrip() + "…"
    return _SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """An inline code span that holds any text (ids, paths, revisions)."""
    text = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _value(value: Value | Fields, name: str | None = None, unit: str | None = None) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if unit and name in VALUE_FIELDS and isinstance(value, int | float):
        return _number(float(value), unit)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return _fields(value)
    return code(value) if name in CODE_FIELDS else escape(value)


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " "))


def _side(side: Side) -> str:
    if side.commit is None:
        return "the working tree"
    return f"{code(side.revision or '')} ({code(side.commit[:12])})"


def render_markdown(diff: RoadmapDiff) -> str:
    lines = [MARKER, "## Roadmap changes", ""]
    lines += [f"From {_side(diff.base)} to {_side(diff.head)}.", ""]
    problems = [("base", u) for u in diff.unreadable_base]
    problems += [("head", u) for u in diff.unreadable_head]
    if problems or diff.skipped:
        lines.append(
            "**Not compared** (these files could not be read; fix them for a full summary):"
        )
        lines.append("")
        for where, unreadable in problems:
            side = diff.base if where == "base" else diff.head
            lines.append(f"- {_unreadable(unreadable, side)}")
        lines += [f"- {escape(note)}" for note in diff.skipped]
        lines.append("")
    if not diff.has_changes and not diff.measurements:
        lines += ["No roadmap changes.", ""]
    for kind in KINDS:
        changes = diff.kinds[kind]
        if not changes:
            continue
        lines += [f"### {HEADINGS[kind]}", ""]
        lines += [f"- **Added** {_entity(kind, e)}" for e in changes.added]
        lines += [f"- **Removed** {_entity(kind, e)}" for e in changes.removed]
        for changed in changes.changed:
            lines += _changed(changed, _units(kind, changed, diff.units))
        lines.append("")
    if diff.measurements:
        lines += ["### Measurements", ""]
        lines += [f"- {_measured(m, diff.units.get(m.kpi))}" for m in diff.measurements]
        lines.append("")
    return "\n".join(lines)


def _number(value: float, unit: str) -> str:
    """A value in its unit (0.15 -> 15.0%); only `$` is escaped, which GitHub reads as math."""
    return format_value(value, unit).replace("$", "\\$")


_Units = Callable[[Change], str | None]


def _units(kind: str, changed: Changed, units: dict[str, str]) -> _Units:
    """The unit each change's values are in: that of the KPI the entity or part measures."""
    entity = changed.entity

    def unit(change: Change) -> str | None:
        if change.part == "outcome" and change.part_id:
            return units.get(change.part_id.partition("#")[0])
        if change.part == "key result" and change.part_id:
            part = entity.parts.get("key result", {}).get(change.part_id) or {}
            fields = change.new if isinstance(change.new, dict) else change.old
            kpi = part.get("kpi") or (fields.get("kpi") if isinstance(fields, dict) else None)
            return units.get(str(kpi)) if kpi else None
        if kind == "hypotheses" and change.part is None:
            return units.get(str(entity.fields.get("kpi")))
        return None

    return unit


def _measured(m: MeasurementChanges, unit: str | None) -> str:
    """`kpi`: 3 new values, 2026-11-01 to 2026-11-15 (latest 47.0%); 1 changed: ..."""

    def shown(value: float) -> str:
        return _number(value, unit) if unit else f"{value:g}"

    parts: list[str] = []
    if m.added:
        count = f"{len(m.added)} new value{'s' * (len(m.added) != 1)}"
        first, last = m.added[0], m.added[-1]
        span = first[0] if first is last else f"{first[0]} to {last[0]}"
        parts.append(f"{count}, {span} (latest {shown(last[1])})")
    if m.changed:
        edits = ", ".join(f"{d} {shown(a)} → {shown(b)}" for d, a, b in m.changed[:5])
        more = f" and {len(m.changed) - 5} more" if len(m.changed) > 5 else ""
        parts.append(f"{len(m.changed)} changed: {edits}{more}")
    if m.removed:
        parts.append(f"{len(m.removed)} removed ({', '.join(d for d, _ in m.removed[:5])}"
                     f"{' …' if len(m.removed) > 5 else ''})")  # fmt: skip
    return f"{code(m.kpi)}: " + "; ".join(parts)


def _unreadable(u: Unreadable, side: Side) -> str:
    at = "in the working tree" if side.commit is None else f"at {code(side.revision or '')}"
    where = f"{u.line}:{u.col}" if u.line and u.col else str(u.line or "")
    location = code(f"{u.path}:{where}" if where else u.path)
    return f"{location} {at}: {code(u.code)} {escape(u.message)}"


def _entity(kind: str, entity: Entity) -> str:
    text = f"{code(entity.id)}: {escape(entity.title)}"
    fields = entity.fields
    if kind == "themes":
        text += f" ({fields['horizon']})"
    elif kind == "hypotheses":
        text += f" ({fields['status']}, theme {code(str(fields['theme']))})"
    return text


def _changed(changed: Changed, unit: _Units) -> list[str]:
    """The entity's line, then one sub-bullet per field or part (a part's fields on one line)."""
    entity = changed.entity
    lines = [f"- **Changed** {code(entity.id)}: {escape(entity.title)}"]
    groups: list[list[Change]] = []
    for change in changed.changes:
        same_part = groups and change.part and groups[-1][0].part == change.part
        if same_part and groups[-1][0].part_id == change.part_id and change.field:
            groups[-1].append(change)
        else:
            groups.append([change])
    lines += [f"  - {_group(group, unit(group[0]))}" for group in groups]
    return lines


def _group(changes: list[Change], unit: str | None = None) -> str:
    first = changes[0]
    if first.field == "other" and first.part is None:
        return "other fields edited (text, experiments, evidence…)"
    part = f"{_label(first.part)} {code(first.part_id or '')}" if first.part else ""
    if first.field is None:
        if first.new is not None:
            return f"{part} added: {_fields(first.new, unit)}"
        return f"{part} removed: {_fields(first.old, unit)}"
    colon = "" if part else ":"
    edits = ", ".join(
        f"{_label(c.field or '')}{colon} {_value(c.old, c.field, unit)} → "
        f"{_value(c.new, c.field, unit)}"
        for c in changes
    )
    return f"{part}: {edits}" if part else edits


def _fields(fields: Value | Fields, unit: str | None = None) -> str:
    """A part's fields: its title first, the others in brackets."""
    if not isinstance(fields, dict):
        return _value(fields)
    rest = ", ".join(
        f"{_label(k)} {_value(v, k, unit)}"
        for k, v in fields.items()
        if k != "title" and v is not None
    )
    title = fields.get("title")
    if title is None:
        return rest
    return f"{_value(title)} ({rest})" if rest else _value(title)


def render_json(diff: RoadmapDiff) -> str:
    def entity(e: Entity) -> dict[str, Any]:
        return {"id": e.id, "path": e.path, "fields": e.fields, "parts": e.parts}

    def changed(c: Changed) -> dict[str, Any]:
        changes = [
            {"field": x.field, "old": x.old, "new": x.new, "part": x.part, "part_id": x.part_id}
            for x in c.changes
        ]
        return {"id": c.entity.id, "title": c.entity.title, "changes": changes}

    def unreadable(side: str, u: Unreadable) -> dict[str, Any]:
        return {"side": side, "path": u.path, "line": u.line, "col": u.col, "code": u.code,
                "message": u.message}  # fmt: skip

    document: dict[str, Any] = {
        "base": {"revision": diff.base.revision, "commit": diff.base.commit},
        "head": {"revision": diff.head.revision, "commit": diff.head.commit},
        "has_changes": diff.has_changes,
        "unreadable": [unreadable("base", u) for u in diff.unreadable_base]
        + [unreadable("head", u) for u in diff.unreadable_head],
        "skipped": diff.skipped,
        "measurements": [
            {"kpi": m.kpi, "unit": diff.units.get(m.kpi),
             "added": [{"date": d, "value": v} for d, v in m.added],
             "changed": [{"date": d, "old": a, "new": b} for d, a, b in m.changed],
             "removed": [{"date": d, "value": v} for d, v in m.removed]}
            for m in diff.measurements
        ],
    }  # fmt: skip
    for kind in KINDS:
        changes = diff.kinds[kind]
        document[kind] = {
            "added": [entity(e) for e in changes.added],
            "removed": [entity(e) for e in changes.removed],
            "changed": [changed(c) for c in changes.changed],
        }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

"""What an importer produces: the files to write, and the report of what did not map.

Importers build YAML text themselves (JSON-quoted scalars, which YAML reads as they
are) rather than through a YAML writer, so each written file can carry, as comments, the
parts of the source that have no place in the Outcomes format: nothing is dropped
silently. `write` refuses to overwrite any file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.parse.yaml_reader import YamlDocument

# What an imported hypothesis says instead of an outcome: a deliverable is an output.
UNWRITTEN_OUTCOME = (
    "TO WRITE: the behaviour change this deliverable should cause "
    "(imported deliverable: an output, not an outcome)"
)
UNWRITTEN_FOR = "TO WRITE: for whom"


@dataclass
class Imported:
    """Files by path relative to the output folder, and one report line per item that did
    not map (or mapped with a loss), in source order."""

    files: dict[str, str] = field(default_factory=dict)
    report: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # "themes", "hypotheses", ...


def quoted(value: object) -> str:
    """A YAML scalar that reads back as the same string (JSON is a subset of YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def comment(text: str, indent: str = "") -> list[str]:
    """`text` as YAML comment lines (empty lines kept as a bare `#`)."""
    return [f"{indent}# {line}".rstrip() for line in str(text).rstrip().splitlines()]


def slug(text: str, taken: set[str], fallback: str = "item") -> str:
    """A unique lowercase id for `text`, added to `taken` (`-2`, `-3` on repeats)."""
    base = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60].strip("-") or fallback
    found, number = base, 2
    while found in taken:
        found, number = f"{base}-{number}", number + 1
    taken.add(found)
    return found


def located(
    document: YamlDocument, where: tuple[str | int, ...], message: str, schema: str
) -> Diagnostic:
    """A broken input file's problem at its line and column (`import-format`)."""
    line, col = document.position(where)
    return Diagnostic(document.path, line, col, Severity.ERROR, "import-format", message,
                      f"see the format's {schema}")  # fmt: skip


# A deliverable's state, where the words agree: DOING is being built, not yet tested;
# DONE is shipped, its outcome still to measure; SKIP is set aside.
DELIVERABLE_STATUSES = {"TODO": "idea", "DOING": "planned", "DONE": "planned", "SKIP": "parked"}


def derived_horizon(states: Sequence[str]) -> str:
    """A milestone's horizon from its deliverables' states: `done` when each is DONE or
    SKIP, `now` when one is DOING or DONE, else `next`."""
    if states and all(s in ("DONE", "SKIP") for s in states):
        return "done"
    if any(s in ("DOING", "DONE") for s in states):
        return "now"
    return "next"


def teams_of(authors: object, imported: Imported) -> tuple[list[str], list[str]]:
    """One team per named author (the contact in its description): their ids, and the
    lines of `okrs/teams.yaml`; an author without a name is reported."""
    teams: list[str] = []
    lines = ["teams:"]
    taken: set[str] = set()
    for author in authors if isinstance(authors, list) else []:
        if not isinstance(author, dict) or not author.get("name"):
            imported.report.append(f"author {author!r}: no name, not imported")
            continue
        team = slug(author["name"], taken, "team")
        teams.append(team)
        lines += [f"  - id: {team}", f"    name: {quoted(author['name'])}"]
        if author.get("contact"):
            lines.append(f"    description: {quoted('Contact: ' + str(author['contact']))}")
    return teams, lines


def theme_lines(
    theme: str, title: str, horizon: str, owner: str | None, problem: object
) -> list[str]:
    """A theme file's fields up to its hypotheses; no outcomes (the team writes them)."""
    lines = [f"id: {theme}", f"title: {quoted(title)}", f"horizon: {horizon}"]
    if owner:
        lines.append(f"owner: {owner}")
    if problem:
        body = str(problem).rstrip().splitlines()
        lines += ["problem: |", *(f"  {line}".rstrip() for line in body)]
    lines.append("outcomes: []")
    return lines


def hypothesis_lines(
    hypothesis: str,
    item: dict[str, Any],
    status: str,
    tags: Sequence[str],
    notes: Sequence[str] = (),
    reference: tuple[str, str] | None = None,
) -> list[str]:
    """An imported deliverable as a hypothesis item of a theme's list: `notes` (its
    description and what else has no field) as comments above it, its outcome unwritten,
    `reference` (title, url) as an evidence link."""
    lines: list[str] = []
    for note in notes:
        lines += comment(note, "  ")
    lines += [
        f"  - id: {hypothesis}",
        f"    title: {quoted(item['title'])}",
        f"    status: {status}",
        f"    we_believe: {quoted('delivering ' + str(item['title']))}",
        f"    for: {quoted(UNWRITTEN_FOR)}",
        f"    will_result_in: {quoted(UNWRITTEN_OUTCOME)}",
    ]
    if reference is not None:
        lines += ["    evidence:", f"      - title: {quoted(reference[0])}",
                  f"        url: {quoted(reference[1])}"]  # fmt: skip
    lines.append(f"    tags: [{', '.join(tags)}]")
    return lines


def deliverable_report(kind: str, item: dict[str, Any], state: str, hypothesis: str,
                       theme: str, status: str) -> str:  # fmt: skip
    """The report line of an imported deliverable (or key result): where it went."""
    return (
        f"{kind} {item['title']!r} ({state}): hypothesis {hypothesis} in {theme}, "
        f"status {status}; its outcome is for the team to write"
    )


class Refused(Exception):
    """Files that already exist: nothing was written."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__(", ".join(str(p) for p in paths))
        self.paths = paths


def write(imported: Imported, out: Path) -> list[Path]:
    """Write every file under `out`; refuses (writing none) when any of them exists."""
    targets = [out / name for name in imported.files]
    existing = [p for p in targets if p.exists()]
    if existing:
        raise Refused(existing)
    for target, text in zip(targets, imported.files.values(), strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:
            handle.write(text)
    return targets

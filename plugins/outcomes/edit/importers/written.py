"""What an importer produces: the files to write, and the report of what did not map.

Importers build YAML text themselves (JSON-quoted scalars, which YAML reads as they
are) rather than through a YAML writer, so each written file can carry, as comments, the
parts of the source that have no place in the Outcomes format: nothing is dropped
silently. `write` refuses to overwrite any file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

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

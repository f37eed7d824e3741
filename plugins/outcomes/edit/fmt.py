"""`outcomes fmt`: one canonical layout for every roadmap file, comments kept.

Canonical means: keys in the order of the format models' fields (`key_order.py`),
2-space indentation, block sequences indented under their key (`  - id: x`), as in
the demo. Everything else is kept as written: comments (the modeline, comment lines,
end-of-line comments), blank lines, quoting, block scalars, flow lists such as
`tags: [a, b]`, number spellings such as `0.50`.

Two passes: keys are reordered as blocks of text (`blocks.py`), then ruamel.yaml's
round-trip mode re-indents the file; it keeps comments where they are as long as no
key moves inside its tree. The result must hold exactly the data of the original,
read by the project's own safe reader; otherwise the file is reported and left alone.
"""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.edit.atomic import write_atomically
from outcomes.edit.blocks import reorder_mapping, split_lines
from outcomes.edit.key_order import Path, misordered
from outcomes.load.paths import UnsafePath, read_inside, resolve_inside
from outcomes.load.project import Layout, discover, kind_of
from outcomes.parse.yaml_reader import MAX_FILE_BYTES, YamlDocument, read_yaml

# ruamel's default width (80) would fold long lines; roadmap text is often longer.
_NEVER_FOLD = 1_000_000


def _round_trip() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = _NEVER_FOLD
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def format_source(
    raw: bytes, path: str, model: type[BaseModel] | None
) -> tuple[str | None, list[Diagnostic]]:
    """The canonical text of one file; None and located problems when it cannot be read
    or formatting would change its data."""
    original, problems = read_yaml(raw, path)
    if original is None:
        return None, problems
    text = _reorder(raw.decode("utf-8"), path, model, original)
    try:
        stream = io.StringIO()
        yaml = _round_trip()
        yaml.dump(yaml.load(text), stream)
        text = stream.getvalue()
    except YAMLError as exc:
        return None, [_unsafe(original, (), f"ruamel.yaml cannot re-indent it: {exc}")]
    result, _ = read_yaml(text.encode("utf-8"), path)
    if result is None:
        return None, [_unsafe(original, (), "the formatted text would not parse")]
    difference = _first_difference(original.data, result.data)
    if difference is not None:
        return None, [_unsafe(original, difference, "formatting would change a value here")]
    return text, []


def _reorder(text: str, path: str, model: type[BaseModel] | None, document: YamlDocument) -> str:
    """The text with every block mapping's keys in canonical order."""
    skipped: set[Path] = set()
    for _ in range(_count_mappings(document.data) + 1):  # each pass fixes one mapping
        found = next(
            (item for item in misordered(document.data, model) if item[0] not in skipped), None
        )
        if found is None:
            break
        where, wanted = found
        mapping = _at(document.data, where)
        keys = list(mapping)
        starts = [document.key_positions[(*where, key)] for key in keys]
        columns = {column for _, column in starts}
        moved = None
        if len(columns) == 1 and all(a[0] < b[0] for a, b in itertools.pairwise(starts)):
            order = [keys.index(key) for key in wanted]
            first_lines = [line - 1 for line, _ in starts]
            moved = reorder_mapping(split_lines(text), first_lines, columns.pop() - 1, order)
        reread = read_yaml("".join(moved).encode("utf-8"), path)[0] if moved else None
        if moved is None or reread is None or _first_difference(document.data, reread.data):
            skipped.add(where)  # a flow mapping, keys sharing a line: left as written
            continue
        text, document = "".join(moved), reread
    return text


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _count_mappings(data: Any) -> int:
    if isinstance(data, dict):
        return 1 + sum(_count_mappings(value) for value in data.values())
    if isinstance(data, list):
        return sum(_count_mappings(item) for item in data)
    return 0


def _first_difference(old: Any, new: Any, path: Path = ()) -> Path | None:
    """Path of the first value that differs (key order aside); None when the data match."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old:
            if key not in new:
                return (*path, key)
            found = _first_difference(old[key], new[key], (*path, key))
            if found is not None:
                return found
        return next(((*path, key) for key in new if key not in old), None)
    if isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            found = _first_difference(a, b, (*path, index))
            if found is not None:
                return found
        return None if len(old) == len(new) else (*path, min(len(old), len(new)))
    same = type(old) is type(new) and json.dumps(old, default=str) == json.dumps(new, default=str)
    return None if same else path


def _unsafe(document: YamlDocument, where: Path, reason: str) -> Diagnostic:
    line, col = document.position(where)
    return Diagnostic(
        document.path, line, col, Severity.ERROR, "fmt-unsafe",
        f"cannot format this file: {reason}; it was left unchanged",
        "format this part by hand; `outcomes validate` shows whether the file is valid",
    )  # fmt: skip


@dataclass
class FormatReport:
    """What `format_project` found: files that change (or would) and files it could not read."""

    changed: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def format_project(layout: Layout, *, write: bool) -> FormatReport:
    """Format every roadmap file of a project; with `write`, rewrite the files that change."""
    report = FormatReport()
    for relative in discover(layout, report.diagnostics):
        try:
            raw = read_inside(layout.root, relative, MAX_FILE_BYTES)
            target = resolve_inside(layout.root, relative)
        except (FileNotFoundError, UnsafePath) as exc:
            reason = "the file does not exist" if isinstance(exc, FileNotFoundError) else str(exc)
            report.diagnostics.append(
                Diagnostic(relative, 1, 1, Severity.ERROR, "file-unreadable", reason)
            )
            continue
        probe, _ = read_yaml(raw, relative)
        data = probe.data if probe is not None else None
        kind = kind_of(layout, relative, data) if isinstance(data, dict) else None
        text, problems = format_source(raw, relative, kind.model if kind else None)
        report.diagnostics.extend(problems)
        if text is None or text.encode("utf-8") == raw:
            continue
        report.changed.append(relative)
        if write:
            write_atomically(target, text)
    return report

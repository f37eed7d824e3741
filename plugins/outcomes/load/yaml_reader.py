"""Safe, fast YAML reading that keeps the source position of every node.

libyaml (through ruamel.yaml.clib's `CParser`) composes the node tree in C; we turn
nodes into plain Python values ourselves, recording positions as we go. This is
cheaper than PyYAML's own `CSafeLoader` (which constructs in Python too) and far
cheaper than ruamel's round-trip loader (about 15x that floor here), so every file
gets positions on the common path and no file is ever parsed twice.

Only a safe subset of YAML is accepted (DESIGN, "Safety rules"): one document, no
tags, no anchors or aliases, no directives, bounded size and depth. Scalars follow
YAML 1.2's core schema with fewer surprises: `true`/`false` are the only booleans,
and numbers with a leading zero stay text, so YAML 1.1 habits never silently turn
into booleans or numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from outcomes.diagnostics import Diagnostic, Severity

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 500_000

Path = tuple[str | int, ...]
Position = tuple[int, int]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Characters without which a file cannot hold an anchor, alias, tag or directive.
_EVENT_SCAN_TRIGGERS = ("&", "*", "!", "%")
_IMPLICIT = "?"


@dataclass
class YamlDocument:
    """A parsed file: plain data plus the position of every value and mapping key."""

    path: str
    data: Any
    positions: dict[Path, Position] = field(default_factory=dict)
    key_positions: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """Best known position for `path`: the node itself, else its nearest parent."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Parser(CParser):  # type: ignore[misc]
    """libyaml's composer with a resolver that marks every implicit tag alike."""

    def resolve(self, kind: object, value: object, implicit: object) -> str:
        return _IMPLICIT

    def descend_resolver(self, *args: object) -> None:
        return None

    def ascend_resolver(self, *args: object) -> None:
        return None


class _Problem(Exception):
    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint


def decode_source(raw: bytes, path: str) -> tuple[str | None, Diagnostic | None]:
    """UTF-8 text of a file, or a located error for a BOM, NUL bytes or bad bytes."""

    def error(offset: int, code: str, message: str, hint: str) -> Diagnostic:
        head = raw[:offset]
        line = head.count(b"\n") + 1
        col = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        return Diagnostic(path, line, col, Severity.ERROR, code, message, hint)

    if raw.startswith(b"\xef\xbb\xbf"):
        return None, error(
            0, "file-encoding", "file starts with a byte-order mark",
            "save the file as UTF-8 without BOM",
        )  # fmt: skip
    nul = raw.find(b"\x00")
    if nul >= 0:
        return None, error(
            nul, "file-encoding", "file contains a NUL byte (binary data?)",
            "save the file as UTF-8 text",
        )  # fmt: skip
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return None, error(
            exc.start, "file-encoding", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}",
            "save the file as UTF-8",
        )  # fmt: skip


def read_yaml(raw: bytes, path: str) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML file; on any problem return None and located diagnostics."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                path, 0, 0, Severity.ERROR, "file-too-large",
                f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
                "split it into several files",
            )
        ]  # fmt: skip
    text, problem = decode_source(raw, path)
    if text is None:
        assert problem is not None
        return None, [problem]
    try:
        if any(c in text for c in _EVENT_SCAN_TRIGGERS):
            _reject_unsafe_events(text)
        root = _compose(text)
        if root is None:
            raise _Problem(1, 1, "file-empty", "file is empty", "write a YAML mapping")
        document = YamlDocument(path, None)
        document.data = _Builder(document).build(root)
    except _Problem as p:
        return None, [Diagnostic(path, p.line, p.col, Severity.ERROR, p.code, p.message, p.hint)]
    return document, []


def _compose(text: str) -> Any:
    try:
        return _Parser(text).get_single_node()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = str(exc.problem or exc.context or "invalid YAML")
        if "single document" in str(exc.context) or "another document" in message:
            raise _Problem(line, col, "yaml-multiple-documents",
                           "file holds more than one YAML document",
                           "keep one document per file; remove the extra `---`") from None
        lines = text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        hint = "indent with spaces, not tabs" if "\t" in source_line else ""
        raise _Problem(line, col, "yaml-syntax", message, hint) from None
    except YAMLError as exc:  # the reader's errors (control characters) carry no mark
        raise _Problem(1, 1, "yaml-syntax", str(exc).splitlines()[0]) from None
    except (ValueError, RecursionError) as exc:
        raise _Problem(1, 1, "yaml-syntax", f"cannot parse YAML: {exc}") from None


def _reject_unsafe_events(text: str) -> None:
    """Scan libyaml's events for tags, anchors, aliases and directives, before composing."""
    parser = _Parser(text)
    try:
        while True:
            event = parser.get_event()
            kind = type(event).__name__
            if kind == "StreamEndEvent":
                return
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if kind == "DocumentStartEvent" and (event.version or event.tags):
                raise _Problem(line, col, "yaml-directive",
                               "%YAML and %TAG directives are not allowed",
                               "remove the directive line")  # fmt: skip
            if kind == "AliasEvent":
                raise _Problem(line, col, "yaml-anchor",
                               f"alias *{event.anchor} is not allowed",
                               "repeat the value instead of referring to an anchor")  # fmt: skip
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise _Problem(line, col, "yaml-anchor", f"anchor &{anchor} is not allowed",
                               "remove the anchor; aliases and anchors are not supported")
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise _Problem(line, col, "yaml-tag", f"tag {tag} is not allowed",
                               "remove the tag; quote the value if it must stay text")
    except MarkedYAMLError:
        return  # syntax errors are reported, with their position, by the composer
    except YAMLError:
        return


class _Builder:
    """Turns composed nodes into dicts, lists and scalars, recording positions."""

    def __init__(self, document: YamlDocument) -> None:
        self.positions = document.positions
        self.key_positions = document.key_positions
        self.seen: set[int] = set()
        self.count = 0

    def build(self, root: Any) -> Any:
        return self._value(root, (), 0)

    def _value(self, node: Any, path: Path, depth: int) -> Any:
        mark = node.start_mark
        line, col = mark.line + 1, mark.column + 1
        self.positions[path] = (line, col)
        self.count += 1
        if self.count > MAX_NODES:
            raise _Problem(line, col, "yaml-too-large",
                           f"file holds more than {MAX_NODES:,} values", "split the file")
        if node.tag != _IMPLICIT:
            raise _Problem(line, col, "yaml-tag", f"tag {node.tag} is not allowed",
                           "remove the tag; quote the value if it must stay text")
        value = node.value
        if type(value) is str:
            return _scalar(value, node.style)
        # An alias composes to a node seen before: refuse it before it can expand.
        if id(node) in self.seen:
            raise _Problem(line, col, "yaml-anchor", "aliases are not allowed")
        self.seen.add(id(node))
        if depth >= MAX_DEPTH:
            raise _Problem(line, col, "yaml-too-deep",
                           f"nesting is deeper than {MAX_DEPTH} levels", "flatten the structure")
        if node.id == "mapping":
            return self._mapping(value, path, depth)
        return [self._value(item, (*path, i), depth + 1) for i, item in enumerate(value)]

    def _mapping(self, pairs: list[tuple[Any, Any]], path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in pairs:
            mark = key_node.start_mark
            line, col = mark.line + 1, mark.column + 1
            if key_node.id != "scalar":
                raise _Problem(line, col, "yaml-key", "mapping keys must be plain text")
            if key_node.tag != _IMPLICIT:
                raise _Problem(line, col, "yaml-tag", f"tag {key_node.tag} is not allowed")
            key = key_node.value
            if key == "<<" and not key_node.style:
                raise _Problem(line, col, "yaml-anchor", "merge keys (<<) are not allowed")
            child = (*path, key)
            if key in result:
                first = self.key_positions[child]
                raise _Problem(line, col, "yaml-duplicate-key",
                               f"duplicate key {key!r}; first defined at line {first[0]}",
                               "remove one of the two")  # fmt: skip
            self.key_positions[child] = (line, col)
            result[key] = self._value(value_node, child, depth + 1)
        return result


def _scalar(value: str, style: str | None) -> Any:
    if style:  # quoted or block scalars are always text
        return value
    if value in _NULLS:
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    first = value[0]
    if first.isdigit() or first in "-+.":
        if _INT.fullmatch(value):
            return value if _LEADING_ZERO.match(value) else int(value)
        if _FLOAT.fullmatch(value):
            return value if _LEADING_ZERO.match(value) else float(value)
        if value in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value]
    return value

"""Safe, fast YAML reading that keeps the source position of every node.

libyaml (through ruamel.yaml.clib's `CParser`, else PyYAML's: `libyaml.py`) scans and
parses in C; we turn its event stream into plain Python values ourselves, recording
positions as we go. This is cheaper than PyYAML's own `CSafeLoader` (which constructs
in Python too) and far cheaper than ruamel's round-trip loader (about 15x that floor
here), so every file gets positions on the common path and no file is ever parsed twice.

We build from events rather than from libyaml's composed node tree because the
composer recurses in C: a file of 50,000 nested `[` crashed the interpreter with a
segmentation fault. Events come one at a time, so nesting is bounded (`MAX_DEPTH`)
before it can cost anything, and tags, anchors and directives are refused in the same
pass.

Only a safe subset of YAML is accepted (DESIGN, "Safety rules"): one document, no
tags, no anchors or aliases, no directives, bounded size and depth, and none of the
line breaks (U+0085, U+2028, U+2029) that libyaml and YAML 1.2 read differently.
Scalars follow YAML 1.2's core schema with fewer surprises: `true`/`false` are the only
booleans, and numbers with a leading zero stay text, so YAML 1.1 habits never silently
turn into booleans or numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.parse.libyaml import Binding, default_binding
from outcomes.parse.text import Position, decode_source, offset_position

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000

Path = tuple[str | int, ...]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip
# The plain scalars that are not text and not plain digits: null, the two booleans, and
# YAML 1.2's infinities and not-a-number.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")), "true": True, "false": False,
    **_SPECIAL_FLOATS,
}  # fmt: skip
_NUMBER_START = frozenset("0123456789-+.")
# libyaml's events by kind; the loop looks each event's class up once (`_CODES`).
_SCALAR, _MAPPING_START, _SEQUENCE_START, _COLLECTION_END = 0, 1, 2, 3
_ALIAS, _DOCUMENT_START, _STREAM_END, _OTHER = 4, 5, 6, 7
_CODES_BY_NAME = {
    "ScalarEvent": _SCALAR, "MappingStartEvent": _MAPPING_START,
    "SequenceStartEvent": _SEQUENCE_START, "MappingEndEvent": _COLLECTION_END,
    "SequenceEndEvent": _COLLECTION_END, "AliasEvent": _ALIAS,
    "DocumentStartEvent": _DOCUMENT_START, "StreamEndEvent": _STREAM_END,
}  # fmt: skip
_CODES: dict[type, int] = {}  # event class (of either binding) -> its code
_NO_KEY = object()  # a mapping waiting for its next key
# Line breaks to libyaml (YAML 1.1) but ordinary characters to YAML 1.2 and to editors.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator"}
_BINDING: Binding | None = None  # the default, loaded on first use


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


class _Problem(Exception):
    def __init__(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint


def read_yaml(
    raw: bytes, path: str, *, binding: Binding | None = None
) -> tuple[YamlDocument | None, list[Diagnostic]]:
    """Parse one YAML file; on any problem return None and located diagnostics.

    `binding` chooses the libyaml binding (tests compare them); the default is the first
    one installed.
    """
    global _BINDING
    if binding is None:
        binding = _BINDING = _BINDING or default_binding()
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                path, 1, 1, Severity.ERROR, "file-too-large",
                f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes",
                "split it into several files",
            )
        ]  # fmt: skip
    text, problem = decode_source(raw, path)
    if text is None:
        assert problem is not None
        return None, [problem]
    # str.isascii() is a flag lookup; the search costs about 2.5 ms a MB of non-ASCII text.
    odd_break = None if text.isascii() else _OTHER_BREAKS.search(text)
    if odd_break is not None:
        return None, [_break_problem(text, odd_break.start(), path)]
    document = YamlDocument(path, None)
    try:
        document.data = _Builder(document, text, binding).build()
    except _Problem as p:
        return None, [Diagnostic(path, p.line, p.col, Severity.ERROR, p.code, p.message, p.hint)]
    return document, []


class _Builder:
    """Turns libyaml's events into dicts, lists and scalars, recording positions.

    The open collection, its path and the key of a mapping waiting for its value
    (`_NO_KEY` until the key has been read) are kept in locals; the stack holds one
    `(container, path, is mapping)` per enclosing collection, so its length is the depth.
    """

    def __init__(self, document: YamlDocument, text: str, binding: Binding) -> None:
        self.text = text
        self.binding = binding
        self.positions = document.positions
        self.key_positions = document.key_positions

    def build(self) -> Any:
        binding = self.binding
        try:
            return self._events(binding.parser(self.text))
        except binding.marked_error as exc:
            raise self._syntax_problem(exc) from None
        except binding.reader_error as exc:  # control characters: libyaml gives a byte offset
            error: Any = exc
            line, col = offset_position(self.text.encode("utf-8"), error.position)
            message = f"character #x{error.character:04x}: {error.reason}"
            hint = "remove it, or write it escaped in a double-quoted string: "
            hint += _escaped(error.character)
            raise _Problem(line, col, "yaml-syntax", message, hint) from None
        except binding.yaml_error as exc:
            raise _Problem(1, 1, "yaml-syntax", str(exc).splitlines()[0]) from None

    def _events(self, parser: Any) -> Any:
        """The document from the parser's events, one at a time (see the class).

        This loop is what `outcomes validate` spends most of its parsing time in, so the
        open collection lives in locals and only enclosing ones on the stack; a mapping's
        key path is reused as its value's path.
        """
        positions, key_positions, codes = self.positions, self.key_positions, _CODES
        stack: list[tuple[Any, Path, bool]] = []  # the collections enclosing `container`
        container: Any = None  # the open collection; None before the root
        path: Path = ()  # its path
        in_mapping = False  # `container` is a mapping
        key: Any = _NO_KEY  # the mapping's key waiting for its value
        key_path: Path = ()  # the path of that value
        root: Any = None
        documents = count = 0
        get_event = parser.get_event
        while True:
            event = get_event()
            kind = type(event)
            code = codes.get(kind)
            if code is None:
                code = codes[kind] = _CODES_BY_NAME.get(kind.__name__, _OTHER)
            if code <= _SEQUENCE_START:  # a node: a scalar or a collection's start
                mark = event.start_mark
                count += 1
                if count > MAX_NODES:
                    message = f"file holds more than {MAX_NODES:,} values"
                    raise _Problem(mark.line + 1, mark.column + 1, "yaml-too-large", message,
                                   "split the file")  # fmt: skip
                if event.anchor is not None or event.tag is not None:
                    _refuse_anchor_and_tag(event, mark.line + 1, mark.column + 1)
                if in_mapping and key is _NO_KEY:
                    if code != _SCALAR:
                        raise _Problem(mark.line + 1, mark.column + 1, "yaml-key",
                                       "mapping keys must be plain text",
                                       "write the key as text, or quote it")  # fmt: skip
                    key = event.value
                    key_path = (*path, key)
                    if key in container or key == "<<":
                        self._check_key(container, event, key_path)
                    key_positions[key_path] = (mark.line + 1, mark.column + 1)
                    continue
                if in_mapping:
                    node_path = key_path
                elif container is None:
                    node_path = ()
                else:
                    node_path = (*path, len(container))
                positions[node_path] = (mark.line + 1, mark.column + 1)
                if code == _SCALAR:
                    value = event.value if event.style else _plain(event.value)
                elif len(stack) >= MAX_DEPTH:
                    message = f"nesting is deeper than {MAX_DEPTH} levels"
                    raise _Problem(mark.line + 1, mark.column + 1, "yaml-too-deep", message,
                                   "flatten the structure")  # fmt: skip
                else:
                    value = {} if code == _MAPPING_START else []
                if in_mapping:
                    container[key] = value
                    key = _NO_KEY
                elif container is None:
                    root = value
                else:
                    container.append(value)
                if code != _SCALAR:
                    stack.append((container, path, in_mapping))
                    container, path, in_mapping = value, node_path, code == _MAPPING_START
            elif code == _COLLECTION_END:
                container, path, in_mapping = stack.pop()
                key = _NO_KEY
            elif code == _ALIAS:
                mark = event.start_mark
                raise _Problem(
                    mark.line + 1,
                    mark.column + 1,
                    "yaml-anchor",
                    f"alias *{event.anchor} is not allowed",
                    "repeat the value instead of referring to an anchor",
                )
            elif code == _DOCUMENT_START:
                mark = event.start_mark
                if documents:
                    raise _Problem(
                        mark.line + 1,
                        mark.column + 1,
                        "yaml-multiple-documents",
                        "file holds more than one YAML document",
                        "keep one document per file; remove the extra `---`",
                    )
                if event.version or event.tags:
                    raise _Problem(
                        mark.line + 1,
                        mark.column + 1,
                        "yaml-directive",
                        "%YAML and %TAG directives are not allowed",
                        "remove the directive line",
                    )
                documents += 1
            elif code == _STREAM_END:
                if root is None:  # nothing, comments only, `---` alone or `null`
                    raise _Problem(1, 1, "file-empty", "file is empty", "write a YAML mapping")
                return root

    def _check_key(self, mapping: dict[str, Any], event: Any, key_path: Path) -> None:
        """Refuse a key that is already in `mapping`, or a merge key (a plain `<<`)."""
        mark = event.start_mark
        line, col = mark.line + 1, mark.column + 1
        key = key_path[-1]
        if key == "<<" and not event.style:
            raise _Problem(
                line,
                col,
                "yaml-anchor",
                "merge keys (<<) are not allowed",
                "repeat the values instead of merging a mapping",
            )
        if key in mapping:
            first = self.key_positions[key_path]
            raise _Problem(
                line,
                col,
                "yaml-duplicate-key",
                f"duplicate key {key!r}; first defined at line {first[0]}",
                "remove one of the two",
            )

    def _too_deep(self, line: int, col: int) -> _Problem:
        """Nesting past libyaml's own limit, which it finds while it looks ahead, before
        the first event: the text up to there, read again, passes ours (`MAX_DEPTH`)
        where it is passed. Else the problem stands where libyaml stopped."""
        lines = self.text.splitlines(keepends=True)
        head = "".join(lines[: line - 1]) + (
            lines[line - 1][: col - 1] if line <= len(lines) else ""
        )
        binding = self.binding
        try:
            self._events(binding.parser(head))
        except _Problem as p:
            if p.code == "yaml-too-deep":
                return p
        except (binding.marked_error, binding.reader_error, binding.yaml_error):
            pass
        message = f"nesting is deeper than {MAX_DEPTH} levels"
        return _Problem(line, col, "yaml-too-deep", message, "flatten the structure")

    def _syntax_problem(self, exc: Any) -> _Problem:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = str(exc.problem or exc.context or "invalid YAML")
        if message == "exceeded maximum nesting depth":  # libyaml 0.2.5's own limit, 1,000
            return self._too_deep(line, col)
        context, where = exc.context, exc.context_mark
        if exc.problem and context and where is not None:
            at = (where.line + 1, where.column + 1)
            if at != (line, col):  # "... while parsing a flow sequence that starts at ..."
                message += f" {context} that starts at line {at[0]}, column {at[1]}"
        lines = self.text.splitlines()
        source_line = lines[line - 1] if 0 < line <= len(lines) else ""
        hint = "indent with spaces, not tabs" if "\t" in source_line else ""
        hint = hint or _syntax_hint(str(exc.problem or ""), source_line, col)
        return _Problem(line, col, "yaml-syntax", message, hint)


def _syntax_hint(problem: str, source_line: str, col: int) -> str:
    """A plain fix for libyaml's most common complaints, which name parser states."""
    if problem.startswith("mapping values are not allowed"):
        before = source_line[: col - 1]
        if ": " in before or before.rstrip().endswith(":"):
            return (
                'quote the text: a ": " inside a value starts a mapping, '
                'as in title: "Setup: step one"'
            )
        return "check the indentation: this line is indented deeper than the key above it"
    if problem.startswith("did not find expected '-' indicator"):
        return "start every item of the list with `- `, indented as the items above it"
    if problem.startswith("did not find expected key"):
        return "check the indentation: the keys of one mapping start in the same column"
    if problem.startswith("could not find expected ':'"):
        return "add `: ` after the key, or `- ` before a list item; quote a text that spans lines"
    if problem.startswith("block sequence entries are not allowed"):
        return "write the list on the next lines, one `- item` each, or as [a, b] on this line"
    if problem.startswith("found unexpected end of stream"):
        return "close the quote that starts at the position named above"
    return ""


def _escaped(character: int) -> str:
    """The double-quoted YAML escape of a character: `"\\x07"`, `"\\u2028"`."""
    return f'"\\x{character:02x}"' if character < 0x100 else f'"\\u{character:04x}"'


def _break_problem(text: str, index: int, path: str) -> Diagnostic:
    """A raw U+0085, U+2028 or U+2029: libyaml would end the line there, YAML 1.2 would not,
    so the value would silently change and every later line number shift."""
    character = ord(text[index])
    head = text[:index].encode("utf-8")
    line, col = offset_position(head, len(head))
    message = (
        f"character U+{character:04X} ({_BREAK_NAMES[character]}) is a line break to some YAML "
        "readers and text to others"
    )
    hint = "use a plain line break, or write it escaped in a double-quoted string: "
    hint += _escaped(character)
    return Diagnostic(path, line, col, Severity.ERROR, "file-encoding", message, hint)


def _refuse_anchor_and_tag(event: Any, line: int, col: int) -> None:
    if event.anchor is not None:
        raise _Problem(
            line,
            col,
            "yaml-anchor",
            f"anchor &{event.anchor} is not allowed",
            "remove the anchor; aliases and anchors are not supported",
        )
    if event.tag is not None:
        raise _Problem(
            line,
            col,
            "yaml-tag",
            f"tag {event.tag} is not allowed",
            "remove the tag; quote the value if it must stay text",
        )


def _plain(value: str) -> Any:
    """A plain (unquoted, not block) scalar by the core schema: `_WORDS` or a number, else
    the text itself."""
    word = _WORDS.get(value, _NO_KEY)
    if word is not _NO_KEY:
        return word
    if value[0] in _NUMBER_START:  # `value` is not empty: "" is a word (null)
        if _INT.fullmatch(value):
            return value if _LEADING_ZERO.match(value) else _integer(value)
        if _FLOAT.fullmatch(value):
            return value if _LEADING_ZERO.match(value) else float(value)
    return value


def _integer(value: str) -> int | float:
    """An integer literal; one too long for `int()` (over 4,300 digits) is an infinite
    float, which the schema reports as not finite like `1e999`, instead of a crash."""
    try:
        return int(value)
    except ValueError:
        return float(value)

"""Whole blocks of lines in a YAML file: the lines of one key, moved or added as text.

`fmt` reorders keys and `new` appends list items by moving lines, located with the
positions the safe reader records, instead of editing ruamel.yaml's round-trip tree.
ruamel attaches a comment to the node *before* it (the comment above `hypotheses:`
belongs to the last value of `outcomes:`), so moving a key in its tree moves the
comments above it to the wrong place; as text, a key's block is the key, its value,
its end-of-line comments and the comment lines directly above it, and every byte
outside the changed blocks stays as it was. Each edit is checked afterwards by parsing
the result and comparing its data (see `fmt.py` and `scaffold.py`).
"""

from __future__ import annotations

import re

_DOCUMENT_MARKER = re.compile(r"^(---|\.\.\.)(\s|$)")
_ITEM_PREFIX = re.compile(r"^( *)- +$")
_SEQUENCE_PREFIX = re.compile(r"^[ -]*$")


def split_lines(text: str) -> list[str]:
    """Lines with their newline; the last one gets a newline if it had none."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def _is_blank(line: str) -> bool:
    return not line.strip()


def leading_start(lines: list[str], index: int, indent: int) -> int:
    """First of the comment lines directly above `lines[index]`, indented at most `indent`.

    Those comments describe the line below them. Comments indented deeper belong to
    the end of the block above (and a block scalar's `#` lines are always deeper).
    """
    start = index
    while start > 0 and _is_comment(lines[start - 1]) and indent_of(lines[start - 1]) <= indent:
        start -= 1
    return start


def block_end(lines: list[str], last: int, indent: int, *, sequence: bool = False) -> int:
    """Index just past the block at `indent` whose last entry starts on line `last`.

    The block ends before the first content line indented less (or, for a sequence,
    at the same indentation without a `-`), minus the comments that lead that line.
    The end of the file counts as a line at indentation 0.
    """
    for index in range(last + 1, len(lines)):
        line = lines[index]
        if _is_blank(line) or _is_comment(line):
            continue
        depth = indent_of(line)
        ends_sequence = sequence and depth == indent and not line[depth:].startswith("-")
        if depth < indent or ends_sequence or _DOCUMENT_MARKER.match(line):
            return leading_start(lines, index, depth)
    return leading_start(lines, len(lines), 0)


def reorder_mapping(
    lines: list[str], key_lines: list[int], column: int, order: list[int]
) -> list[str] | None:
    """The lines with a block mapping's keys in `order`; None when it cannot be done as text.

    `key_lines` are the 0-based lines of the keys in their current order, `column` the
    0-based column they all start at, `order` the current indexes in the wanted order.
    The first key may follow sequence dashes (`  - id: x`): the dashes stay on the first
    line of the mapping, whichever key comes first.
    """
    first = lines[key_lines[0]]
    prefix = first[:column]
    if not _SEQUENCE_PREFIX.match(prefix):
        return None  # a flow mapping or a complex key: left as it is
    if any(lines[line][:column].strip() for line in key_lines[1:]):
        return None
    end = block_end(lines, key_lines[-1], column)
    bounds = [key_lines[0], *(leading_start(lines, k, column) for k in key_lines[1:]), end]
    blocks = [lines[bounds[i] : bounds[i + 1]] for i in range(len(key_lines))]
    blocks[0] = [" " * column + first[column:], *blocks[0][1:]]
    result: list[str] = []
    for position, index in enumerate(order):
        block = blocks[index]
        if position == 0:  # its leading comments go above the dashes, its key after them
            at = key_lines[index] - bounds[index]
            block = [*block[:at], prefix + block[at][column:], *block[at + 1 :]]
        result.extend(block)
    return [*lines[: key_lines[0]], *result, *lines[end:]]


def item_indent(lines: list[str], line: int, column: int) -> int | None:
    """Column of the `-` of a block sequence item whose content starts at (`line`, `column`)."""
    match = _ITEM_PREFIX.match(lines[line][:column])
    return len(match.group(1)) if match else None


def indent_block(text: str, dash: int, content: int | None = None) -> list[str]:
    """A scaffolded list item, written with `- ` at column 0 and its fields at column 2,
    moved to put its `-` at column `dash` and its fields at column `content`."""
    content = dash + 2 if content is None else content
    lines = split_lines(text)
    first = " " * dash + "-" + " " * (content - dash - 1) + lines[0][2:]
    return [first, *(" " * content + line[2:] if line.strip() else line for line in lines[1:])]

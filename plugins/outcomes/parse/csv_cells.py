"""Where the cells of a CSV row start, so a problem can point at its cell (`file.csv:3:12`).

Python's `csv` module gives a row's cells but not their positions. This reads one row
again by the same rules (quotes only at the start of a cell, `""` inside quotes, lines
ending at `\\n`, `\\r\\n` or `\\r`), and only when a problem needs a position, so reading a
clean file costs nothing more.
"""

from __future__ import annotations

import re

Position = tuple[int, int]

_LINE_END = re.compile(r"\r\n|\r|\n")


class CellLocator:
    """Positions of cells in one CSV text; lines and columns count from 1, in characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None

    def cells(self, line: int) -> tuple[list[Position], int | None]:
        """Where each cell of the row that starts on `line` starts, and the index of the
        cell whose quotes are broken (a quote left open, or text after a closing quote)."""
        starts = self._starts()
        if not 0 < line <= len(starts):
            return [(max(line, 1), 1)], None
        text, index, end = self.text, starts[line - 1], len(self.text)
        col, found, broken = 1, [(line, 1)], None
        quoted = closed = False
        cell_start = True
        while index < end:
            char = text[index]
            if quoted:
                if char == '"':
                    if text.startswith('"', index + 1):
                        index, col = index + 2, col + 2
                        continue
                    quoted, closed = False, True
                elif char in "\r\n":
                    index += 2 if text.startswith("\r\n", index) else 1
                    line, col = line + 1, 1
                    continue
            elif char == ",":
                found.append((line, col + 1))
                cell_start, closed = True, False
                index, col = index + 1, col + 1
                continue
            elif char in "\r\n":
                break
            elif char == '"' and cell_start:
                quoted = True
            elif closed and broken is None:
                broken = len(found) - 1
            cell_start = False
            index, col = index + 1, col + 1
        if quoted and broken is None:
            broken = len(found) - 1
        return found, broken

    def cell(self, line: int, index: int) -> Position:
        """Where cell `index` of the row that starts on `line` starts (its first cell when
        the row has fewer)."""
        found, _ = self.cells(line)
        return found[index] if index < len(found) else found[0]

    def _starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _LINE_END.finditer(self.text))]
        return self._line_starts

"""Problems as data: every stage reports `Diagnostic`s instead of raising."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is; errors fail `validate`, warnings fail only `--strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file of the project (path relative to its root, POSIX).

    Every problem has a line and a column, as ruff's do: a problem about a whole file is
    at 1:1, a problem in a CSV row at the start of its cell.
    """

    path: str
    line: int  # 1-based
    col: int  # 1-based, in characters (Unicode code points)
    severity: Severity
    code: str
    message: str
    hint: str = ""

    @property
    def location(self) -> str:
        """`path:line:col`."""
        return f"{self.path}:{self.line}:{self.col}"

    def to_dict(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by path, then line and column, errors before warnings at one place."""
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(
        set(diagnostics),
        key=lambda d: (d.path, d.line, d.col, order[d.severity], d.code, d.message),
    )


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)

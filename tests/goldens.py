"""Golden files: compare output with a reviewed file; OUTCOMES_UPDATE_GOLDEN=1 rewrites it."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

UPDATE = os.environ.get("OUTCOMES_UPDATE_GOLDEN") == "1"


def assert_golden(path: Path, actual: str) -> None:
    """Fail with a unified diff when `actual` differs from the file at `path`."""
    name = f"{path.parent.name}/{path.name}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"missing golden file {name}; create it with OUTCOMES_UPDATE_GOLDEN=1")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=name,
                tofile="actual",
            )
        )
        pytest.fail(
            f"output differs from {name} (OUTCOMES_UPDATE_GOLDEN=1 accepts it):\n{diff}",
            pytrace=False,
        )

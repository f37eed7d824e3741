"""The public Python API: what `__all__` names exists, the documented example runs, and
`import outcomes` stays light."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import outcomes

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "reference" / "python-api.md"


def test_every_name_in_all_exists() -> None:
    assert sorted(outcomes.__all__) == outcomes.__all__
    for name in outcomes.__all__:
        assert getattr(outcomes, name) is not None, name
    with pytest.raises(AttributeError):
        _ = outcomes.nothing_here  # type: ignore[attr-defined]


def test_the_page_documents_every_name() -> None:
    text = PAGE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Za-z_]+)", text, flags=re.MULTILINE))
    documented |= set(re.findall(r"`([A-Z][a-z]+)`", text))
    assert set(outcomes.__all__) <= documented


def test_the_documented_example_runs_on_the_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    example = PAGE.read_text(encoding="utf-8").split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example, str(PAGE), "exec"), {})
    assert re.fullmatch(r"[0-9]+ themes as of 2026-11-22\n", printed.getvalue())


def test_import_outcomes_is_light() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import outcomes; outcomes.Settings"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
    )  # fmt: skip
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    heavy = {"jinja2", "sqlalchemy", "mkdocs", "markdown_it", "nh3", "graphviz", "pydantic"}
    assert {name.split(".")[0] for name in imported} & heavy == set()

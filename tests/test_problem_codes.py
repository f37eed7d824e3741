"""docs/reference/problem-codes.md lists exactly the codes the code base emits, and its
examples print what the page says they print."""

from __future__ import annotations

import ast
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest

from outcomes.adapters.cli import main

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "outcomes"
PAGE = REPO / "docs" / "reference" / "problem-codes.md"
BASE_PROJECT = Path(__file__).parent / "cli" / "fixtures" / "valid"

CODE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+")
# Functions that take a problem code, whatever the position of the argument:
# Diagnostic(path, line, col, severity, code, ...), _report(where, code, ...),
# _Problem(line, col, code, ...), problem(row, code, ...) / problem(code, ...) and
# located(code, ...). A code is a string literal among their first five arguments.
CODE_TAKERS = {"Diagnostic", "_report", "_Problem", "problem", "located"}
HEADING = re.compile(r"^### `([^`]+)`$", re.MULTILINE)
EXAMPLE = re.compile(r"^Example, `([^`]+)`:\n\n```\w+\n(.*?)^```$", re.MULTILINE | re.DOTALL)
OUTPUT = re.compile(r"^```text\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def emitted_codes() -> dict[str, set[str]]:
    """Code -> the source files that emit it."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in CODE_TAKERS:
                continue
            arguments = [*node.args[:5], *(k.value for k in node.keywords if k.arg == "code")]
            for argument in arguments:
                if (
                    isinstance(argument, ast.Constant)
                    and isinstance(argument.value, str)
                    and CODE.fullmatch(argument.value)
                ):
                    found.setdefault(argument.value, set()).add(str(path.relative_to(REPO)))
    return found


def sections() -> dict[str, str]:
    """Code -> the text of its section on the page."""
    text = PAGE.read_text(encoding="utf-8")
    heads = list(HEADING.finditer(text))
    return {
        head.group(1): text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else None]
        for i, head in enumerate(heads)
    }


def test_extraction_finds_codes_in_every_stage() -> None:
    codes = emitted_codes()
    # One code from each stage, to catch an extraction that silently finds nothing.
    for code in ("yaml-syntax", "file-encoding", "csv-date", "unknown-field", "invalid-date",
                 "duplicate-id", "kpi-stale", "diagram-failed"):  # fmt: skip
        assert code in codes, code


def test_every_emitted_code_is_documented() -> None:
    undocumented = {
        code: sorted(files) for code, files in emitted_codes().items() if code not in sections()
    }
    assert undocumented == {}, "add these codes to docs/reference/problem-codes.md"


def test_every_documented_code_is_emitted() -> None:
    stale = sorted(set(sections()) - set(emitted_codes()))
    assert stale == [], "the source no longer emits these documented codes"


def test_codes_are_documented_once() -> None:
    headings = HEADING.findall(PAGE.read_text(encoding="utf-8"))
    assert len(headings) == len(set(headings))


@pytest.mark.parametrize("code", sorted(sections()))
def test_section_gives_severity_and_fix(code: str) -> None:
    text = sections()[code]
    assert re.search(r"^\*\*(error|warning|info)\*\*", text, re.MULTILINE), code
    assert "**Fix:**" in text, code


EXAMPLES = {code: text for code, text in sections().items() if EXAMPLE.search(text)}


def entries(output: str) -> list[str]:
    """Diagnostics of printed output, each with its hint line."""
    found: list[str] = []
    for line in output.splitlines():
        if line.startswith("  hint: ") and found:
            found[-1] += "\n" + line
        else:
            found.append(line)
    return found


def test_most_codes_have_a_runnable_example() -> None:
    assert len(EXAMPLES) >= 35


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_example_prints_what_the_page_says(code: str, tmp_path: Path) -> None:
    text = EXAMPLES[code]
    project = tmp_path / "project"
    shutil.copytree(BASE_PROJECT, project)
    for relative, content in EXAMPLE.findall(text):
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (expected,) = OUTPUT.findall(text)
    out, err = StringIO(), StringIO()
    main(["validate", str(project), "--as-of", "2026-11-22"], out=out, err=err)
    assert err.getvalue() == ""
    printed = entries(out.getvalue())
    for entry in entries(expected):
        assert f"[{code}]" in entry
        assert entry in printed, f"not printed:\n{entry}\n\nprinted:\n{out.getvalue()}"

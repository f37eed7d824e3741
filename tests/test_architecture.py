"""The shape of the code base: a core independent of MkDocs, and a demo that validates."""

from __future__ import annotations

import ast
from io import StringIO
from pathlib import Path

from outcomes.adapters.cli import main

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "outcomes"
ADAPTER = PACKAGE / "adapters" / "mkdocs_plugin.py"


def imported_modules(source: Path) -> set[str]:
    """Every module a file imports, at any depth (also inside functions)."""
    tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value))
    return found


def test_core_never_imports_mkdocs() -> None:
    core = [p for p in sorted(PACKAGE.rglob("*.py")) if p != ADAPTER]
    assert len(core) > 20, "the package was not found where expected"
    offenders = {
        str(path.relative_to(REPO)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] in ("mkdocs", "material")
        )
        for path in core
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_check_sees_imports_at_any_depth(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n    from mkdocs.config import base\n"
        "import importlib\nimportlib.import_module('mkdocs.plugins')\n"
    )
    assert {"mkdocs.config", "mkdocs.plugins"} <= imported_modules(sample)


def test_demo_content_validates_cleanly() -> None:
    for folder in ("roadmap", "journeys", "okrs"):
        assert (REPO / folder).is_dir(), f"the demo's {folder}/ is missing"
    out, err = StringIO(), StringIO()
    code = main(["validate", str(REPO), "--as-of", "2026-11-22"], out=out, err=err)
    problems = [
        line for line in out.getvalue().splitlines() if "error[" in line or "warning[" in line
    ]
    assert (code, err.getvalue(), problems) == (0, "", [])

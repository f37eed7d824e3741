"""The core never imports MkDocs: only the MkDocs adapter does (STYLE, habit 2).

This is what lets the same core run under the CLI, `outcomes generate` and a future
host such as Zensical.
"""

from __future__ import annotations

import ast
from pathlib import Path

import outcomes

PACKAGE = Path(outcomes.__file__).parent
ADAPTER = PACKAGE / "adapters" / "mkdocs_plugin.py"
HOST_PACKAGES = ("mkdocs", "material")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            modules.add(node.args[0].value)
    return modules


def test_core_modules_never_import_mkdocs() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == ADAPTER:
            continue
        host = {m for m in imported_modules(path) if m.split(".")[0] in HOST_PACKAGES}
        if host:
            offenders[path.relative_to(PACKAGE).as_posix()] = sorted(host)
    assert offenders == {}


def test_the_check_sees_the_adapter_import() -> None:
    assert "mkdocs.plugins" in imported_modules(ADAPTER)
    assert len(list(PACKAGE.rglob("*.py"))) > 10

"""The shape of the code base: layers whose imports only go down, a core independent of
MkDocs, located diagnostics, and a demo that validates."""

from __future__ import annotations

import ast
from io import StringIO
from pathlib import Path

from outcomes.adapters.cli import main

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plugins" / "outcomes"
ADAPTER = PACKAGE / "adapters" / "mkdocs_plugin.py"

# The parts of the package (subpackages and top-level modules), lowest first. A part
# imports only parts to its left; parts joined by "/" share a layer and never import each
# other. The package's own `__init__.py` is its public face: above every layer, imported
# by none. The README states this same line.
LAYERS = (
    "diagnostics/suggestions/generations → parse/settings → schema → load → model → history"
    " → render → pipeline → publication/output_dir/api → changes/edit/markdown → adapters"
)
ROOT = "outcomes"


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


def layer_numbers(order: str = LAYERS) -> dict[str, int]:
    """Part -> its layer, 0 the lowest."""
    return {
        part.strip(): number
        for number, layer in enumerate(order.split("→"))
        for part in layer.split("/")
    }


def part_of(path: Path, package: Path) -> str:
    """The part a file belongs to: its subpackage, or its module's name at the top."""
    relative = path.relative_to(package)
    if relative.parts == ("__init__.py",):
        return ROOT
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_parts(source: Path, known: set[str]) -> set[str]:
    """The parts of the package a file imports, at any depth (`from outcomes import x` too)."""
    found: set[str] = set()
    for name in imported_modules(source):
        parts = name.split(".")
        if parts[0] == ROOT:
            found.add(parts[1] if len(parts) > 1 else ROOT)
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        if isinstance(node, ast.ImportFrom) and node.module == ROOT and node.level == 0:
            found.discard(ROOT)
            found.update(alias.name if alias.name in known else ROOT for alias in node.names)
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    """Part -> the other parts it imports."""
    files = sorted(package.rglob("*.py"))
    known = {part_of(path, package) for path in files}
    graph: dict[str, set[str]] = {part: set() for part in known}
    for path in files:
        part = part_of(path, package)
        graph[part] |= imported_parts(path, known) - {part}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of parts that import each other, directly or through others (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(part: str) -> None:
        index[part] = low[part] = len(index)
        stack.append(part)
        for other in sorted(graph.get(part, ())):
            if other not in index:
                visit(other)
                low[part] = min(low[part], low[other])
            elif other in stack:
                low[part] = min(low[part], index[other])
        if low[part] == index[part]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == part:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for part in sorted(graph):
        if part not in index:
            visit(part)
    return found


def upward_imports(graph: dict[str, set[str]], order: str = LAYERS) -> list[str]:
    """Every import of a part at or above the importer's layer, as "importer → imported"."""
    layers = layer_numbers(order)
    top = len(layers)
    return sorted(
        f"{part} → {other}"
        for part, others in graph.items()
        for other in others
        if part != ROOT and layers.get(other, top) >= layers.get(part, top)
    )


def test_the_layers_are_written_once_and_the_readme_states_them() -> None:
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert f"`{LAYERS}`" in readme, "README.md must state the layer order of LAYERS"


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = set(import_graph(PACKAGE)) - {ROOT}
    assert len(parts) >= 10, "the package was not found where expected"
    assert sorted(parts - set(layer_numbers())) == [], "place these parts in LAYERS (and README)"
    assert sorted(set(layer_numbers()) - parts) == [], "LAYERS names parts that do not exist"


def test_imports_only_go_down() -> None:
    assert upward_imports(import_graph(PACKAGE)) == []


def test_no_parts_import_each_other() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_the_package_uses_absolute_imports_only() -> None:
    relative = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == [], "the import-order check reads absolute imports"


def test_the_layer_check_sees_cycles_and_upward_imports(tmp_path: Path) -> None:
    package = tmp_path / "outcomes"
    (package / "low").mkdir(parents=True)
    (package / "high").mkdir()
    (package / "__init__.py").write_text("")
    (package / "low" / "a.py").write_text("def f():\n    from outcomes import high\n")
    (package / "high" / "b.py").write_text("import outcomes.low.a\nimport outcomes.base\n")
    (package / "base.py").write_text("import importlib\nimportlib.import_module('outcomes')\n")
    graph = import_graph(package)
    assert graph == {"outcomes": set(), "low": {"high"}, "high": {"low", "base"},
                     "base": {"outcomes"}}  # fmt: skip
    assert cycles(graph) == [["high", "low"]]
    assert upward_imports(graph, "base → low → high") == ["base → outcomes", "low → high"]
    assert upward_imports(graph, "base → low/high") == ["base → outcomes", "high → low",
                                                        "low → high"]  # fmt: skip


def test_no_diagnostic_is_made_without_a_line_or_a_column() -> None:
    """Every problem has a position: a whole file is at 1:1, a CSV problem at its cell."""
    zeros = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Diagnostic"
        and any(isinstance(a, ast.Constant) and a.value in (0, None) for a in node.args[1:3])
    ]
    assert zeros == []


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

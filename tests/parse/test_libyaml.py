"""Both libyaml bindings give the same documents, positions and problems; ruamel.yaml.clib's
is the fallback when PyYAML has no libyaml."""

from __future__ import annotations

import subprocess
import sys

import pytest

from outcomes.parse.libyaml import load_binding
from outcomes.parse.yaml_reader import read_yaml

DOCUMENTS = [
    "id: a\ntitle: T\nhorizon: now\n",
    'title: "ééé"\nété:\n  ünïcödé: [x, 😀, y]\n',
    "id: a\r\ntitle: T\r\nhorizon: now\r\n",
    "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc: 'single'\nd: \"double\\x07\"\n",
    "list:\n  - 1\n  - 1.5\n  - .inf\n  - 012\n  - yes\n  - ~\n  - true\n",
    "nested: {a: [1, {b: c}], d: []}\n",
    "---\nid: a\n...\n",
    # problems
    "id: x\ntitle: [a, b\n",
    "id: x\noutcomes:\n\t- kpi: a\n",
    "title: 'open\n",
    "id: x\ntitle: café\x07\n",
    "id: x\rtitle: café\x07\r",
    "title: x\ufffe\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\na: 2\n",
    "? [a]\n: b\n",
    "<<: {a: 1}\n",
    "",
    "# only a comment\n",
    "a: b: c\n",
    "[" * 50 + "]" * 50,
    "a: " + "[" * 2000 + "]" * 2000 + "\n",  # past PyYAML's libyaml limit of 1,000 levels
    "key: value\n  bad indent: x\n",
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_both_bindings_read_the_same(text: str) -> None:
    raw = text.encode("utf-8")
    results = []
    for name in ("ruamel.yaml.clib", "PyYAML"):
        document, problems = read_yaml(raw, "f.yaml", binding=load_binding(name))
        shape = None if document is None else (
            document.data, document.positions, document.key_positions
        )  # fmt: skip
        results.append((shape, problems))
    assert results[0] == results[1]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_ruamel_yaml_clib_is_the_fallback_when_pyyaml_has_no_libyaml() -> None:
    result = _run(
        "import sys; sys.modules['yaml._yaml'] = None\n"
        "from outcomes.parse import yaml_reader\n"
        "document, problems = yaml_reader.read_yaml(b'id: a\\n', 'f.yaml')\n"
        "print(document.data, problems, yaml_reader._BINDING.name, '_ruamel_yaml' in sys.modules)\n"
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "{'id': 'a'} [] ruamel.yaml.clib True\n"


def test_ruamel_yaml_is_not_imported_while_pyyaml_has_libyaml() -> None:
    result = _run(
        "import sys\n"
        "from outcomes.parse import yaml_reader\n"
        "yaml_reader.read_yaml(b'id: a\\n', 'f.yaml')\n"
        "ruamel = [m for m in sys.modules if m.startswith(('ruamel', '_ruamel'))]\n"
        "print(yaml_reader._BINDING.name, ruamel)\n"
    )
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "PyYAML []\n")


def test_without_any_binding_the_error_says_what_to_install() -> None:
    result = _run(
        "import sys; sys.modules['_ruamel_yaml'] = sys.modules['yaml._yaml'] = None\n"
        "from outcomes.parse import yaml_reader\n"
        "yaml_reader.read_yaml(b'id: a\\n', 'f.yaml')\n"
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "ImportError: Outcomes reads YAML with libyaml, through PyYAML or ruamel.yaml.clib: "
        "install PyYAML with its libyaml extension (yaml.__with_libyaml__), or ruamel.yaml.clib"
    )

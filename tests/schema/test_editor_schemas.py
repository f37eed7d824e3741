"""The JSON Schemas editors use: committed in schemas/, in step with the models, draft-07
(what the YAML language server of VS Code, JetBrains and Neovim implements), described,
and true to the demo roadmap, whose files all name their schema in a modeline."""

from __future__ import annotations

import functools
import json
import os
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from outcomes.adapters.cli import main
from outcomes.diagnostics import has_errors
from outcomes.load.project import Layout, SourceFile, Sources, load
from outcomes.parse.yaml_reader import read_yaml
from outcomes.schema.jsonschema import json_schemas
from outcomes.schema.kinds import KINDS, Kind

REPO = Path(__file__).resolve().parent.parent.parent
SCHEMAS = REPO / "schemas"
VALID_FIXTURE = REPO / "tests" / "cli" / "fixtures" / "valid"
MODELINE = "# yaml-language-server: $schema="
# Keywords of drafts after 7 that draft-07 tools ignore or refuse.
NEWER_KEYWORDS = {
    "$defs", "prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired",
    "dependentSchemas", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef",
    "minContains", "maxContains", "contentSchema",
}  # fmt: skip


def schema_of(kind: Kind) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(json_schemas()[kind.schema_file])
    return schema


def walk(node: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object inside `node`, with a JSON-pointer-like place."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        found.append((where, node))
        for key, value in node.items():
            found.extend(walk(value, f"{where}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(walk(value, f"{where}/{index}"))
    return found


@functools.cache
def loaded(root: Path) -> Sources:
    return load(Layout(root))


def demo_files() -> list[SourceFile]:
    sources = loaded(REPO)
    assert not has_errors(sources.diagnostics), sources.diagnostics
    assert len(sources.files) == sources.file_count >= 15, "a demo file did not load"
    return sources.files


# -- committed and in step with the models ---------------------------------------------------


def test_committed_schemas_are_what_the_models_generate(tmp_path: Path) -> None:
    out = StringIO()
    assert main(["schema", "--out", str(tmp_path)], out=out) == 0
    generated = {path.name: path.read_bytes() for path in sorted(tmp_path.iterdir())}
    committed = {path.name: path.read_bytes() for path in sorted(SCHEMAS.glob("*.json"))}
    stale = sorted(
        name
        for name in generated.keys() | committed.keys()
        if generated.get(name) != committed.get(name)
    )
    assert stale == [], (
        f"schemas/ differs from the models in {', '.join(stale)}: run "
        "`outcomes schema --out schemas` at the repository root and commit the result"
    )
    assert sorted(committed) == sorted(kind.schema_file for kind in KINDS)


# -- draft-07, for the YAML language server --------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_schema_is_valid_draft_07(kind: Kind) -> None:
    schema = schema_of(kind)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    newer = sorted(
        f"{where}: {key}"
        for where, node in walk(schema)
        if not where.endswith("/properties")  # there keys are field names
        for key in node
        if key in NEWER_KEYWORDS
    )
    assert newer == []


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_ref_points_into_definitions_and_stands_alone(kind: Kind) -> None:
    schema = schema_of(kind)
    refs = [(where, node) for where, node in walk(schema) if "$ref" in node]
    assert refs, "expected nested models to be referenced"
    for where, node in refs:
        target = node["$ref"]
        assert target.startswith("#/definitions/"), where
        assert target.removeprefix("#/definitions/") in schema["definitions"], where
        # draft-07 ignores every keyword beside `$ref`: a description there would be lost
        assert list(node) == ["$ref"], where


def properties_of(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(model.field, schema) of every field of the kind's models."""
    models = {"<root>": schema, **schema.get("definitions", {})}
    return [
        (f"{model}.{field}", prop)
        for model, node in models.items()
        for field, prop in node.get("properties", {}).items()
    ]


def refers_to_a_model(prop: dict[str, Any]) -> bool:
    text = json.dumps(prop)
    return '"$ref"' in text


def has_enum(prop: dict[str, Any]) -> bool:
    return "enum" in prop or any("enum" in branch for branch in prop.get("anyOf", []))


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_field_has_a_description_and_plain_values_have_examples(kind: Kind) -> None:
    schema = schema_of(kind)
    assert schema.get("description"), "the model's docstring"
    fields = properties_of(schema)
    assert len(fields) >= 2
    assert [name for name, prop in fields if not prop.get("description")] == []
    lacking = [
        name
        for name, prop in fields
        if "examples" not in prop and not has_enum(prop) and not refers_to_a_model(prop)
    ]
    assert lacking == [], "add `examples=` to these fields in plugins/outcomes/schema/"


def test_optional_fields_show_their_own_example_not_the_shared_types() -> None:
    theme = schema_of(KINDS[0])
    owner = theme["properties"]["owner"]
    assert owner["examples"] == ["growth"]
    assert all("examples" not in branch for branch in owner["anyOf"])
    kpis = theme["definitions"]["MeasuredBy"]["properties"]["kpi"]
    assert kpis["examples"] == ["week1-invite-rate"]


# -- true to the demo roadmap ----------------------------------------------------------------


def test_every_demo_file_names_its_schema_in_a_modeline() -> None:
    wrong = []
    for source in demo_files():
        path = REPO / source.path
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        expected = os.path.relpath(SCHEMAS / source.kind.schema_file, path.parent)
        expected = Path(expected).as_posix()
        if first_line != MODELINE + expected:
            wrong.append(f"{source.path}: {first_line!r}, expected {MODELINE + expected!r}")
        elif not (path.parent / expected).resolve().is_file():
            wrong.append(f"{source.path}: {expected} does not exist")
    assert wrong == []


def test_every_demo_yaml_file_is_a_roadmap_file() -> None:
    """The modeline check above sees every YAML file under the three folders."""
    on_disk = sorted(
        path.relative_to(REPO).as_posix()
        for folder in ("roadmap", "journeys", "okrs")
        for path in (REPO / folder).rglob("*")
        if path.suffix in (".yaml", ".yml")
    )
    assert on_disk == sorted(source.path for source in demo_files())


@pytest.mark.parametrize("root", [REPO, VALID_FIXTURE], ids=["demo", "valid-fixture"])
def test_schemas_accept_every_valid_file(root: Path) -> None:
    sources = loaded(root)
    assert sources.files
    problems = [
        f"{source.path}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for source in sources.files
        for error in jsonschema.Draft7Validator(schema_of(source.kind)).iter_errors(
            source.document.data
        )
    ]
    assert problems == []


BAD_THEME = """\
id: Onboarding
title: New teams reach value
horizon: nwo
problm: typo
outcomes:
  - kpi: invite-rate
    target: 0.5
hypotheses:
  - id: checklist
    title: Checklist
    status: testing
    we_believe: a checklist
    for: admins
    will_result_in: invites
    scores: {value: 7, viability: 3, usability: 3, feasibility: 3}
    evidence:
      - title: Notes
"""


def test_schemas_reject_a_broken_file() -> None:
    document, problems = read_yaml(BAD_THEME.encode(), "roadmap/onboarding.yaml")
    assert document is not None and problems == []
    validator = jsonschema.Draft7Validator(schema_of(KINDS[0]))
    found = sorted(
        ("/".join(map(str, error.absolute_path)), error.validator)
        for error in validator.iter_errors(document.data)
    )
    assert found == [
        ("", "additionalProperties"),  # problm
        ("horizon", "enum"),
        ("hypotheses/0/evidence/0", "required"),  # url
        ("hypotheses/0/scores", "anyOf"),  # value: 7 is above 5
        ("id", "pattern"),
        ("outcomes/0", "required"),  # by
    ]

"""JSON Schema of every kind, for editors (Draft-7) and the reference docs.

Editors read these files through the YAML language server (VS Code's YAML extension,
JetBrains IDEs, Neovim), which implements JSON Schema draft-07. Pydantic writes a
newer dialect, so the schema is brought down to draft-07 here: `definitions` instead
of `$defs`, and no keyword that draft-07 lacks (pydantic emits `prefixItems` only for
tuples, which the format does not use; tests/schema checks the generated files).
The committed copies in schemas/ are these files; `outcomes schema --out schemas`
rewrites them.
"""

from __future__ import annotations

import json
from typing import Any

from outcomes.schema.kinds import KINDS

_DOCS = ("description", "examples", "title")


def _tidy(node: Any) -> Any:
    """Draft-07 details that editors show, applied recursively.

    - An optional field is `anyOf: [<type>, {"type": "null"}]`; the field's own
      description and examples stand beside the `anyOf`, so the shared type's generic
      ones (say, the example id of any slug) are dropped from the branch (its examples
      move up when the field has none); likewise the items of a list whose field
      has examples of its own.
    - In draft-07, keywords beside a `$ref` are ignored, so a described `$ref` becomes
      `allOf: [{"$ref": ...}]` with the description beside it.
    """
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tidy(value) for key, value in node.items()}
    branches = node.get("anyOf")
    if "description" in node and isinstance(branches, list) and {"type": "null"} in branches:
        for branch in branches:
            if "examples" in branch and "examples" not in node:
                node["examples"] = branch["examples"]
        node["anyOf"] = [{k: v for k, v in b.items() if k not in _DOCS} for b in branches]
    items = node.get("items")
    if "examples" in node and isinstance(items, dict) and "examples" in items:
        node["items"] = {k: v for k, v in items.items() if k != "examples"}
    if "$ref" in node and len(node) > 1:
        node = {"allOf": [{"$ref": node["$ref"]}], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def json_schema(kind_name: str) -> dict[str, Any]:
    kind = next(k for k in KINDS if k.name == kind_name)
    schema = kind.model.model_json_schema(
        by_alias=True, ref_template="#/definitions/{model}", mode="validation"
    )
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    tidy: dict[str, Any] = _tidy(schema)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"Outcomes format v1: {kind.title}",
        **{k: v for k, v in tidy.items() if k != "title"},
    }


def json_schemas() -> dict[str, str]:
    """File name -> JSON text, for every kind."""
    return {
        kind.schema_file: json.dumps(json_schema(kind.name), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }

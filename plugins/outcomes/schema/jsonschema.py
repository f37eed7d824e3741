"""JSON Schema of every kind, for editors (Draft-7 compatible) and the reference docs."""

from __future__ import annotations

import json
from typing import Any

from outcomes.schema.kinds import KINDS


def json_schema(kind_name: str) -> dict[str, Any]:
    kind = next(k for k in KINDS if k.name == kind_name)
    schema = kind.model.model_json_schema(
        by_alias=True, ref_template="#/definitions/{model}", mode="validation"
    )
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"Outcomes format v1: {kind.title}",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def json_schemas() -> dict[str, str]:
    """File name -> JSON text, for every kind."""
    return {
        kind.schema_file: json.dumps(json_schema(kind.name), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }

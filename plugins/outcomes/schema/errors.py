"""Pydantic's validation errors turned into located diagnostics with stable codes."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.yaml_reader import YamlDocument
from outcomes.suggestions import did_you_mean

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def validate_document(
    document: YamlDocument, model: type[BaseModel]
) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate parsed data against a kind's model; every error located in the file."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        return None, [to_diagnostic(error, document, model) for error in exc.errors()]


def to_diagnostic(error: ErrorDetails, document: YamlDocument, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    field = str(loc[-1]) if loc else ""
    where = _describe(loc)

    def located(code: str, message: str, hint: str = "", *, key: bool = False) -> Diagnostic:
        line, col = document.position(loc, key=key)
        return Diagnostic(document.path, line, col, Severity.ERROR, code, message, hint)

    if kind == "extra_forbidden":
        names = _field_names(model, loc[:-1])
        hint = did_you_mean(field, names) or f"allowed here: {', '.join(sorted(names))}"
        return located("unknown-field", f"unknown field {field!r}{where[1]}", hint, key=True)
    if kind == "missing":
        line, col = document.position(loc[:-1])
        return Diagnostic(
            document.path, line, col, Severity.ERROR, "missing-field",
            f"missing required field {field!r}{where[1]}",
        )  # fmt: skip
    if kind == "literal_error":
        expected = [str(x).strip("'") for x in _literal_choices(error)]
        shown = _show(value)
        return located(
            "invalid-choice",
            f"{where[0]} is {shown}; expected one of: {', '.join(expected)}",
            did_you_mean(str(value), expected),
        )
    if kind == "string_pattern_mismatch":
        return located("invalid-format", f"{where[0]} {_show(value)} {_pattern_message(loc)}")
    if kind == "finite_number":
        return located("not-finite", f"{where[0]} must be a finite number, not {_show(value)}")
    if kind in _TYPE_NAMES:
        return located(
            "wrong-type",
            f"{where[0]} must be {_TYPE_NAMES[kind]}, not {_describe_value(value)}",
            _type_hint(kind, value),
        )
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return located("out-of-range", f"{where[0]} is {_show(value)}: {message.lower()}")
    if kind in ("string_too_long", "too_long"):
        return located("too-long", f"{where[0]} is too long: {message.lower()}")
    code = "invalid-date" if "date" in message else "invalid-value"
    return located(code, f"{where[0]}: {message}" if where[0] != "file" else message)


def _describe(loc: tuple[int | str, ...]) -> tuple[str, str]:
    """A readable name for a location: ("`hypotheses[2].status`", " in `hypotheses[2]`")."""
    if not loc:
        return "file", ""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    parent = text.rsplit(".", 1)[0] if "." in text else ""
    return f"`{text}`", (f" in `{parent}`" if parent else "")


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, int | float):
        return f"the number {_show(value)}"
    if value is None:
        return "empty (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "True", "False", "TRUE", "FALSE", "Yes", "No"}


def _type_hint(kind: str, value: Any) -> str:
    if kind == "bool_type" and isinstance(value, str) and value in _BOOL_WORDS:
        return "write true or false"
    if kind in ("int_type", "float_type") and isinstance(value, str):
        stripped = value.lstrip("+-")
        if len(stripped) > 1 and stripped.startswith("0") and stripped[1].isdigit():
            return "numbers with a leading zero are ambiguous; remove the zero"
        return "write the number without quotes"
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return "the number is too large"
    if kind == "string_type" and value is None:
        return "write a value after the colon, or remove the line"
    return ""


def _pattern_message(loc: tuple[int | str, ...]) -> str:
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if last == "period":
        return "is not a period such as 2026-Q4, 2026-H1 or 2026"
    if last == "journey_steps":
        return "is not a journey step as <journey-id>/<step-id>"
    if last == "url":
        return "is not a `${ENV_VAR}` reference (secrets never live in YAML)"
    return "is not a valid id: use lowercase letters, digits and dashes"


def _literal_choices(error: ErrorDetails) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return [part.strip() for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _field_names(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names (as written in YAML) of the model found at `loc`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = current.model_fields
        info = next((f for name, f in fields.items() if (f.alias or name) == part), None)
        if info is None:
            return []
        nested = _model_in(info.annotation)
        if nested is None:
            return []
        current = nested
    return [info.alias or name for name, info in current.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None

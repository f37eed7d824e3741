"""Pydantic's validation errors turned into located diagnostics with stable codes."""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.parse.yaml_reader import YamlDocument
from outcomes.schema.common import PERIOD_PATTERN
from outcomes.schema.fields import field_for, field_names, model_at
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


def to_diagnostic(
    error: ErrorDetails, document: YamlDocument, model: type[BaseModel]
) -> Diagnostic:
    """One pydantic error as a diagnostic at the YAML node it is about."""
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    field = str(loc[-1]) if loc else ""
    where, parent = _describe(loc)
    ctx = error.get("ctx") or {}

    def located(code: str, message: str, hint: str = "", *, key: bool = False) -> Diagnostic:
        line, col = document.position(loc, key=key)
        return Diagnostic(document.path, line, col, Severity.ERROR, code, message, hint)

    if "at" in ctx and "hint" in ctx:  # raised by our own validators, code included
        if ctx["at"]:
            loc = (*loc, ctx["at"])
        message = f"{where}: {error['msg']}" if loc and where != "file" else error["msg"]
        return located(kind, message, str(ctx["hint"]))
    if kind == "extra_forbidden":
        names = _field_names(model, loc[:-1])
        hint = did_you_mean(field, names) or f"allowed here: {', '.join(sorted(names))}"
        return located("unknown-field", f"unknown field {field!r}{parent}", hint, key=True)
    if kind == "missing":
        line, col = document.position(loc[:-1])
        description = _field_description(model, loc)
        return Diagnostic(
            document.path,
            line,
            col,
            Severity.ERROR,
            "missing-field",
            f"missing required field {field!r}{parent}",
            f"add `{field}:` ({description})" if description else f"add `{field}:`",
        )
    if kind == "literal_error":
        expected = _literal_choices(error)
        if value is None:
            return located(
                "invalid-choice", f"{where} is empty; write one of: {', '.join(expected)}"
            )
        return located(
            "invalid-choice",
            f"{where} is {_show(value)}; expected one of: {', '.join(expected)}",
            did_you_mean(str(value), expected),
        )
    if kind == "string_pattern_mismatch":
        message, hint = _pattern_problem(loc, value)
        return located("invalid-format", f"{where} {_show(value)} {message}", hint)
    if kind == "finite_number":
        return located(
            "not-finite",
            f"{where} must be a finite number, not {_show(value)}",
            "write a number such as 0.5; leave the field out if there is no value",
        )
    if kind in _TYPE_NAMES:
        return located(
            "wrong-type",
            f"{where} must be {_TYPE_NAMES[kind]}, not {describe_value(value)}",
            _type_hint(kind, value),
        )
    if kind in _BOUNDS:
        bound = next(iter(ctx.values()), "")
        return located(
            "out-of-range", f"{where} is {_show(value)}; it must be {_BOUNDS[kind]} {bound}"
        )
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length", "")
        unit = "characters" if isinstance(value, str) else "entries"
        return located("too-long", f"{where} has more than {limit} {unit}", "shorten it")
    if kind in ("string_too_short", "too_short"):
        return located("empty-value", f"{where} must not be empty", "write a value or remove it")
    # Anything else is a mistake of ours: an error type without its own message here.
    message = error["msg"].removeprefix("Value error, ")
    return located("invalid-value", f"{where}: {message}" if where != "file" else message)


_BOUNDS = {
    "greater_than_equal": "at least",
    "less_than_equal": "at most",
    "greater_than": "more than",
    "less_than": "less than",
}


def _describe(loc: tuple[int | str, ...]) -> tuple[str, str]:
    """A readable name for a location: ("`hypotheses[2].status`", " in `hypotheses[2]`")."""
    if not loc:
        return "file", ""
    # The parent comes from the location, not from the text: a key may hold a dot.
    last_key = max((i for i, part in enumerate(loc) if isinstance(part, str)), default=0)
    parent = _path_text(loc[:last_key])
    return f"`{_path_text(loc)}`", (f" in `{parent}`" if parent else "")


def _path_text(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_value(value: Any) -> str:
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


def _type_hint(kind: str, value: Any) -> str:
    if kind in ("int_type", "float_type") and isinstance(value, str):
        if _LEADING_ZERO.match(value):
            return "numbers with a leading zero are ambiguous; remove the zero"
        if _is_number(value):
            return "write the number without quotes"
        return "write a number, such as 0.5" if kind == "float_type" else "write a whole number"
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return "the number is too large"
    if kind == "string_type" and value is None:
        return "write a value after the colon, or remove the line"
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"put the value in quotes: '{value}'"
    return ""


_LEADING_ZERO = re.compile(r"\s*[-+]?0[0-9]")


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _pattern_problem(loc: tuple[int | str, ...], value: Any) -> tuple[str, str]:
    """What a text that does not match its field's pattern should look like."""
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if last == "period":
        upper = str(value).strip().upper()
        hint = f"did you mean {upper!r}?" if re.fullmatch(PERIOD_PATTERN, upper) else ""
        return "is not a period such as 2026-Q4, 2026-H1 or 2026", hint
    if last == "journey_steps":
        return "is not a journey step as <journey-id>/<step-id>", ""
    if last == "url":
        return (
            "is not a `${ENV_VAR}` reference",
            "secrets never live in YAML: set an environment variable and write `${NAME}`",
        )
    slug = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    hint = f"did you mean {slug!r}?" if slug and slug != value else ""
    return "is not a valid id: use lowercase letters, digits and dashes", hint


def _literal_choices(error: ErrorDetails) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    parts = expected.replace(" or ", ", ").split(",")
    return [part.strip().strip("'") for part in parts if part.strip()]


def _field_names(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names (as written in YAML) of the model found at `loc`."""
    found = model_at(model, loc)
    return [] if found is None else field_names(found)


def _field_description(model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    """The description of the field at `loc`, written once in the schema, for hints."""
    found = model_at(model, loc[:-1]) if loc else None
    if found is None:
        return ""
    info = field_for(found, str(loc[-1]))
    return (info.description or "").rstrip(".") if info is not None else ""

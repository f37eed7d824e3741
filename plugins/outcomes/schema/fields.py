"""Walking the format models by the keys written in YAML: which field, and which model, a key
leads to.

Error hints ("allowed here: ...", a missing field's description) and `outcomes fmt`'s key
order follow the same models, so both walk them with these functions.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

Location = tuple[str | int, ...]


def field_names(model: type[BaseModel]) -> list[str]:
    """Keys of `model` as written in YAML (aliases such as `for`, `from`), in field order."""
    return [field.alias or name for name, field in model.model_fields.items()]


def field_for(model: type[BaseModel], key: str) -> FieldInfo | None:
    """The field of `model` written as `key` in YAML (its alias, else its name)."""
    return next((f for name, f in model.model_fields.items() if (f.alias or name) == key), None)


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Outcome]` or `MeasuredBy | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return nested_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = nested_model(argument)
            if found is not None:
                return found
    return None


def child_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of the value under `key` (or of its items, for a list)."""
    info = field_for(model, key)
    return nested_model(info.annotation) if info is not None else None


def model_at(model: type[BaseModel], loc: Location) -> type[BaseModel] | None:
    """The model of the mapping found at `loc` (list indexes skipped), if known."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        current = child_model(current, part) if current is not None else None
    return current

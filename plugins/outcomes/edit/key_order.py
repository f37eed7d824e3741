"""The canonical key order of every mapping: the order of the fields in the format models.

`Theme` lists `id, title, horizon, owner, problem, outcomes, hypotheses`, so a theme file
is written in that order; nested mappings follow their own model (a hypothesis follows
`Hypothesis`, its `measured_by` follows `MeasuredBy`). Keys the models do not know keep
their order after the known ones: `validate` reports them, `fmt` never drops them.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

Path = tuple[str | int, ...]


def field_names(model: type[BaseModel]) -> list[str]:
    """Keys of `model` as written in YAML (aliases such as `for`, `from`), in field order."""
    return [field.alias or name for name, field in model.model_fields.items()]


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Outcome]` or `MeasuredBy | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _nested_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = _nested_model(argument)
            if found is not None:
                return found
    return None


def child_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of the value under `key` (or of its items, for a list)."""
    for name, field in model.model_fields.items():
        if key in (name, field.alias):
            return _nested_model(field.annotation)
    return None


def canonical_keys(keys: list[Any], model: type[BaseModel]) -> list[Any]:
    """`keys` in the model's field order; unknown keys after them, in their own order."""
    known = {name: index for index, name in enumerate(field_names(model))}
    return sorted(keys, key=lambda k: known.get(k, len(known)) if isinstance(k, str) else 1 << 30)


def misordered(
    data: Any, model: type[BaseModel] | None, path: Path = ()
) -> Iterator[tuple[Path, list[Any]]]:
    """Each mapping whose keys are out of canonical order, outermost first: its path and
    its keys in canonical order."""
    if isinstance(data, dict):
        wanted = canonical_keys(list(data), model) if model is not None else list(data)
        if wanted != list(data):
            yield path, wanted
        for key, value in data.items():
            nested = child_model(model, key) if model is not None else None
            yield from misordered(value, nested, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from misordered(item, model, (*path, index))

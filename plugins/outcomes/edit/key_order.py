"""The canonical key order of every mapping: the order of the fields in the format models.

`Theme` lists `id, title, horizon, owner, problem, outcomes, hypotheses`, so a theme file
is written in that order; nested mappings follow their own model (a hypothesis follows
`Hypothesis`, its `measured_by` follows `MeasuredBy`). Keys the models do not know keep
their order after the known ones: `validate` reports them, `fmt` never drops them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from outcomes.schema.fields import child_model, field_names

Path = tuple[str | int, ...]


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

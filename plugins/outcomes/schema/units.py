"""The units a KPI may have, and how each one's values are written for people.

One table, so a unit is added in one place: the schema's `Unit` (what YAML may say),
the JSON Schema's enum and every number the site shows (`outcomes.render.numbers`)
all read it. Before, the renderer kept its own list, and a unit added to the schema
made the site build raise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Unit = Literal[
    "percent", "ratio", "count", "currency", "ms", "seconds", "minutes", "hours", "days", "score"
]


@dataclass(frozen=True)
class UnitFormat:
    """How a value of one unit is written: `prefix`, `value * scale` in `decimals`, `suffix`."""

    scale: float = 1
    decimals: int = 1  # default precision; axis ticks choose their own
    grouping: str = ""  # "," groups thousands: 12,400
    prefix: str = ""  # before the number, after a minus sign: -$12
    suffix: str = ""  # after the number: 45.0%, 120 ms
    whole: bool = False  # whole numbers drop their decimals: 1,204 and 1,204.6
    cents: bool = False  # a fraction has two digits or none: $0.50, never $0.5


UNIT_FORMATS: dict[Unit, UnitFormat] = {
    "percent": UnitFormat(scale=100, suffix="%"),  # values are fractions: 0.45 is 45.0%
    "ratio": UnitFormat(decimals=2),
    "count": UnitFormat(grouping=",", whole=True),
    "currency": UnitFormat(decimals=2, grouping=",", prefix="$", whole=True, cents=True),
    "ms": UnitFormat(grouping=",", suffix=" ms", whole=True),
    "seconds": UnitFormat(suffix=" s"),
    "minutes": UnitFormat(suffix=" min"),
    "hours": UnitFormat(suffix=" h"),
    "days": UnitFormat(suffix=" d"),
    "score": UnitFormat(),
}
UNITS: frozenset[str] = frozenset(UNIT_FORMATS)

# A unit in `Unit` without a row (or a row without a unit) fails on import, in every test.
if set(get_args(Unit)) != UNITS:  # pragma: no cover - a programming error
    raise AssertionError("schema.units: `Unit` and `UNIT_FORMATS` list different units")

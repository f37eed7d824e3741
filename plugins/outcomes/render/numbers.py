"""Every number the site shows, written for people: KPI values by unit, shares of the way.

One module so one rule holds everywhere (pages, chart labels, data tables, diagram
labels): a KPI's values follow its unit's row in `outcomes.schema.units` (percent
values are fractions, 0.473 -> 47.3%), a negative value that rounds to zero never
shows "-0.0", and a missing value is a dash. New kinds of figure (changes, intervals)
belong here too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from outcomes.schema.units import UNIT_FORMATS, UNITS, UnitFormat

__all__ = [
    "NO_VALUE",
    "distinct_formatter",
    "format_change",
    "format_share",
    "format_value",
    "tick_decimals",
    "value_formatter",
]

NO_VALUE = "–"  # what a page shows for a value that does not exist (yet)


def format_value(value: float, unit: str) -> str:
    """A measured value in its unit: 47.3%, 1,204, $12.50, 120 ms."""
    if not math.isfinite(value):
        raise ValueError(f"cannot format non-finite value {value!r}")
    return value_formatter(unit)(value)


def value_formatter(unit: str, decimals: int | None = None) -> Callable[[float], str]:
    """A formatter for one unit, built once per chart so long tables stay fast.

    `decimals` fixes the precision (axis ticks); by default each unit has its own.
    """
    form = _unit_format(unit)
    if decimals is None and form.whole:
        whole = _writer(form, 0)
        fraction = _writer(form, form.decimals)
        return lambda value: (whole if float(value).is_integer() else fraction)(value)
    if decimals is None:
        return _writer(form, form.decimals)
    if form.cents:
        decimals = max(decimals, 2) if decimals else 0
    return _writer(form, decimals)


_FORMATS: dict[str, UnitFormat] = {unit: form for unit, form in UNIT_FORMATS.items()}


def _unit_format(unit: str) -> UnitFormat:
    form = _FORMATS.get(unit)
    if form is None:
        raise ValueError(f"unknown unit {unit!r}; expected one of {', '.join(sorted(UNITS))}")
    return form


def _writer(form: UnitFormat, decimals: int) -> Callable[[float], str]:
    spec = f"{form.grouping}.{decimals}f"
    scale, prefix, suffix = form.scale, form.prefix, form.suffix

    def write(value: float) -> str:
        text = format(abs(value) * scale, spec)
        # Never "-0.0": the sign goes only on a value that does not round to zero.
        sign = "-" if value < 0 and text.strip("0.,") else ""
        return f"{sign}{prefix}{text}{suffix}"

    return write


def tick_decimals(step: float, unit: str) -> int:
    """Decimals needed to tell axis ticks `step` apart, in the unit's display scale."""
    shown = step * _unit_format(unit).scale
    return max(0, -math.floor(math.log10(shown) + 1e-9))


def format_share(share: float | None) -> str:
    """How far along something is, as a whole percentage: 0.529 -> 53%."""
    if share is None:
        return NO_VALUE
    text = f"{share * 100:.0f}%"
    return "0%" if text == "-0%" else text  # a share just below zero is not "-0%"


MAX_DECIMALS = 6  # past this, values that still print alike are equal for any reader


def distinct_formatter(unit: str, values: Iterable[float | None]) -> Callable[[float], str]:
    """A formatter with just enough decimals that values which differ print differently.

    Churn of 0.047 against a baseline of 0.05 must not read "0.05 … 0.05": the
    unit's default precision grows until every distinct value in `values` has its own
    text (at most `MAX_DECIMALS`).
    """
    shown = sorted({v for v in values if v is not None and math.isfinite(v)})
    default = value_formatter(unit)
    if len(shown) < 2 or len({default(v) for v in shown}) == len(shown):
        return default
    form = _unit_format(unit)
    for decimals in range(form.decimals + 1, MAX_DECIMALS + 1):
        candidate = _writer(form, decimals)
        if len({candidate(v) for v in shown}) == len(shown):
            return candidate
    return _writer(form, MAX_DECIMALS)


def format_change(delta: float, unit: str) -> str:
    """A signed difference between two values: +4.0 pts for percent KPIs, −1.2 min else.

    Percent values are fractions, so a change between two of them is in percentage
    points, never in percent of percent. A small change that is not zero gets the
    decimals it needs (+0.003, not ±0.00); only an exact zero reads ±0.
    """
    form = _unit_format(unit)
    shown = abs(delta) * form.scale
    decimals = 0 if form.whole and float(shown).is_integer() else form.decimals
    while delta != 0 and round(shown, decimals) == 0 and decimals < MAX_DECIMALS:
        decimals += 1
    percent = unit == "percent"
    text = f"{shown:.{decimals}f} pts" if percent else _writer(form, decimals)(abs(delta))
    if delta == 0:
        return f"±{text}"
    return f"{'+' if delta > 0 else '−'}{text}"

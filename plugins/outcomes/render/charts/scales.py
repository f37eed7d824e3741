"""Where a chart's ticks go: "nice" value ticks, calendar date ticks, and thinning.

Pure arithmetic over numbers and dates, apart from the SVG so it can be tested (and
changed, say for a log scale) without drawing anything.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence

__all__ = ["date_ticks", "nice_ticks", "thin", "value_ticks"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Date tick steps, finest first: (kind, every n).
_DATE_STEPS: tuple[tuple[str, int], ...] = (
    *(("day", n) for n in (1, 2, 3, 4)),
    *(("week", n) for n in (1, 2, 3)),
    *(("month", n) for n in (1, 2, 3, 6)),
    *(("year", n) for n in (1, 2, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2500)),
)


def nice_ticks(lo: float, hi: float, min_count: int = 4, max_count: int = 6) -> tuple[float, ...]:
    """Evenly spaced "nice" ticks (steps of 1, 2 or 5 times a power of ten) covering lo..hi.

    The first tick is at or below `lo`, the last at or above `hi`; there are between
    `min_count` and `max_count` of them. A zero-width range is widened around its value.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("tick range must be finite")
    if not 2 <= min_count <= max_count:
        raise ValueError("need 2 <= min_count <= max_count")
    lo, hi = min(lo, hi), max(lo, hi)
    if hi - lo <= max(abs(lo), abs(hi)) * 1e-9 or hi - lo < 1e-200:
        # (Nearly) zero width: widen around the middle, else the step underflows.
        middle = (lo + hi) / 2
        pad = abs(middle) * 0.1 if abs(middle) >= 1e-200 else 1.0
        lo, hi = min(lo, middle - pad), max(hi, middle + pad)
    exponent = math.floor(math.log10((hi - lo) / max_count))
    for power in range(exponent - 1, exponent + 3):
        for multiple in (1, 2, 5):
            step = multiple * 10.0**power
            first = math.floor(lo / step + 1e-9)
            last = math.ceil(hi / step - 1e-9)
            if last - first + 1 > max_count:
                continue
            while last - first + 1 < min_count:
                last += 1
            # Round away binary noise (0.30000000000000004) so labels and layout agree.
            return tuple(round(k * step, 12 - power) + 0.0 for k in range(first, last + 1))
    raise AssertionError("unreachable: a step of 10**(exponent + 2) always fits")


# The y axis spans at least this share of the largest magnitude it shows, centred on
# the data: churn moving between 0.046 and 0.051 (a 10 % relative move) fills under
# half the plot instead of all of it, so a small move never reads as a plunge.
MIN_RELATIVE_SPAN = 0.25


def value_ticks(values: Sequence[float], unit: str) -> tuple[float, ...]:
    """Y ticks for values: padded so nothing touches the frame, no needless negatives,
    and never narrower than `MIN_RELATIVE_SPAN` of the values' magnitude."""
    lo, hi = min(values), max(values)
    if hi == lo:
        pad = abs(lo) * 0.1 or (0.1 if unit in ("percent", "ratio") else 1.0)
    else:
        pad = (hi - lo) * 0.08
    low, high = lo - pad, hi + pad
    least = MIN_RELATIVE_SPAN * max(abs(lo), abs(hi))
    if high - low < least:
        middle = (lo + hi) / 2
        low, high = middle - least / 2, middle + least / 2
    if lo >= 0 > low:
        low = 0.0
    if unit == "percent" and hi <= 1 < high:
        high = 1.0
    return nice_ticks(low, high)


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def date_ticks(
    start: datetime.date, end: datetime.date, max_count: int
) -> list[tuple[datetime.date, str]]:
    """Labelled date ticks inside start..end, with the finest calendar step that fits."""
    span = (end - start).days
    approx_days = {"day": 1, "week": 7, "month": 30, "year": 365}
    chosen, ticks = "day", list[datetime.date]()
    for kind, every in _DATE_STEPS:
        if span / (approx_days[kind] * every) > max_count + 2:
            continue  # clearly too many; skip without generating them
        finer, chosen = (chosen, ticks), kind
        ticks = _calendar_ticks(start, end, kind, every, max_count + 2)
        if len(ticks) <= max_count:
            if len(ticks) < 4 and len(finer[1]) == max_count + 1:
                chosen, ticks = finer  # one tick too many beats too few
            break
    labelled: list[tuple[datetime.date, str]] = []
    previous_year: int | None = None
    for tick in ticks:
        if chosen == "year":
            label = str(tick.year)
        elif chosen == "month":
            label = f"{_MONTHS[tick.month - 1]} {tick.year}"
        else:
            label = f"{_MONTHS[tick.month - 1]} {tick.day}"
            if tick.year != previous_year:
                label += f", {tick.year}"
        previous_year = tick.year
        labelled.append((tick, label))
    return labelled


def _calendar_ticks(
    start: datetime.date, end: datetime.date, kind: str, every: int, limit: int
) -> list[datetime.date]:
    """Up to `limit` dates in start..end on a calendar grid (Mondays, month or year starts)."""
    ticks: list[datetime.date] = []
    if kind in ("day", "week"):
        first = start.toordinal()
        if kind == "week":
            first += (7 - start.weekday()) % 7  # Mondays
        gap = every * (7 if kind == "week" else 1)
        last = min(end.toordinal(), first + gap * (limit - 1))
        return [datetime.date.fromordinal(day) for day in range(first, last + 1, gap)]
    months = every * 12 if kind == "year" else every
    year, month = start.year, start.month
    if (year, month, 1) < (start.year, start.month, start.day):
        year, month = _add_months(year, month, 1)
    while (year * 12 + month - 1) % months:
        year, month = _add_months(year, month, 1)
    while len(ticks) < limit and year <= datetime.MAXYEAR:
        tick = datetime.date(year, month, 1)
        if tick > end:
            break
        ticks.append(tick)
        year, month = _add_months(year, month, months)
    return ticks


def thin(ys: Sequence[float], limit: int) -> list[int]:
    """Indices to draw: both ends, and the lowest and highest value of each bucket.

    Buckets are a pixel or two wide at the default size, so the drawn line keeps the
    envelope of the data, every spike included, with at most `limit` vertices.
    """
    n = len(ys)
    if n <= limit:
        return list(range(n))
    buckets = (limit - 2) // 2
    size = (n - 2) / buckets
    value_at = ys.__getitem__
    kept = [0]
    for bucket in range(buckets):
        members = range(1 + int(bucket * size), 1 + int((bucket + 1) * size))
        low = min(members, key=value_at)
        high = max(members, key=value_at)
        if low == high:
            kept.append(low)
        else:
            kept += (low, high) if low < high else (high, low)
    kept.append(n - 1)
    return kept

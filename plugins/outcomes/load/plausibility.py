"""Measurements that parse but cannot mean what they say: whole percents on a percent
KPI, rows dated far in the future.

Both are checked on the values already read (a sample of at most 101 values per percent
KPI, the last date of each series), so a clean project pays nothing measurable; only
when one is found is the CSV read again, to point at the first offending row.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from pathlib import Path

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.measurements import MAX_CSV_BYTES, Measurement
from outcomes.load.paths import UnsafePath, read_inside
from outcomes.parse.csv_cells import CellLocator

FUTURE = datetime.timedelta(days=366)  # rows this far after as_of are a typo in the year
_SAMPLE = 101


def typical(points: Sequence[Measurement]) -> float | None:
    """The median magnitude of a sample of the values, or None without values."""
    if not points:
        return None
    step = max(1, len(points) // _SAMPLE)
    sample = sorted(abs(p.value) for p in points[::step])
    return sample[len(sample) // 2]


def looks_like_whole_percents(points: Sequence[Measurement]) -> bool:
    """A percent KPI (values are fractions) whose values are mostly between 1.5 and 100."""
    middle = typical(points)
    return middle is not None and 1.5 < middle <= 100


def whole_percents_problem(root: Path, path: str, kpi: str) -> Diagnostic:
    """The first row of `path` whose value is above 1.5, for a percent KPI."""
    line, col, value, _day = _first_row(root, path, lambda _date, v: abs(v) > 1.5)
    shown = f"{value:g}" if value is not None else "a value"
    fraction = f"{value / 100:g}" if value is not None else "0.45"
    whole = f"{value:g}" if value is not None else "45"
    return Diagnostic(path, line, col, Severity.ERROR, "percent-scale",
                      f"{shown} looks like a whole percent, but KPI {kpi!r} is a percent "
                      "KPI, whose values are fractions",
                      f"write {fraction} for {whole} %: divide every value of the file "
                      "by 100")  # fmt: skip


def whole_percents_computed(
    where: tuple[str, int, int], kpi: str, points: Sequence[Measurement]
) -> Diagnostic:
    """Whole percents from a KPI's query or recipe: located at its `source`, where they
    are computed (a snapshot of them is not where the fix goes)."""
    path, line, col = where
    return Diagnostic(path, line, col, Severity.ERROR, "percent-scale",
                      f"the values of KPI {kpi!r} are around {typical(points):g}: whole "
                      "percents, but it is a percent KPI, whose values are fractions",
                      "divide by 100 where the values are computed (in a query: "
                      "`value / 100.0`), or give the KPI the unit its values have")  # fmt: skip


def future_problem(root: Path, path: str, kpi: str, as_of: datetime.date) -> Diagnostic | None:
    """A warning at the first row dated more than a year after `as_of`, if any."""
    limit = as_of + FUTURE
    line, _col, _value, day = _first_row(root, path, lambda d, _v: d > limit)
    if day is None:
        return None
    return Diagnostic(path, line, 1, Severity.WARNING, "csv-future-date",
                      f"{day} is more than a year after {as_of}, the date figures are "
                      f"computed for: no page shows this value of KPI {kpi!r}",
                      "check the year of the date")  # fmt: skip


def _first_row(
    root: Path, path: str, wrong: Callable[[datetime.date, float], bool]
) -> tuple[int, int, float | None, datetime.date | None]:
    """`(line, col of the value cell, value, date)` of the first row `wrong` holds for."""
    try:
        text = read_inside(root, path, MAX_CSV_BYTES).decode("utf-8-sig", "replace")
    except (OSError, UnsafePath):
        return 1, 1, None, None
    locator = CellLocator(text)
    for number, line in enumerate(text.splitlines(), 1):
        cells = line.split(",")
        if number == 1 or len(cells) < 2:
            continue
        try:
            day = datetime.date.fromisoformat(cells[0].strip().strip('"'))
            value = float(cells[1].strip().strip('"'))
        except ValueError:
            continue
        if wrong(day, value):
            return (*locator.cell(number, 1), value, day)
    return 1, 1, None, None

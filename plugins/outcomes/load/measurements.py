"""Measurement files: CSV with a `date,value[,note]` header, one row per date."""

from __future__ import annotations

import csv
import datetime
import io
import math
from dataclasses import dataclass

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.yaml_reader import decode_source

MAX_ROWS = 100_000
MAX_CSV_BYTES = 16 * 1024 * 1024
_HEADERS = (["date", "value"], ["date", "value", "note"])


@dataclass(frozen=True, slots=True)
class Measurement:
    date: datetime.date
    value: float
    note: str = ""


_dates: dict[str, datetime.date] = {}


def _parse_date(text: str) -> datetime.date:
    """ISO dates only (`2026-11-16`); cached because every KPI repeats the same dates."""
    found = _dates.get(text)
    if found is None:
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            raise ValueError(text)
        found = datetime.date.fromisoformat(text)
        if len(_dates) < 100_000:
            _dates[text] = found
    return found


def read_measurements(raw: bytes, path: str) -> tuple[list[Measurement], list[Diagnostic]]:
    """Rows sorted by date; every bad row reported as `path:row`, good rows kept."""

    def problem(row: int, code: str, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(path, row, 0, Severity.ERROR, code, message, hint)

    if len(raw) > MAX_CSV_BYTES:
        return [], [problem(0, "csv-too-large", f"file is {len(raw):,} bytes; "
                            f"the limit is {MAX_CSV_BYTES:,}", "aggregate per day or week")]
    text, decode_problem = decode_source(raw, path)
    if text is None:
        assert decode_problem is not None
        return [], [decode_problem]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    diagnostics: list[Diagnostic] = []
    rows: list[Measurement] = []
    seen: dict[datetime.date, int] = {}
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if header not in _HEADERS:
            hint = "the first line must be `date,value` or `date,value,note`"
            if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
                hint = "separate columns with commas, not semicolons or tabs"
            shown = ",".join(header) if header else "nothing"
            return [], [problem(1, "csv-header", f"unexpected header {shown!r}", hint)]
        width = len(header)
        for cells in reader:
            line = reader.line_num
            if not cells:
                continue
            if len(cells) != width:
                diagnostics.append(problem(
                    line, "csv-columns", f"row has {len(cells)} columns; expected {width}",
                    "quote a note that contains commas" if len(cells) > width else "",
                ))  # fmt: skip
                continue
            if len(rows) >= MAX_ROWS:
                diagnostics.append(problem(line, "csv-too-many-rows",
                                           f"more than {MAX_ROWS:,} rows",
                                           "aggregate per day or week"))
                break
            try:
                date = _parse_date(cells[0].strip())
            except ValueError:
                diagnostics.append(problem(line, "csv-date",
                                           f"{cells[0]!r} is not a real ISO date (YYYY-MM-DD)"))
                continue
            try:
                value = float(cells[1])
            except ValueError:
                diagnostics.append(problem(line, "csv-value", f"{cells[1]!r} is not a number"))
                continue
            if not math.isfinite(value):
                diagnostics.append(problem(line, "csv-value",
                                           f"{cells[1]!r} is not a finite number"))
                continue
            if date in seen:
                diagnostics.append(problem(line, "csv-duplicate-date",
                                           f"{date} already has a value at row {seen[date]}",
                                           "keep one row per date"))
                continue
            seen[date] = line
            rows.append(Measurement(date, value, cells[2].strip() if width == 3 else ""))
    except csv.Error as exc:
        diagnostics.append(problem(reader.line_num, "csv-syntax", str(exc)))
    rows.sort(key=lambda m: m.date)
    return rows, diagnostics

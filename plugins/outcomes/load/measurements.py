"""Measurement files: CSV with a `date,value[,note]` header, one row per date."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import decimal
import io
import itertools
import math
import re
from collections.abc import Callable
from typing import NamedTuple

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.parse.csv_cells import CellLocator, Position
from outcomes.parse.text import decode_source
from outcomes.settings import MAX_ROWS  # also the cap of a KPI query's rows

MAX_CSV_BYTES = 16 * 1024 * 1024
_HEADERS = (["date", "value"], ["date", "value", "note"])
_BOM = b"\xef\xbb\xbf"
_ISO_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL_COMMA = re.compile(r"-?[0-9]+,[0-9]+")
_DECIMAL_HINT = "use a dot for decimals: 0.38, not 0,38"


class Measurement(NamedTuple):
    """One value of a KPI. A tuple, not a frozen dataclass: a build creates one for every
    row of every CSV (146,000 in the benchmark), and a tuple is three times cheaper."""

    date: datetime.date
    value: float
    note: str = ""


_Reporter = Callable[[Position, str, str, str], Diagnostic]
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
    """Rows sorted by date; every bad row reported as `path:row:col` at its cell, good rows
    kept.

    Rows are numbered as an editor shows lines (a quoted note may span several lines:
    its row is the line it starts on); the column is that of the cell in question.
    """

    def problem(where: Position, code: str, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(path, where[0], where[1], Severity.ERROR, code, message, hint)

    if len(raw) > MAX_CSV_BYTES:
        message = f"file is larger than the limit of {MAX_CSV_BYTES:,} bytes"
        return [], [problem((1, 1), "csv-too-large", message, "aggregate per day or week")]
    # Spreadsheets save "CSV UTF-8" with a byte-order mark; it is still UTF-8.
    text, decode_problem = decode_source(raw.removeprefix(_BOM), path)
    if text is None:
        assert decode_problem is not None
        return [], [decode_problem]
    clean = _read_clean(text)
    if clean is not None:
        return clean, []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    cells = CellLocator(text)
    diagnostics: list[Diagnostic] = []
    rows: list[Measurement] = []
    seen: dict[datetime.date, int] = {}
    next_line = 1  # where the row being read starts
    try:
        header = [cell.strip() for cell in next(reader, [])]
        if header not in _HEADERS:
            where = cells.cell(1, _first_wrong_cell(header))
            return [], [problem(where, "csv-header", *_header_problem(header))]
        width = len(header)
        next_line = reader.line_num + 1
        dates, new, isfinite = _dates, tuple.__new__, math.isfinite
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if len(row) != width:
                if row:  # blank lines are fine
                    where = cells.cell(line, width if len(row) > width else 0)
                    diagnostics.append(_columns_problem(problem, where, row, width))
                continue
            if len(rows) >= MAX_ROWS:
                message = f"more than {MAX_ROWS:,} rows"
                diagnostics.append(problem((line, 1), "csv-too-many-rows", message,
                                           "aggregate per day or week"))  # fmt: skip
                break
            date = dates.get(row[0])
            if date is None:
                try:
                    date = _parse_date(row[0].strip())
                except ValueError:
                    where = cells.cell(line, 0)
                    diagnostics.append(problem(where, "csv-date", *_date_problem(row[0])))
                    continue
            cell = row[1]
            try:
                value = float(cell)
            except ValueError:
                hint = _value_hint(cell)
                message = f"{cell!r} is not a number"
                diagnostics.append(problem(cells.cell(line, 1), "csv-value", message, hint))
                continue
            if not isfinite(value) or "_" in cell:  # float() accepts nan, inf and 1_000
                diagnostics.append(_value_problem(problem, cells.cell(line, 1), cell))
                continue
            if date in seen:
                message = f"{date} already has a value at row {seen[date]}"
                diagnostics.append(problem(cells.cell(line, 0), "csv-duplicate-date", message,
                                           "keep one row per date"))  # fmt: skip
                continue
            seen[date] = line
            rows.append(new(Measurement, (date, value, row[2].strip() if width == 3 else "")))
    except csv.Error as exc:
        hint = 'close the quote: a note with commas is written as "like, this"'
        found, broken = cells.cells(next_line)
        where = found[broken if broken is not None else -1]
        diagnostics.append(problem(where, "csv-syntax", str(exc), hint))
    rows.sort()  # by date: dates are unique, so tuples never compare further
    return rows, _collapsed(diagnostics)


_ALIKE = 3  # this many problems of one kind in a file become one message


def _collapsed(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Problems of one kind (code and fix) repeated over many rows, as one message.

    A spreadsheet saved with US dates or decimal commas gets every row wrong in the same
    way; twenty identical lines bury the fix, so the first row stands for them all.
    """
    kinds: dict[tuple[str, str], list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        kinds.setdefault((diagnostic.code, diagnostic.hint), []).append(diagnostic)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        alike = kinds[(diagnostic.code, diagnostic.hint)]
        if len(alike) < _ALIKE or diagnostic.code == "csv-syntax":
            kept.append(diagnostic)
        elif alike[0] is diagnostic:
            rows = _ranges([d.line for d in alike])
            message = f"{len(alike)} rows like this one: {diagnostic.message} (rows {rows})"
            kept.append(dataclasses.replace(diagnostic, message=message))
    return kept


def _ranges(lines: list[int]) -> str:
    """`2-21, 30`: consecutive rows as a range; the first eight runs, then a count."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][1] + 1:
            runs[-1][1] = line
        else:
            runs.append([line, line])
    shown = [f"{a}-{b}" if b > a else str(a) for a, b in runs[:8]]
    if len(runs) > 8:
        shown.append(f"and {len(runs) - 8} more")
    return ", ".join(shown)


def _read_clean(text: str) -> list[Measurement] | None:
    """The whole file at once when it is plainly well formed, else None.

    Most measurement files are machine-written and clean; reading them column-wise
    with C-level `split`, `map(float)` and `date.fromisoformat` instead of row by row
    cut `outcomes validate` on the 1,000-hypothesis benchmark (146,200 rows) by about
    a fifth. Anything unusual (quotes, CR, a bad cell, a duplicate date) returns None,
    so the row-by-row reader reports it with its row.
    """
    if '"' in text or "\r" in text or "_" in text:
        return None
    header, _, rest = text.partition("\n")
    if header not in ("date,value", "date,value,note"):
        return None
    width = header.count(",") + 1
    body = rest.split("\n")
    if body[-1] == "":  # the file ends with a line break
        body.pop()
    # A blank line, or a row with more or fewer cells than the header: the row-by-row
    # reader says which. (Counting all the cells is not enough: a row of three and one of
    # one add up to two rows of two.)
    if len(body) > MAX_ROWS or "" in body:
        return None
    if set(map(str.count, body, itertools.repeat(","))) != {width - 1}:
        return None
    cells = ",".join(body).split(",")
    date_texts = cells[0::width]
    # `date.fromisoformat` also reads ISO week dates; of its ten-character forms only
    # YYYY-Www-D has a "W". Lengths and that letter, checked at C speed, leave it exactly
    # YYYY-MM-DD: 12 ms against 91 ms for a regular expression over 146,200 dates.
    if set(map(len, date_texts)) - {10} or "W" in "".join(date_texts):
        return None
    try:
        dates = list(map(datetime.date.fromisoformat, date_texts))
        values = list(map(float, cells[1::width]))
    except ValueError:
        return None
    if not all(map(math.isfinite, values)) or len(set(dates)) != len(dates):
        return None
    notes = [note.strip() for note in cells[2::3]] if width == 3 else [""] * len(dates)
    # tuple.__new__ straight from C, and the order checked by sorting (linear on sorted
    # input): a fifth less time than `Measurement._make` and a pairwise loop in Python.
    columns = zip(dates, values, notes, strict=True)
    rows = list(map(tuple.__new__, itertools.repeat(Measurement), columns))
    if dates != sorted(dates):
        rows.sort()
    return rows


def _first_wrong_cell(header: list[str]) -> int:
    """The index of the first header cell that is not as `date,value[,note]` wants it."""
    wanted = _HEADERS[1]
    for index, cell in enumerate(header):
        if index >= len(wanted) or cell != wanted[index]:
            return index
    return 0


def _header_problem(header: list[str]) -> tuple[str, str]:
    if not header:
        return "the file is empty", "start it with the header line `date,value`"
    hint = "the first line must be `date,value` or `date,value,note`"
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        hint = "separate columns with commas, not semicolons or tabs"
    elif [cell.lower() for cell in header] in _HEADERS:
        hint = "write the header in lower case: " + ",".join(header).lower()
    return f"unexpected header {','.join(header)!r}", hint


def _columns_problem(
    problem: Callable[[Position, str, str, str], Diagnostic],
    where: Position,
    row: list[str],
    width: int,
) -> Diagnostic:
    count = len(row)
    message = f"row has {count} column{'s' * (count != 1)}; expected {width}"
    if count == width + 1 and _DECIMAL_COMMA.fullmatch(f"{row[1]},{row[2]}"):
        hint = _DECIMAL_HINT
    elif count > width:
        hint = 'quote a note that contains commas: "like, this"'
        if width == 2:
            hint = "add `note` to the header, or " + hint
    else:
        hint = "each row needs a date and a value"
    return problem(where, "csv-columns", message, hint)


def _value_problem(problem: _Reporter, where: Position, cell: str) -> Diagnostic:
    if "_" in cell:
        message, hint = f"{cell!r} is not a number", _value_hint(cell)
    else:
        message, hint = f"{cell!r} is not a finite number", "leave out dates without a value"
    return problem(where, "csv-value", message, hint)


def _date_problem(text: str) -> tuple[str, str]:
    if _ISO_SHAPE.fullmatch(text.strip()):
        return f"{text!r} is not a real date", ""
    return f"{text!r} is not an ISO date", "dates must be ISO (YYYY-MM-DD), e.g. 2026-07-13"


def _value_hint(cell: str) -> str:
    stripped = cell.strip()
    if not stripped:
        return "leave out dates without a value"
    if stripped.endswith("%"):
        return "write percentages as fractions: 0.38 for 38%"
    if _DECIMAL_COMMA.fullmatch(stripped):
        return _DECIMAL_HINT
    if "_" in stripped or "'" in stripped:
        return "write the number without separators"
    return "write a number such as 0.38, with a dot for decimals"


class RowProblem(NamedTuple):
    """Why a typed row (from a database) is not a measurement; `part` is "date" or "value"."""

    part: str
    message: str
    hint: str = ""


def typed_measurement(date: object, value: object, note: object = None) -> Measurement | RowProblem:
    """One row of a query result checked like a CSV row, on typed values instead of text.

    A date is a DATE, a timestamp at midnight (what `date_trunc` returns) or ISO text;
    a value is a finite number (integer, float or decimal), never NULL, NaN or text.
    """
    day: datetime.date
    if isinstance(date, datetime.datetime):
        if date.time() != datetime.time(0):
            hint = "cast it to a date in the query, as in `cast(day as date)`"
            return RowProblem("date", f"{date.isoformat(sep=' ')} has a time of day", hint)
        day = date.date()
    elif isinstance(date, datetime.date):
        day = date
    elif isinstance(date, str):
        try:
            day = _parse_date(date.strip())
        except ValueError:
            return RowProblem("date", *_date_problem(date))
    elif date is None:
        return RowProblem("date", "the date is NULL", "leave out rows without a date")
    else:
        kind = type(date).__name__
        return RowProblem("date", f"{date!r} ({kind}) is not a date", "return a DATE column")
    if value is None:
        return RowProblem("value", "the value is NULL", "leave out dates without a value")
    if isinstance(value, bool) or not isinstance(value, int | float | decimal.Decimal):
        hint = "return a number, as in `cast(value as double precision)`"
        return RowProblem("value", f"{value!r} is not a number", hint)
    try:
        number = float(value)
    except (ValueError, OverflowError):  # a signalling NaN or a huge decimal
        number = math.nan
    if not math.isfinite(number):
        return RowProblem("value", f"{value} is not a finite number",
                          "leave out dates without a value")  # fmt: skip
    return Measurement(day, number, "" if note is None else str(note).strip())

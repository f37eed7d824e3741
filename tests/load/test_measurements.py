"""Measurement CSVs: good rows kept and sorted, every bad row reported at its cell."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outcomes.diagnostics import Severity
from outcomes.load.measurements import MAX_CSV_BYTES, Measurement, read_measurements

PATH = "okrs/measurements/week1-invite-rate.csv"
D = datetime.date


def read(text: str | bytes) -> tuple[list[Measurement], list[tuple[str, str, str, str]]]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    rows, problems = read_measurements(raw, PATH)
    assert all(p.severity is Severity.ERROR for p in problems)
    assert all(p.line >= 1 and p.col >= 1 for p in problems)
    return rows, [(p.location, p.code, p.message, p.hint) for p in problems]


def test_good_file_is_sorted_by_date_with_notes() -> None:
    rows, problems = read(
        'date,value,note\n2026-01-15,0.41,"launch, 50% rollout"\n2026-01-01,0.38,\n'
        "2026-01-08,0.4,holiday\n"
    )
    assert problems == []
    assert rows == [
        Measurement(D(2026, 1, 1), 0.38, ""),
        Measurement(D(2026, 1, 8), 0.4, "holiday"),
        Measurement(D(2026, 1, 15), 0.41, "launch, 50% rollout"),
    ]


def test_bad_rows_are_reported_and_good_rows_kept() -> None:
    rows, problems = read("date,value\n2026-01-01,1\n2026-13-01,2\n2026-01-03,3\n")
    assert [r.value for r in rows] == [1.0, 3.0]
    assert problems == [(f"{PATH}:3:1", "csv-date", "'2026-13-01' is not a real date", "")]


def test_date_in_another_format() -> None:
    _, problems = read("date,value\n01/02/2026,1\n2026-1-1,2\n")
    hint = "dates must be ISO (YYYY-MM-DD), e.g. 2026-07-13"
    assert problems == [
        (f"{PATH}:2:1", "csv-date", "'01/02/2026' is not an ISO date", hint),
        (f"{PATH}:3:1", "csv-date", "'2026-1-1' is not an ISO date", hint),
    ]


def test_us_dates_in_every_row_are_one_message_with_the_rows() -> None:
    rows = "".join(f"07/{day:02d}/2026,0.4\n" for day in range(1, 21))
    _, problems = read("date,value\n" + rows + "2026-08-01,0.5\n08/02/2026,0.5\n")
    assert problems == [(
        f"{PATH}:2:1", "csv-date",
        "21 rows like this one: '07/01/2026' is not an ISO date (rows 2-21, 23)",
        "dates must be ISO (YYYY-MM-DD), e.g. 2026-07-13",
    )]  # fmt: skip


def test_decimal_commas_are_one_message_with_the_fix() -> None:
    rows = "".join(f"2026-07-{day:02d},0,{day}\n" for day in range(1, 6))
    _, problems = read("date,value\n" + rows)
    assert problems == [(
        f"{PATH}:2:14", "csv-columns",
        "5 rows like this one: row has 3 columns; expected 2 (rows 2-6)",
        "use a dot for decimals: 0.38, not 0,38",
    )]  # fmt: skip
    _, quoted = read('date,value\n2026-07-01,"0,38"\n')
    assert quoted[0][3] == "use a dot for decimals: 0.38, not 0,38"


def test_two_alike_problems_stay_two() -> None:
    _, problems = read("date,value\n2026-07-01,x\n2026-07-02,y\n")
    assert [p[0] for p in problems] == [f"{PATH}:2:12", f"{PATH}:3:12"]


def test_impossible_date() -> None:
    _, problems = read("date,value\n2026-02-28,1\n2026-02-30,2\n")
    assert problems == [(f"{PATH}:3:1", "csv-date", "'2026-02-30' is not a real date", "")]


@pytest.mark.parametrize(
    ("cell", "hint"),
    [
        ("abc", "write a number such as 0.38, with a dot for decimals"),
        ("", "leave out dates without a value"),
        ("38%", "write percentages as fractions: 0.38 for 38%"),
        ("1_000", "write the number without separators"),
        ("0x10", "write a number such as 0.38, with a dot for decimals"),
    ],
)
def test_value_that_is_not_a_number(cell: str, hint: str) -> None:
    rows, problems = read(f"date,value\n2026-01-01,{cell}\n")
    assert rows == []
    assert problems == [(f"{PATH}:2:12", "csv-value", f"{cell!r} is not a number", hint)]


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_value_that_is_not_finite(cell: str) -> None:
    _, problems = read(f"date,value\n2026-01-01,{cell}\n")
    assert problems == [
        (
            f"{PATH}:2:12",
            "csv-value",
            f"{cell!r} is not a finite number",
            "leave out dates without a value",
        )
    ]


def test_spaces_around_cells_are_ignored() -> None:
    rows, problems = read("date, value\n 2026-01-01 , 1.5 \n")
    assert problems == []
    assert rows == [Measurement(D(2026, 1, 1), 1.5)]


def test_duplicate_date_names_the_first_row() -> None:
    rows, problems = read("date,value\n2026-01-01,1\n2026-01-08,2\n2026-01-01,3\n")
    assert [r.value for r in rows] == [1.0, 2.0]
    assert problems == [
        (
            f"{PATH}:4:1",
            "csv-duplicate-date",
            "2026-01-01 already has a value at row 2",
            "keep one row per date",
        )
    ]


def test_extra_column_without_a_note_header() -> None:
    _, problems = read("date,value\n2026-01-01,1,launch\n")
    assert problems == [
        (
            f"{PATH}:2:14",
            "csv-columns",
            "row has 3 columns; expected 2",
            'add `note` to the header, or quote a note that contains commas: "like, this"',
        )
    ]


def test_a_long_row_and_a_short_row_are_not_two_good_rows() -> None:
    # Three cells and one add up to two rows of two: each row is checked on its own.
    rows, problems = read("date,value\n2026-01-01,1,2026-01-02\n3\n")
    assert rows == []
    assert [(where, code, message) for where, code, message, _ in problems] == [
        (f"{PATH}:2:14", "csv-columns", "row has 3 columns; expected 2"),
        (f"{PATH}:3:1", "csv-columns", "row has 1 column; expected 2"),
    ]


def test_note_with_an_unquoted_comma() -> None:
    _, problems = read("date,value,note\n2026-01-01,1,launch, rollout\n")
    assert problems == [
        (
            f"{PATH}:2:21",
            "csv-columns",
            "row has 4 columns; expected 3",
            'quote a note that contains commas: "like, this"',
        )
    ]


def test_missing_column() -> None:
    _, problems = read("date,value\n2026-01-01\n")
    assert problems == [
        (
            f"{PATH}:2:1",
            "csv-columns",
            "row has 1 column; expected 2",
            "each row needs a date and a value",
        )
    ]


@pytest.mark.parametrize("separator", [";", "\t", "|"])
def test_wrong_delimiter_gets_a_hint(separator: str) -> None:
    header = f"date{separator}value"
    rows, problems = read(f"{header}\n2026-01-01{separator}1\n")
    assert rows == []
    assert problems == [
        (
            f"{PATH}:1:1",
            "csv-header",
            f"unexpected header {header!r}",
            "separate columns with commas, not semicolons or tabs",
        )
    ]


def test_header_missing() -> None:
    _, problems = read("2026-01-01,1\n2026-01-08,2\n")
    assert problems == [
        (
            f"{PATH}:1:1",
            "csv-header",
            "unexpected header '2026-01-01,1'",
            "the first line must be `date,value` or `date,value,note`",
        )
    ]


def test_header_in_capitals() -> None:
    _, problems = read("Date,Value\n2026-01-01,1\n")
    assert problems[0][3] == "write the header in lower case: date,value"


def test_empty_file() -> None:
    assert read("") == (
        [],
        [
            (
                f"{PATH}:1:1",
                "csv-header",
                "the file is empty",
                "start it with the header line `date,value`",
            )
        ],
    )


def test_header_only_is_no_data_and_no_problem() -> None:
    assert read("date,value\n") == ([], [])


def test_blank_lines_are_skipped_and_rows_keep_their_line_numbers() -> None:
    rows, problems = read("date,value\n\n2026-01-01,1\n\n2026-01-02,x\n")
    assert len(rows) == 1
    assert [p[0] for p in problems] == [f"{PATH}:5:12"]


def test_quoted_note_over_several_lines_keeps_line_numbers() -> None:
    rows, problems = read('date,value,note\n2026-01-01,1,"two\nlines"\n2026-01-02,x,\n')
    assert rows == [Measurement(D(2026, 1, 1), 1.0, "two\nlines")]
    assert [p[0] for p in problems] == [f"{PATH}:4:12"]


def test_unclosed_quote_is_reported_at_its_row() -> None:
    rows, problems = read('date,value,note\n2026-01-01,1,ok\n2026-01-02,2,"unclosed\n')
    assert rows == [Measurement(D(2026, 1, 1), 1.0, "ok")]
    assert problems == [
        (
            f"{PATH}:3:14",
            "csv-syntax",
            "unexpected end of data",
            'close the quote: a note with commas is written as "like, this"',
        )
    ]


def test_windows_line_endings() -> None:
    rows, problems = read("date,value\r\n2026-01-01,1\r\n2026-01-02,2\r\n")
    assert problems == []
    assert len(rows) == 2


def test_byte_order_mark_from_a_spreadsheet_is_accepted() -> None:
    rows, problems = read(b"\xef\xbb\xbfdate,value\n2026-01-01,1\n")
    assert problems == []
    assert rows == [Measurement(D(2026, 1, 1), 1.0)]


def test_invalid_utf8_is_located() -> None:
    _, problems = read(b"date,value,note\n2026-01-01,1,caf\xe9\n")
    assert problems == [
        (f"{PATH}:2:17", "file-encoding", "invalid UTF-8 byte 0xe9", "save the file as UTF-8")
    ]


def test_too_large_file() -> None:
    rows, problems = read(b"date,value\n" + b"#" * MAX_CSV_BYTES)
    assert rows == []
    assert problems == [
        (
            f"{PATH}:1:1",
            "csv-too-large",
            "file is larger than the limit of 16,777,216 bytes",
            "aggregate per day or week",
        )
    ]


# -- the whole-file fast path agrees with the row-by-row reader ------------------------

_dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2030, 12, 31))
_values = st.floats(allow_nan=False, allow_infinity=False, width=32)
_notes = st.text(alphabet="abc xyz-", max_size=8)


@given(
    rows=st.lists(st.tuples(_dates, _values, _notes), max_size=30, unique_by=lambda r: r[0]),
    with_note=st.booleans(),
)
def test_fast_path_reads_what_the_row_reader_reads(
    rows: list[tuple[datetime.date, float, str]], with_note: bool
) -> None:
    header = "date,value,note" if with_note else "date,value"
    lines = [header] + [
        f"{d.isoformat()},{v!r}" + (f",{n}" if with_note else "") for d, v, n in rows
    ]
    text = "\n".join(lines) + "\n"
    fast = read_measurements(text.encode(), "m.csv")
    # CRLF line ends send the same rows through the csv module, row by row.
    slow = read_measurements(text.replace("\n", "\r\n").encode(), "m.csv")
    assert fast == slow
    assert [m.date for m in fast[0]] == sorted(d for d, _, _ in rows)

"""Cell positions of CSV rows: the column a problem about a cell points at."""

from __future__ import annotations

from outcomes.load.measurements import read_measurements
from outcomes.parse.csv_cells import CellLocator

PATH = "okrs/measurements/rate.csv"


def locations(text: str) -> list[str]:
    _, problems = read_measurements(text.encode("utf-8"), PATH)
    return [f"{p.location} {p.code}" for p in problems]


def test_cells_start_after_each_comma_counting_characters() -> None:
    assert CellLocator("é,ü😀,x\n").cells(1) == ([(1, 1), (1, 3), (1, 6)], None)


def test_commas_and_quotes_inside_quotes_do_not_start_cells() -> None:
    text = 'date,value,note\n2026-01-01,1,"a, ""b"", c",x\n'
    assert CellLocator(text).cells(2) == ([(2, 1), (2, 12), (2, 14), (2, 28)], None)


def test_a_quoted_line_break_moves_later_cells_to_the_next_line() -> None:
    assert CellLocator('"two\r\nlines",x\r').cells(1) == ([(1, 1), (2, 8)], None)


def test_broken_quotes_name_their_cell() -> None:
    assert CellLocator('a,"b"c,d\n').cells(1)[1] == 1
    assert CellLocator('a,b,"open\n').cells(1)[1] == 2


def test_a_row_past_the_end_is_at_its_first_column() -> None:
    assert CellLocator("a\n").cell(7, 3) == (7, 1)


def test_header_problem_points_at_the_first_wrong_cell() -> None:
    assert locations("date,Value\n2026-01-01,1\n") == [f"{PATH}:1:6 csv-header"]


def test_cr_only_line_ends_keep_rows_and_columns() -> None:
    text = "date,value\r2026-01-01,1\r2026-01-02,x\r"
    assert locations(text) == [f"{PATH}:3:12 csv-value"]


def test_text_after_a_closing_quote_is_located_at_its_cell() -> None:
    text = 'date,value,note\n2026-01-01,1,"a"b\n'
    assert locations(text) == [f"{PATH}:2:14 csv-syntax"]


def test_duplicate_date_points_at_the_date_cell() -> None:
    text = "date,value\n2026-01-01,1\n  2026-01-01  ,2\n"
    assert locations(text) == [f"{PATH}:3:1 csv-duplicate-date"]

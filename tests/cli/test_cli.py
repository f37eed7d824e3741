"""The command line through `main(argv, out, err)`: exit codes, output formats, golden files.

Golden files live in tests/cli/golden/; refresh them after an intended change with
`OUTCOMES_UPDATE_GOLDEN=1 pytest tests/cli` and review the diff like code.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
from pathlib import Path

import pytest

from clikit import run
from goldens import assert_golden

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
VALID = FIXTURES / "valid"  # one warning (an overdue hypothesis) and one stale KPI (info)
BROKEN = FIXTURES / "broken"  # a bit of every kind of problem
AS_OF = "2026-11-22"


def check_golden(name: str, actual: str) -> None:
    assert_golden(GOLDEN / name, actual)


# -- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [
        ("text", "validate-broken.txt"),
        ("github", "validate-broken.github.txt"),
        ("json", "validate-broken.json"),
    ],
)
def test_validate_broken_project_golden(fmt: str, golden: str) -> None:
    code, out, err = run("validate", str(BROKEN), "--as-of", AS_OF, "--format", fmt)
    assert (code, err) == (1, "")
    check_golden(golden, out)


def test_validate_valid_project_golden() -> None:
    code, out, err = run("validate", str(VALID), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    check_golden("validate-valid.txt", out)


def test_export_golden() -> None:
    code, out, err = run("export", str(VALID), "--as-of", AS_OF)
    assert (code, err) == (0, "")
    check_golden("export-valid.json", out)


# -- exit codes ------------------------------------------------------------------------------


def test_warnings_only_exit_0() -> None:
    code, out, _ = run("validate", str(VALID), "--as-of", AS_OF)
    assert code == 0
    assert "warning[hypothesis-overdue]" in out
    assert out.endswith("ok: 2 themes, 3 hypotheses, 2 KPIs, 1 journey, 1 OKR period (1 warning)\n")


def test_a_clean_validate_prints_one_summary_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(VALID, project)
    (project / "roadmap" / "faster-delivery.yaml").unlink()
    text = (project / "roadmap" / "onboarding.yaml").read_text(encoding="utf-8")
    (project / "roadmap" / "onboarding.yaml").write_text(
        text.replace("status: testing", "status: validated"), encoding="utf-8"
    )
    code, out, err = run("validate", str(project), "--as-of", "2026-07-10", "--strict")
    assert (code, out, err) == (
        0,
        "ok: 1 theme, 2 hypotheses, 2 KPIs, 1 journey, 1 OKR period\n",
        "",
    )
    assert run("validate", str(project), "--as-of", "2026-07-10", "--format", "json")[1] == "[]\n"


def test_strict_fails_on_a_warning() -> None:
    assert run("validate", str(VALID), "--as-of", AS_OF, "--strict")[0] == 1


def test_strict_ignores_infos(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(VALID, project)
    theme = project / "roadmap" / "onboarding.yaml"
    theme.write_text(theme.read_text().replace("status: testing", "status: validated"))
    code, out, _ = run("validate", str(project), "--as-of", AS_OF, "--strict")
    assert code == 0
    assert "info[kpi-stale]" in out
    assert "warning" not in out.replace("0 warnings", "")


def test_errors_exit_1() -> None:
    assert run("validate", str(BROKEN), "--as-of", AS_OF)[0] == 1


def test_missing_directory_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nothing"
    assert run("validate", str(missing)) == (2, "", f"outcomes: {missing}: no such directory\n")


def test_file_instead_of_a_directory_exit_2(tmp_path: Path) -> None:
    file = tmp_path / "file.yaml"
    file.write_text("id: x\n")
    assert run("export", str(file)) == (2, "", f"outcomes: {file}: not a directory\n")


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "yesterday", "22/11/2026"])
def test_bad_as_of_exit_2(day: str) -> None:
    code, out, err = run("validate", str(VALID), "--as-of", day)
    assert (code, out) == (2, "")
    assert err == (
        f"outcomes validate: argument --as-of: {day!r} is not an ISO date such as 2026-11-22\n"
    )


def test_unknown_option_exit_2() -> None:
    assert run("validate", str(VALID), "--colour") == (
        2,
        "",
        "outcomes: unrecognized arguments: --colour\n",
    )


def test_unknown_format_exit_2() -> None:
    code, _, err = run("validate", str(VALID), "--format", "sarif2")
    assert code == 2
    assert "argument --format: invalid choice: 'sarif2'" in err


def test_no_command_prints_the_help_and_exits_2() -> None:
    code, out, err = run()
    assert (code, err) == (2, "")
    assert out.startswith("usage: outcomes [-h] [--version] COMMAND ...\n")
    assert "    validate  check every roadmap file\n" in out
    assert "example:\n  outcomes init my-roadmap" in out


def _commands() -> dict[str, argparse.ArgumentParser]:
    from outcomes.adapters.cli import _parser

    (sub,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_a_description_an_example_and_defaults(name: str) -> None:
    parser = _commands()[name]
    assert parser.description and len(parser.description) > 40, name
    assert parser.epilog and parser.epilog.startswith("example:\n  "), name
    assert f"outcomes {name}" in parser.epilog or name == "pull", name
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, (name, action.dest)
        optional = action.option_strings or action.nargs == "?"
        if optional and action.dest != "kind":
            assert "default" in action.help, (name, action.dest, action.help)


def test_the_root_is_found_from_a_folder_inside_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(VALID, project)
    inside = project / "roadmap"
    code, out, _ = run("validate", str(inside), "--as-of", AS_OF)
    assert code == 0 and out.endswith("1 OKR period (1 warning)\n")
    assert run("new", "theme", "search", str(inside))[:2] == (
        0, "created roadmap/search.yaml\ncreated schemas/theme.schema.json\n"
    )  # fmt: skip
    assert (project / "roadmap" / "search.yaml").is_file()
    assert not (inside / "roadmap").exists()


def test_the_root_search_stops_at_the_repository(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Elsewhere\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "notes").mkdir()
    code, out, _ = run("validate", str(repo / "notes"))
    assert code == 1 and "error[no-roadmap]" in out


def test_unknown_command_exit_2() -> None:
    code, _, err = run("publish")
    assert code == 2
    assert "invalid choice: 'publish'" in err


@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"], ["export", "-h"]])
def test_help_exit_0_on_out(argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert (code, err) == (0, "")
    assert out.startswith("usage: outcomes")


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out.startswith("outcomes ")


def test_empty_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    code, out, _ = run("validate", str(tmp_path))
    assert code == 1
    assert out.startswith(".:1:1: error[no-roadmap] no roadmap/, journeys/, okrs/ folder in ")


def test_export_refuses_a_broken_project() -> None:
    code, out, err = run("export", str(BROKEN), "--as-of", AS_OF)
    assert (code, out) == (1, "")
    assert "roadmap/onboarding.yaml:3:10: error[invalid-choice]" in err


def test_default_as_of_is_today() -> None:
    code, out, _ = run("export", str(VALID))
    assert code == 0
    assert json.loads(out)["as_of"] == datetime.date.today().isoformat()


def test_paths_are_relative_to_the_project_whatever_the_working_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(BROKEN / "roadmap")
    code, out, _ = run("validate", "..", "--as-of", AS_OF)
    assert code == 1
    assert "\nroadmap/onboarding.yaml:3:10: error[invalid-choice]" in out


# -- output formats --------------------------------------------------------------------------


def test_text_format_lines() -> None:
    _, out, _ = run("validate", str(BROKEN), "--as-of", AS_OF)
    lines = out.splitlines()
    assert (
        "okrs/measurements/invite-rate.csv:3:1: error[csv-date] '2026-02-30' is not a real date"
        in lines
    )
    unknown_field = "roadmap/onboarding.yaml:5:1: error[unknown-field] unknown field 'problm'"
    assert lines[lines.index(unknown_field) + 1] == "  hint: did you mean 'problem'?"
    assert lines[-1] == "23 errors, 2 warnings"


def test_text_output_is_sorted_by_path_and_line() -> None:
    _, out, _ = run("validate", str(BROKEN), "--as-of", AS_OF)
    places = [
        (path, int(line))
        for path, line, *_ in (
            entry.split(":") for entry in out.splitlines() if not entry.startswith(("  ", "2"))
        )
    ]
    assert places == sorted(places)


def test_github_format_escapes_and_annotates() -> None:
    _, out, _ = run("validate", str(BROKEN), "--as-of", AS_OF, "--format", "github")
    lines = out.splitlines()
    assert (
        "::error file=okrs/2026-Q4.yaml,line=6,col=14,title=unknown-reference::"
        "unknown theme 'onbording'%0Adid you mean 'onboarding'?"
    ) in lines
    assert (
        "::error file=okrs/measurements/invite-rate.csv,line=3,col=1,title=csv-date::"
        "'2026-02-30' is not a real date"
    ) in lines
    assert any(
        line.startswith("::warning file=roadmap/activation.yaml,line=5,col=9,") for line in lines
    )
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_json_format_shape() -> None:
    _, out, _ = run("validate", str(BROKEN), "--as-of", AS_OF, "--format", "json")
    problems = json.loads(out)
    assert all(
        set(p) == {"path", "line", "col", "severity", "code", "message", "hint"} for p in problems
    )
    assert {
        "path": "okrs/kpis.yaml",
        "line": 6,
        "col": 12,
        "severity": "error",
        "code": "unknown-reference",
        "message": "unknown team 'growht'",
        "hint": "did you mean 'growth'?",
    } in problems


def test_json_format_of_a_clean_project_is_an_empty_list(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(VALID, project)
    (project / "okrs" / "measurements" / "lead-time-days.csv").write_text(
        "date,value\n2026-07-01,9.5\n2026-11-01,7\n"
    )
    theme = project / "roadmap" / "onboarding.yaml"
    theme.write_text(theme.read_text().replace("status: testing", "status: validated"))
    assert run("validate", str(project), "--as-of", AS_OF, "--format", "json") == (0, "[]\n", "")


# -- export ----------------------------------------------------------------------------------


def test_export_has_the_shape_of_design() -> None:
    _, out, _ = run("export", str(VALID), "--as-of", AS_OF)
    model = json.loads(out)
    assert model["as_of"] == AS_OF
    assert {"as_of", "themes", "hypotheses", "kpis", "okrs", "journeys"} <= set(model)
    theme = next(t for t in model["themes"] if t["id"] == "onboarding")
    assert {"id", "horizon", "owner", "outcomes", "hypotheses"} <= set(theme)
    assert theme["hypotheses"] == ["setup-checklist", "template-gallery"]
    (outcome,) = theme["outcomes"]
    assert {"kpi", "baseline", "target", "latest", "progress", "status"} <= set(outcome)
    # latest is the value judged on: 0.47; (0.47 - 0.38) / (0.55 - 0.38) = 0.529412
    assert (outcome["latest"], outcome["progress"], outcome["status"]) == (
        0.47,
        0.529412,
        "on-track",
    )
    hypothesis = next(h for h in model["hypotheses"] if h["id"] == "setup-checklist")
    assert {"id", "theme", "status", "kpi", "verdict", "overdue"} <= set(hypothesis)
    assert (hypothesis["verdict"], hypothesis["overdue"]) == ("supported", True)
    kpi = next(k for k in model["kpis"] if k["id"] == "invite-rate")
    assert kpi["latest"] == {"date": "2026-11-15", "value": 0.47}
    assert kpi["stale"] is False
    assert kpi["used_by"] == [
        "journey:new-team",
        "theme:onboarding",
        "hypothesis:setup-checklist",
        "okr:2026-Q4/first-week-success/invites",
    ]
    (period,) = model["okrs"]
    assert period["period"] == "2026-Q4"
    key_result = period["objectives"][0]["key_results"][0]
    assert {"id", "kpi", "baseline", "target", "latest", "progress", "status"} <= set(key_result)
    # (0.47 - 0.42) / (0.50 - 0.42) = 0.625; 52 of 91 days passed (0.571) -> on-track
    assert (key_result["progress"], key_result["status"]) == (0.625, "on-track")
    (journey,) = model["journeys"]
    assert journey["steps"] == [
        {"id": "signup", "stage": "discover", "hypotheses": []},
        {"id": "first-run", "stage": "start", "hypotheses": ["setup-checklist"]},
    ]


# -- schema ----------------------------------------------------------------------------------


def test_schema_writes_one_file_per_kind_with_descriptions(tmp_path: Path) -> None:
    out_dir = tmp_path / "schemas"
    code, out, _ = run("schema", "--out", str(out_dir))
    assert code == 0
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [
        "journey.schema.json",
        "kpis.schema.json",
        "okrs.schema.json",
        "teams.schema.json",
        "theme.schema.json",
    ]
    assert out.count("wrote ") == 5
    theme = json.loads((out_dir / "theme.schema.json").read_text())
    assert theme["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert theme["additionalProperties"] is False
    assert theme["properties"]["horizon"]["enum"] == ["now", "next", "later", "done"]
    assert theme["properties"]["title"]["description"] == (
        "The theme as an outcome, in a sentence."
    )
    hypothesis = theme["definitions"]["Hypothesis"]
    assert "for" in hypothesis["properties"]  # aliases, as written in YAML
    assert hypothesis["properties"]["we_believe"]["description"] == "The change we make."
    for name in names:
        schema = json.loads((out_dir / name).read_text())
        assert schema["title"].startswith("Outcomes format v1: ")
        assert schema.get("description")


def test_schema_into_a_file_exit_2(tmp_path: Path) -> None:
    file = tmp_path / "taken"
    file.write_text("")
    code, _, err = run("schema", "--out", str(file))
    assert code == 2
    assert err == f"outcomes: {file}: File exists\n"

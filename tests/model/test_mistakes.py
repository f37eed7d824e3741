"""The common mistakes of a team's first hour (issue 14), each caught in the file that has
it, with its fix, and without a cascade of errors elsewhere.

Each test writes the mistake as inline YAML or CSV into a copy of the small valid
project of tests/cli/fixtures and checks the exact `path:line:col`, code, message and
hint that `outcomes validate` prints.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clikit import run

VALID = Path(__file__).parent.parent / "cli" / "fixtures" / "valid"
AS_OF = "2026-11-22"

THEME = """\
id: onboarding
title: New teams reach value in their first week
horizon: now
owner: growth
outcomes:
  - kpi: invite-rate
    baseline: 0.38
    target: {target}
    by: 2027-03-31
hypotheses:
  - id: setup-checklist
    title: Guided setup checklist
    status: idea
    we_believe: {we_believe}
    for: workspace admins
    will_result_in: more admins inviting a teammate in week one
    measured_by:
      kpi: invite-rate
      expect: {expect}
      kill: {kill}
    guardrails:
      - kpi: invite-rate
        limit: {limit}
    evidence:
      - title: Interview notes
        url: {url}
"""


def theme(**values: object) -> str:
    given = {"target": 0.55, "we_believe": "adding a checklist", "expect": 0.45,
             "kill": 0.39, "limit": 0.3, "url": "https://example.com/notes"}  # fmt: skip
    return THEME.format(**{**given, **values})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    (root / "roadmap" / "faster-delivery.yaml").unlink()
    okrs = (root / "okrs" / "2026-Q4.yaml").read_text(encoding="utf-8")
    okrs = okrs.replace(
        "      - id: faster-changes\n        kpi: lead-time\n        target: 5\n", ""
    )
    (root / "okrs" / "2026-Q4.yaml").write_text(okrs, encoding="utf-8")
    write(root, "roadmap/onboarding.yaml", theme())
    return root


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(text, encoding="utf-8")


def problems(root: Path, *flags: str) -> list[str]:
    """Each error and warning printed, with its hint; infos and the summary left out."""
    _, out, err = run("validate", str(root), "--as-of", AS_OF, *flags)
    assert err == ""
    found: list[str] = []
    for line in out.splitlines():
        if line.startswith("  hint: "):
            if found and found[-1] != "":
                found[-1] += "\n" + line
        elif "info[" in line:
            found.append("")  # the hint of an info is dropped with it
        elif ": error[" in line or ": warning[" in line:
            found.append(line)
    return [entry for entry in found if entry]


def test_the_project_is_clean_to_start_with(project: Path) -> None:
    assert problems(project) == []


# -- scale mismatches on percent KPIs ---------------------------------------------------


def test_a_target_in_whole_percents_is_an_error_at_the_target(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", theme(target=45))
    assert problems(project) == [
        "roadmap/onboarding.yaml:8:13: error[percent-scale] target 45 is about 107 times the "
        "values of percent KPI 'invite-rate' (around 0.42), whose values are fractions\n"
        "  hint: write 0.45 for 45 %"
    ]


def test_expect_kill_and_limit_in_whole_percents(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", theme(expect=45, kill=39, limit=30))
    assert problems(project) == [
        "roadmap/onboarding.yaml:19:15: error[percent-scale] expect 45 is about 107 times the "
        "values of percent KPI 'invite-rate' (around 0.42), whose values are fractions\n"
        "  hint: write 0.45 for 45 %",
        "roadmap/onboarding.yaml:20:13: error[percent-scale] kill 39 is about 93 times the "
        "values of percent KPI 'invite-rate' (around 0.42), whose values are fractions\n"
        "  hint: write 0.39 for 39 %",
        "roadmap/onboarding.yaml:23:16: error[percent-scale] limit 30 is about 71 times the "
        "values of percent KPI 'invite-rate' (around 0.42), whose values are fractions\n"
        "  hint: write 0.3 for 30 %",
    ]


def test_a_baseline_and_a_key_result_in_whole_percents(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", theme().replace("baseline: 0.38", "baseline: 38"))
    okrs = (project / "okrs" / "2026-Q4.yaml").read_text(encoding="utf-8")
    write(project, "okrs/2026-Q4.yaml", okrs.replace("target: 0.50", "target: 50"))
    assert problems(project) == [
        "okrs/2026-Q4.yaml:11:17: error[percent-scale] target 50 is about 119 times the "
        "values of percent KPI 'invite-rate' (around 0.42), whose values are fractions\n"
        "  hint: write 0.5 for 50 %",
        "roadmap/onboarding.yaml:7:15: error[percent-scale] baseline 38 is about 90 times the "
        "values of percent KPI 'invite-rate' (around 0.42), whose values are fractions\n"
        "  hint: write 0.38 for 38 %",
    ]


def test_a_csv_in_whole_percents_is_one_error_in_the_csv_and_no_cascade(project: Path) -> None:
    write(project, "okrs/measurements/invite-rate.csv",
          "date,value,note\n2026-07-05,38,\n2026-08-02,39,\n2026-09-06,41,\n")  # fmt: skip
    assert problems(project) == [
        "okrs/measurements/invite-rate.csv:2:12: error[percent-scale] 38 looks like a whole "
        "percent, but KPI 'invite-rate' is a percent KPI, whose values are fractions\n"
        "  hint: write 0.38 for 38 %: divide every value of the file by 100"
    ]


def test_values_above_one_hundred_percent_are_not_a_scale_mistake(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", theme(target=1.2))
    assert problems(project) == []


# -- no cascade, ids from file names --------------------------------------------------


def test_a_tab_in_a_theme_file_is_one_error_there(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", "id: onboarding\ntitle: x\n\thorizon: now\n")
    found = problems(project)
    assert [entry.split(" ", 1)[0] for entry in found] == ["roadmap/onboarding.yaml:3:1:"]
    assert "error[yaml-syntax]" in found[0]


def test_a_broken_theme_named_after_its_file_is_still_known(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", "title: [unclosed\n")
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("roadmap/onboarding.yaml:")


def test_a_broken_journey_keeps_its_steps_known(project: Path) -> None:
    write(project, "journeys/new-team.yaml", "id: new-team\nstages:\n\t- id: x\n")
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("journeys/new-team.yaml:3:1: error[yaml-syntax]")


def test_a_broken_kpi_file_keeps_its_ids_known(project: Path) -> None:
    text = (project / "okrs" / "kpis.yaml").read_text(encoding="utf-8")
    write(project, "okrs/kpis.yaml", text.replace("    unit: days", "\tunit: days"))
    found = problems(project)
    assert len(found) == 1 and "error[yaml-syntax]" in found[0]


def test_a_theme_id_that_differs_from_its_file_name(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", theme().replace("id: onboarding", "id: onboard"))
    assert problems(project) == [
        "roadmap/onboarding.yaml:1:5: error[id-mismatch] theme id 'onboard' differs from its "
        "file name onboarding.yaml\n"
        "  hint: rename the file to roadmap/onboard.yaml, or write `id: onboarding`"
    ]


def test_a_journey_id_that_differs_from_its_file_name(project: Path) -> None:
    text = (project / "journeys" / "new-team.yaml").read_text(encoding="utf-8")
    write(project, "journeys/new-team.yaml", text.replace("id: new-team", "id: new-teams", 1))
    text = (project / "roadmap" / "onboarding.yaml").read_text(encoding="utf-8")
    steps = "    journey_steps: [new-team/first-run]\n    evidence:"
    write(project, "roadmap/onboarding.yaml", text.replace("    evidence:", steps))
    assert problems(project) == [
        "journeys/new-team.yaml:1:5: error[id-mismatch] journey id 'new-teams' differs from its "
        "file name new-team.yaml\n"
        "  hint: rename the file to journeys/new-teams.yaml, or write `id: new-team`"
    ]


def test_a_configured_folder_that_does_not_exist(project: Path) -> None:
    assert problems(project, "--roadmap-dir", "plans") == [
        "plans:1:1: error[folder-missing] the configured folder plans/ does not exist\n"
        "  hint: create plans/, or correct the folder option (`--roadmap-dir` or the plugin's "
        "option in mkdocs.yml)"
    ]


# -- silently accepted before ---------------------------------------------------------


def test_an_evidence_url_without_a_scheme(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", theme(url="example.com/x"))
    assert problems(project) == [
        "roadmap/onboarding.yaml:26:14: warning[link-no-scheme] 'example.com/x' has no scheme, "
        "so the site links to a page of its own by that name, which does not exist\n"
        "  hint: add https://, as in https://example.com/x"
    ]


@pytest.mark.parametrize("url", ["notes.md", "research/study.pdf", "../guide/page.md"])
def test_relative_links_to_files_are_fine(project: Path, url: str) -> None:
    write(project, "roadmap/onboarding.yaml", theme(url=url))
    assert problems(project) == []


def test_a_key_result_due_after_its_period(project: Path) -> None:
    okrs = (project / "okrs" / "2026-Q4.yaml").read_text(encoding="utf-8")
    write(
        project,
        "okrs/2026-Q4.yaml",
        okrs.replace("target: 0.50", "target: 0.50\n        by: 2027-02-15"),
    )
    assert problems(project) == [
        "okrs/2026-Q4.yaml:12:13: error[date-order] key result 'invites' is due on 2027-02-15, "
        "after its period 2026-Q4 ends on 2026-12-31\n"
        "  hint: move `by` into 2026-Q4, or the key result into the OKR file of the period it "
        "is due in"
    ]


def test_a_row_dated_decades_after_as_of(project: Path) -> None:
    path = project / "okrs" / "measurements" / "invite-rate.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2062-07-13,0.47,\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").count("\n")
    assert problems(project) == [
        f"okrs/measurements/invite-rate.csv:{lines}:1: warning[csv-future-date] 2062-07-13 is "
        "more than a year after 2026-11-22, the date figures are computed for: no page shows "
        "this value of KPI 'invite-rate'\n"
        "  hint: check the year of the date"
    ]


def test_a_row_of_next_quarter_is_fine(project: Path) -> None:
    path = project / "okrs" / "measurements" / "invite-rate.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2027-02-01,0.47,\n", encoding="utf-8")
    assert problems(project) == []


def test_placeholder_text_from_outcomes_new(project: Path) -> None:
    write(project, "roadmap/onboarding.yaml", theme(we_believe="describe the change we make"))
    assert problems(project) == [
        "roadmap/onboarding.yaml:14:17: warning[placeholder-text] `we_believe` still holds the "
        "text `outcomes new` wrote: 'describe the change we make'\n"
        "  hint: replace it with your own words before publishing"
    ]


def test_every_scaffold_placeholder_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    for argv in (("theme", "search"), ("hypothesis", "typos", "--theme", "search"),
                 ("kpi", "search-success"), ("journey", "first-search")):  # fmt: skip
        assert run("new", *argv[:2], str(root), *argv[2:])[0] == 0
    fields = sorted(e.split("`")[1] for e in problems(root) if "[placeholder-text]" in e)
    assert fields == ["description", "for", "persona", "problem", "we_believe", "will_result_in"]


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [("on_track=10", "'on_track=10' is not a mapping of on_track and at_risk to fractions "
      "from 0 to 1, on_track not above at_risk")],
)  # fmt: skip
def test_thresholds_outside_zero_to_one_are_refused(
    project: Path, thresholds: str, message: str
) -> None:
    code, _, err = run("validate", str(project), "--thresholds", thresholds)
    assert code == 2 and message in err

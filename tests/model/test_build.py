"""The model stage on small projects written into `tmp_path`: references, ids, figures.

Every figure is computed by hand in a comment next to its assertion, for `as_of`
2026-11-22 and the invite-rate series below.
"""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

from outcomes.diagnostics import Diagnostic, Severity
from outcomes.load.project import Layout
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import analyse

AS_OF = datetime.date(2026, 11, 22)

KPIS = """\
kpis:
  - id: invite-rate
    name: Week-1 invite rate
    unit: ratio
    direction: increase
    owner: growth
  - id: lead-time
    name: Lead time for changes
    unit: days
    direction: decrease
    cadence: monthly
"""
INVITE_RATE_CSV = """\
date,value
2026-06-28,0.30
2026-07-05,0.38
2026-09-30,0.44
2026-10-04,0.45
2026-11-20,0.47
2026-11-29,0.52
"""
LEAD_TIME_CSV = "date,value\n2026-07-01,10\n2026-08-01,9\n2026-09-01,8\n"
THEME = """\
id: onboarding
title: New teams reach value in their first week
horizon: now
owner: growth
outcomes:
  - kpi: invite-rate
    baseline: 0.38
    target: 0.55
    from: 2026-07-01
    by: 2027-03-31
hypotheses:
  - id: setup-checklist
    title: Guided setup checklist
    status: testing
    we_believe: adding a setup checklist
    for: workspace admins
    will_result_in: more invites in week one
    measured_by:
      kpi: invite-rate
      expect: 0.45
    journey_steps: [new-team/signup]
    experiments:
      - title: 50% rollout
        start: 2026-10-01
        end: 2026-11-08
"""
JOURNEY = """\
id: new-team
title: A new team's first week
stages:
  - id: discover
    title: Discover
    steps:
      - id: signup
        title: Sign up
        kpis: [invite-rate]
      - id: invite
        title: Invite a teammate
"""
OKRS_Q3 = """\
period: 2026-Q3
objectives:
  - id: first-week
    title: New teams succeed in their first week
    owner: growth
    themes: [onboarding]
    key_results:
      - id: reached
        kpi: invite-rate
        baseline: 0.38
        target: 0.44
      - id: fell-short
        kpi: invite-rate
        baseline: 0.38
        target: 0.50
"""
BASE = {
    "okrs/kpis.yaml": KPIS,
    "okrs/measurements/invite-rate.csv": INVITE_RATE_CSV,
    "okrs/measurements/lead-time.csv": LEAD_TIME_CSV,
    "roadmap/onboarding.yaml": THEME,
    "journeys/new-team.yaml": JOURNEY,
    "okrs/2026-Q3.yaml": OKRS_Q3,
}


def write_files(root: Path, files: Mapping[str, str]) -> None:
    """Write `{relative path: text}` under `root`, dedenting each text."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def build(
    tmp_path: Path, changes: Mapping[str, str | None] | None = None
) -> tuple[Roadmap, list[Diagnostic]]:
    """The base project with `changes` (None removes a file), analysed for AS_OF."""
    files = {**BASE, **(changes or {})}
    write_files(tmp_path, {k: v for k, v in files.items() if v is not None})
    return analyse(Layout(tmp_path), AS_OF)


Problem = tuple[str, str, str, str, str]


def found(diagnostics: list[Diagnostic], *codes: str) -> list[Problem]:
    """(location, severity, code, message, hint) of the diagnostics with these codes."""
    return [
        (d.location, d.severity.value, d.code, d.message, d.hint)
        for d in diagnostics
        if not codes or d.code in codes
    ]


def test_base_project_is_clean(tmp_path: Path) -> None:
    roadmap, diagnostics = build(tmp_path)
    # lead-time's newest value (2026-09-01) is 82 days old, more than 2 x 31 days.
    assert found(diagnostics) == [
        (
            "okrs/kpis.yaml:7:9",
            "info",
            "kpi-stale",
            "KPI 'lead-time' is stale: its newest value is from 2026-09-01 "
            "(82 days before 2026-11-22), cadence monthly",
            "add recent measurements",
        )
    ]
    assert set(roadmap.themes) == {"onboarding"}
    assert roadmap.kpis["lead-time"].stale
    assert not roadmap.kpis["invite-rate"].stale


# -- references -----------------------------------------------------------------------------


def test_unknown_kpi_reference_with_did_you_mean(tmp_path: Path) -> None:
    theme = THEME.replace("  - kpi: invite-rate", "  - kpi: invite-rat")
    _, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert found(diagnostics, "unknown-reference") == [
        (
            "roadmap/onboarding.yaml:6:10",
            "error",
            "unknown-reference",
            "unknown KPI 'invite-rat'",
            "did you mean 'invite-rate'?",
        )
    ]


def test_unknown_kpi_of_a_hypothesis_and_of_a_journey_step(tmp_path: Path) -> None:
    theme = THEME.replace("      kpi: invite-rate", "      kpi: lead-tme")
    journey = JOURNEY.replace("kpis: [invite-rate]", "kpis: [invite-rate, nps]")
    _, diagnostics = build(
        tmp_path, {"roadmap/onboarding.yaml": theme, "journeys/new-team.yaml": journey}
    )
    assert found(diagnostics, "unknown-reference") == [
        ("journeys/new-team.yaml:9:29", "error", "unknown-reference", "unknown KPI 'nps'", ""),
        (
            "roadmap/onboarding.yaml:19:12",
            "error",
            "unknown-reference",
            "unknown KPI 'lead-tme'",
            "did you mean 'lead-time'?",
        ),
    ]


def test_unknown_journey_step_with_did_you_mean(tmp_path: Path) -> None:
    theme = THEME.replace("[new-team/signup]", "[new-team/signin, new-team/invite]")
    roadmap, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert found(diagnostics, "unknown-reference") == [
        (
            "roadmap/onboarding.yaml:21:21",
            "error",
            "unknown-reference",
            "unknown journey step 'new-team/signin'",
            "did you mean 'new-team/signup'?",
        )
    ]
    assert roadmap.steps()["new-team/invite"].hypotheses == ["setup-checklist"]


def test_unknown_theme_of_an_objective(tmp_path: Path) -> None:
    okrs = OKRS_Q3.replace("themes: [onboarding]", "themes: [onbording]")
    _, diagnostics = build(tmp_path, {"okrs/2026-Q3.yaml": okrs})
    assert found(diagnostics, "unknown-reference") == [
        (
            "okrs/2026-Q3.yaml:6:14",
            "error",
            "unknown-reference",
            "unknown theme 'onbording'",
            "did you mean 'onboarding'?",
        )
    ]


def test_unknown_kpi_of_a_key_result(tmp_path: Path) -> None:
    okrs = OKRS_Q3.replace(
        "      - id: reached\n        kpi: invite-rate", "      - id: reached\n        kpi: invites"
    )
    roadmap, diagnostics = build(tmp_path, {"okrs/2026-Q3.yaml": okrs})
    assert found(diagnostics, "unknown-reference")[0][:4] == (
        "okrs/2026-Q3.yaml:9:14",
        "error",
        "unknown-reference",
        "unknown KPI 'invites'",
    )
    # The key result is left out of the model; its sibling is still judged.
    objective = roadmap.okrs["2026-Q3"].objectives[0]
    assert [kr.id for kr in objective.key_results] == ["fell-short"]


def test_owners_are_checked_against_the_teams_file_when_it_exists(tmp_path: Path) -> None:
    teams = "teams:\n  - id: growth\n    name: Growth\n  - id: platform\n    name: Platform\n"
    theme = THEME.replace("owner: growth", "owner: grwth")
    roadmap, diagnostics = build(
        tmp_path, {"okrs/teams.yaml": teams, "roadmap/onboarding.yaml": theme}
    )
    assert found(diagnostics, "unknown-reference") == [
        (
            "roadmap/onboarding.yaml:4:8",
            "error",
            "unknown-reference",
            "unknown team 'grwth'",
            "did you mean 'growth'?",
        )
    ]
    assert list(roadmap.teams) == ["growth", "platform"]


def test_without_a_teams_file_owners_form_the_teams(tmp_path: Path) -> None:
    theme = THEME.replace("owner: growth", "owner: activation")
    roadmap, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert found(diagnostics, "unknown-reference") == []
    assert list(roadmap.teams) == ["activation", "growth"]
    assert roadmap.teams["activation"].definition is None


# -- duplicate ids ----------------------------------------------------------------------------


def test_duplicate_theme_id_across_files_is_reported_at_both_places(tmp_path: Path) -> None:
    copy = THEME.replace("id: setup-checklist", "id: other-bet")
    _, diagnostics = build(tmp_path, {"roadmap/copy.yaml": copy})
    assert found(diagnostics, "duplicate-id") == [
        (
            "roadmap/copy.yaml:1:5",
            "error",
            "duplicate-id",
            "duplicate theme id 'onboarding'",
            "also defined at roadmap/onboarding.yaml:1:5",
        ),
        (
            "roadmap/onboarding.yaml:1:5",
            "error",
            "duplicate-id",
            "duplicate theme id 'onboarding'",
            "also defined at roadmap/copy.yaml:1:5",
        ),
    ]


def test_duplicate_hypothesis_id_across_themes(tmp_path: Path) -> None:
    other = THEME.replace("id: onboarding", "id: activation")
    _, diagnostics = build(tmp_path, {"roadmap/activation.yaml": other})
    assert [(p[0], p[3]) for p in found(diagnostics, "duplicate-id")] == [
        ("roadmap/activation.yaml:12:9", "duplicate hypothesis id 'setup-checklist'"),
        ("roadmap/onboarding.yaml:12:9", "duplicate hypothesis id 'setup-checklist'"),
    ]


def test_duplicate_kpi_id_across_files(tmp_path: Path) -> None:
    more = "kpis:\n  - id: lead-time\n    name: L\n    unit: days\n    direction: decrease\n"
    _, diagnostics = build(tmp_path, {"okrs/more-kpis.yaml": more})
    assert [(p[0], p[4]) for p in found(diagnostics, "duplicate-id")] == [
        ("okrs/kpis.yaml:7:9", "also defined at okrs/more-kpis.yaml:2:9"),
        ("okrs/more-kpis.yaml:2:9", "also defined at okrs/kpis.yaml:7:9"),
    ]


def test_duplicate_step_within_a_journey(tmp_path: Path) -> None:
    journey = JOURNEY.replace("id: invite", "id: signup")
    _, diagnostics = build(tmp_path, {"journeys/new-team.yaml": journey})
    assert [p[0] for p in found(diagnostics, "duplicate-id")] == [
        "journeys/new-team.yaml:7:13",
        "journeys/new-team.yaml:10:13",
    ]


def test_duplicate_okr_period(tmp_path: Path) -> None:
    _, diagnostics = build(tmp_path, {"okrs/q3-copy.yaml": OKRS_Q3})
    assert [(p[0], p[3]) for p in found(diagnostics, "duplicate-id")] == [
        ("okrs/2026-Q3.yaml:1:9", "duplicate OKR period id '2026-Q3'"),
        ("okrs/q3-copy.yaml:1:9", "duplicate OKR period id '2026-Q3'"),
    ]


# -- targets and baselines ----------------------------------------------------------------------


def test_target_on_the_wrong_side_of_the_baseline(tmp_path: Path) -> None:
    theme = THEME.replace("baseline: 0.38\n    target: 0.55", "baseline: 0.5\n    target: 0.4")
    _, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert found(diagnostics, "target-direction") == [
        (
            "roadmap/onboarding.yaml:8:13",
            "error",
            "target-direction",
            "target 0.4 is not above the baseline 0.5, but KPI 'invite-rate' should increase",
            "check the target, the baseline or the KPI's direction",
        )
    ]


def test_target_equal_to_the_baseline_is_on_the_wrong_side(tmp_path: Path) -> None:
    theme = THEME.replace("target: 0.55", "target: 0.38")
    _, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert [p[0] for p in found(diagnostics, "target-direction")] == [
        "roadmap/onboarding.yaml:8:13"
    ]


def test_target_against_a_baseline_derived_from_data(tmp_path: Path) -> None:
    # No baseline: the first value on or after `from` (2026-07-05, 0.38) is above 0.30.
    theme = THEME.replace("    baseline: 0.38\n    target: 0.55", "    target: 0.30")
    _, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert found(diagnostics, "target-direction") == [
        (
            "roadmap/onboarding.yaml:7:13",
            "error",
            "target-direction",
            "target 0.3 is not above the baseline 0.38, but KPI 'invite-rate' should increase",
            "check the target, the baseline or the KPI's direction",
        )
    ]


def test_decreasing_kpi_target_must_be_below(tmp_path: Path) -> None:
    theme = THEME.replace(
        "kpi: invite-rate\n    baseline: 0.38\n    target: 0.55",
        "kpi: lead-time\n    baseline: 8\n    target: 9",
    )
    _, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert found(diagnostics, "target-direction")[0][3] == (
        "target 9 is not below the baseline 8, but KPI 'lead-time' should decrease"
    )


# -- progress of outcomes ---------------------------------------------------------------------


def test_outcome_progress_and_status(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path)
    progress = roadmap.themes["onboarding"].outcomes[0].progress
    # Judged on 2026-11-20 (0.47): the 2026-11-29 value is after as_of.
    assert progress.value is not None
    assert (progress.value.date, progress.value.value) == (datetime.date(2026, 11, 20), 0.47)
    # (0.47 - 0.38) / (0.55 - 0.38) = 0.5294
    assert progress.progress == pytest.approx(0.09 / 0.17)
    # 144 of the 273 days from 2026-07-01 to 2027-03-31 have passed.
    assert progress.expected == pytest.approx(144 / 273)
    assert progress.status == "on-track"


def test_omitted_baseline_is_the_first_value_on_or_after_from(tmp_path: Path) -> None:
    theme = THEME.replace("    baseline: 0.38\n", "")
    roadmap, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert found(diagnostics, "target-direction") == []
    progress = roadmap.themes["onboarding"].outcomes[0].progress
    assert progress.baseline == 0.38  # 2026-07-05, the first value on or after 2026-07-01
    assert progress.start == datetime.date(2026, 7, 1)


def test_omitted_from_and_baseline_start_at_the_first_measurement(tmp_path: Path) -> None:
    theme = THEME.replace("    baseline: 0.38\n", "").replace("    from: 2026-07-01\n", "")
    roadmap, _ = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    progress = roadmap.themes["onboarding"].outcomes[0].progress
    assert progress.start == datetime.date(2026, 6, 28)
    assert progress.baseline == 0.30
    # (0.47 - 0.30) / (0.55 - 0.30) = 0.68
    assert progress.progress == pytest.approx(0.68)


def test_outcome_without_measurements_is_no_data(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path, {"okrs/measurements/invite-rate.csv": "date,value\n"})
    progress = roadmap.themes["onboarding"].outcomes[0].progress
    assert (progress.value, progress.progress, progress.status) == (None, None, "no-data")


def test_outcome_past_its_end_is_judged_on_its_end(tmp_path: Path) -> None:
    theme = THEME.replace("by: 2027-03-31", "by: 2026-10-31")
    roadmap, _ = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    progress = roadmap.themes["onboarding"].outcomes[0].progress
    # The value on or before 2026-10-31 is 0.45: (0.45 - 0.38) / 0.17 = 0.41 < 1 -> missed.
    assert progress.judged_at == datetime.date(2026, 10, 31)
    assert progress.value is not None and progress.value.value == 0.45
    assert progress.status == "missed"


# -- OKRs -----------------------------------------------------------------------------------


def test_past_period_is_judged_on_its_own_data(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path)
    reached, fell_short = roadmap.okrs["2026-Q3"].objectives[0].key_results
    # Judged on the value on or before 2026-09-30 (0.44), not today's 0.47.
    assert reached.progress.judged_at == datetime.date(2026, 9, 30)
    assert reached.progress.value is not None and reached.progress.value.value == 0.44
    # (0.44 - 0.38) / (0.44 - 0.38) = 1
    assert reached.progress.progress == pytest.approx(1.0)
    assert reached.progress.status == "achieved"
    # (0.44 - 0.38) / (0.50 - 0.38) = 0.5, and the period is over.
    assert fell_short.progress.progress == pytest.approx(0.5)
    assert fell_short.progress.status == "missed"


def test_key_result_start_defaults_to_the_period_start(tmp_path: Path) -> None:
    okrs = (
        "period: 2026-Q4\nobjectives:\n  - id: o\n    title: O\n    key_results:\n"
        "      - id: kr\n        kpi: invite-rate\n        target: 0.55\n"
    )
    roadmap, _ = build(tmp_path, {"okrs/2026-Q4.yaml": okrs})
    (kr,) = roadmap.okrs["2026-Q4"].objectives[0].key_results
    assert (kr.progress.start, kr.progress.end) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    # Baseline: the first value on or after 2026-10-01 is 0.45 (2026-10-04).
    assert kr.progress.baseline == 0.45
    # (0.47 - 0.45) / (0.55 - 0.45) = 0.2; expected 52 / 91 = 0.571; 0.2 < 0.271 -> off-track
    assert kr.progress.progress == pytest.approx(0.2)
    assert kr.progress.expected == pytest.approx(52 / 91)
    assert kr.progress.status == "off-track"


def test_key_result_dates_override_the_period(tmp_path: Path) -> None:
    okrs = (
        "period: 2026\nobjectives:\n  - id: o\n    title: O\n    key_results:\n"
        "      - id: kr\n        kpi: invite-rate\n        baseline: 0.38\n        target: 0.48\n"
        "        from: 2026-07-01\n        by: 2026-11-30\n"
    )
    roadmap, _ = build(tmp_path, {"okrs/2026.yaml": okrs})
    (kr,) = roadmap.okrs["2026"].objectives[0].key_results
    # 144 of 152 days passed; (0.47 - 0.38) / 0.10 = 0.9 >= 0.947 - 0.10 -> on-track
    assert kr.progress.expected == pytest.approx(144 / 152)
    assert kr.progress.progress == pytest.approx(0.9)
    assert kr.progress.status == "on-track"


def test_key_result_starting_after_its_period_ends(tmp_path: Path) -> None:
    okrs = (
        "period: 2026-Q3\nobjectives:\n  - id: o\n    title: O\n    key_results:\n"
        "      - id: kr\n        kpi: invite-rate\n        target: 0.55\n"
        "        from: 2026-10-15\n"
    )
    _, diagnostics = build(tmp_path, {"okrs/2026-Q3.yaml": okrs})
    assert found(diagnostics, "date-order") == [
        (
            "okrs/2026-Q3.yaml:9:15",
            "error",
            "date-order",
            "key result 'kr' starts on 2026-10-15 but ends on 2026-09-30",
            "move `from` into the period 2026-Q3, or set `by`",
        )
    ]


# -- hypotheses ---------------------------------------------------------------------------------


def hypothesis(
    status: str, expect: float, end: str | None, kill: float | None = None, **more: str
) -> str:
    """The onboarding theme with its hypothesis changed."""
    theme = THEME.replace("status: testing", f"status: {status}")
    killing = f"\n      kill: {kill}" if kill is not None else ""
    theme = theme.replace("expect: 0.45", f"expect: {expect}{killing}")
    theme = theme.replace("        end: 2026-11-08\n", f"        end: {end}\n" if end else "")
    return theme


def test_validated_but_not_supported_is_a_warning(tmp_path: Path) -> None:
    # Format 1.1: only a kill criterion makes falling short a failure (0.47 <= kill 0.48).
    roadmap, diagnostics = build(
        tmp_path, {"roadmap/onboarding.yaml": hypothesis("validated", 0.50, "2026-10-28", 0.48)}
    )
    assert roadmap.hypotheses["setup-checklist"].verdict == "not-supported"
    assert found(diagnostics, "status-contradicted") == [
        (
            "roadmap/onboarding.yaml:12:9",
            "warning",
            "status-contradicted",
            "hypothesis 'setup-checklist' is validated but the data says not-supported: "
            "invite-rate is 0.47 on 2026-11-20, expected 0.5",
            "check the status, the expected value or the guardrail limits",
        )
    ]


def test_falling_short_without_a_kill_criterion_is_inconclusive_not_a_failure(
    tmp_path: Path,
) -> None:
    # 0.47 < expect 0.50, no kill; decided by 2026-10-28 + 14 = 2026-11-11 < as_of.
    roadmap, diagnostics = build(
        tmp_path, {"roadmap/onboarding.yaml": hypothesis("validated", 0.50, "2026-10-28")}
    )
    view = roadmap.hypotheses["setup-checklist"]
    assert (view.verdict, view.contradicted) == ("inconclusive", False)
    assert view.decide_by == datetime.date(2026, 11, 11)
    assert found(diagnostics, "status-contradicted") == []


def test_invalidated_but_supported_is_a_warning(tmp_path: Path) -> None:
    roadmap, diagnostics = build(
        tmp_path, {"roadmap/onboarding.yaml": hypothesis("invalidated", 0.45, "2026-10-28")}
    )
    assert roadmap.hypotheses["setup-checklist"].contradicted
    assert [p[2] for p in found(diagnostics, "status-contradicted")] == ["status-contradicted"]


def test_validated_and_supported_is_fine(tmp_path: Path) -> None:
    roadmap, diagnostics = build(
        tmp_path, {"roadmap/onboarding.yaml": hypothesis("validated", 0.45, "2026-10-28")}
    )
    view = roadmap.hypotheses["setup-checklist"]
    assert (view.verdict, view.contradicted, view.overdue) == ("supported", False, False)
    assert found(diagnostics, "status-contradicted", "hypothesis-overdue") == []


def test_testing_15_days_after_the_last_experiment_is_overdue(tmp_path: Path) -> None:
    roadmap, diagnostics = build(
        tmp_path, {"roadmap/onboarding.yaml": hypothesis("testing", 0.45, "2026-11-07")}
    )
    assert roadmap.hypotheses["setup-checklist"].overdue
    assert found(diagnostics, "hypothesis-overdue") == [
        (
            "roadmap/onboarding.yaml:12:9",
            "warning",
            "hypothesis-overdue",
            "hypothesis 'setup-checklist' is still testing 1 day after its decision date "
            "2026-11-21 (14 days after its last experiment ended on 2026-11-07)",
            "record the result: set the status to validated or invalidated, "
            "or move `decide_by` if the team agreed to wait",
        )
    ]


def test_testing_14_days_after_the_last_experiment_is_not_overdue(tmp_path: Path) -> None:
    roadmap, diagnostics = build(tmp_path)
    assert not roadmap.hypotheses["setup-checklist"].overdue
    assert found(diagnostics, "hypothesis-overdue") == []


def test_running_experiment(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path, {"roadmap/onboarding.yaml": hypothesis("testing", 0.45, None)})
    assert roadmap.hypotheses["setup-checklist"].verdict == "running"


def test_journey_step_links_back_to_its_hypotheses(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path)
    steps = roadmap.steps()
    assert steps["new-team/signup"].hypotheses == ["setup-checklist"]
    assert steps["new-team/invite"].hypotheses == []


def test_used_by_lists_every_user_of_a_kpi(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path)
    assert roadmap.kpis["invite-rate"].used_by == [
        "journey:new-team",
        "theme:onboarding",
        "hypothesis:setup-checklist",
        "okr:2026-Q3/first-week/reached",
        "okr:2026-Q3/first-week/fell-short",
    ]
    assert roadmap.kpis["lead-time"].used_by == []


# -- measurements -------------------------------------------------------------------------------


def test_explicit_csv_that_is_missing_is_an_error(tmp_path: Path) -> None:
    kpis = KPIS.replace(
        "    owner: growth\n", "    owner: growth\n    source:\n      csv: data/invites.csv\n"
    )
    _, diagnostics = build(tmp_path, {"okrs/kpis.yaml": kpis})
    assert found(diagnostics, "csv-missing") == [
        (
            "okrs/kpis.yaml:8:12",
            "error",
            "csv-missing",
            "no measurements for KPI 'invite-rate': data/invites.csv does not exist",
            "create data/invites.csv with the header `date,value`",
        )
    ]


def test_implicit_csv_that_is_missing_is_a_warning(tmp_path: Path) -> None:
    roadmap, diagnostics = build(tmp_path, {"okrs/measurements/lead-time.csv": None})
    assert found(diagnostics, "csv-missing") == [
        (
            "okrs/kpis.yaml:7:9",
            "warning",
            "csv-missing",
            "no measurements for KPI 'lead-time': okrs/measurements/lead-time.csv does not exist",
            "create okrs/measurements/lead-time.csv with the header `date,value`",
        )
    ]
    assert roadmap.kpis["lead-time"].measurements == []
    assert not roadmap.kpis["lead-time"].stale


def test_csv_outside_the_project_is_refused_at_its_line(tmp_path: Path) -> None:
    kpis = KPIS.replace(
        "    owner: growth\n", "    owner: growth\n    source:\n      csv: ../secret.csv\n"
    )
    _, diagnostics = build(tmp_path / "project", {"okrs/kpis.yaml": kpis})
    assert found(diagnostics, "unsafe-path") == [
        (
            "okrs/kpis.yaml:8:12",
            "error",
            "unsafe-path",
            "../secret.csv: `..` is not allowed; the file must be inside the project",
            "",
        )
    ]


def test_csv_problems_are_reported_by_row(tmp_path: Path) -> None:
    csv = INVITE_RATE_CSV + "2026-02-30,0.5\n"
    roadmap, diagnostics = build(tmp_path, {"okrs/measurements/invite-rate.csv": csv})
    assert found(diagnostics, "csv-date") == [
        (
            "okrs/measurements/invite-rate.csv:8:1",
            "error",
            "csv-date",
            "'2026-02-30' is not a real date",
            "",
        )
    ]
    assert len(roadmap.kpis["invite-rate"].measurements) == 6


def test_sql_source_without_its_variable_reads_the_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DB", raising=False)
    kpis = KPIS.replace(
        "    owner: growth\n",
        "    owner: growth\n    source:\n      sql:\n        url: ${DB}\n        query: q\n",
    )
    roadmap, diagnostics = build(tmp_path, {"okrs/kpis.yaml": kpis})
    assert found(diagnostics, "sql-env-missing") == [
        (
            "okrs/kpis.yaml:10:16",
            "warning",
            "sql-env-missing",
            "KPI 'invite-rate': the environment variable DB is not set; "
            "using the snapshot okrs/measurements/invite-rate.csv",
            "set DB to the database URL, e.g. postgresql://user:password@host/db",
        )
    ]
    assert len(roadmap.kpis["invite-rate"].measurements) == 6


# -- files --------------------------------------------------------------------------------------


def test_dangling_symlink_in_roadmap_is_a_located_error(tmp_path: Path) -> None:
    write_files(tmp_path, BASE)
    (tmp_path / "roadmap" / "gone.yaml").symlink_to("nowhere.yaml")
    _, diagnostics = analyse(Layout(tmp_path), AS_OF)
    assert found(diagnostics, "file-unreadable") == [
        (
            "roadmap/gone.yaml:1:1",
            "error",
            "file-unreadable",
            "the file does not exist (a symbolic link to a missing file?)",
            "remove the link or restore the file it points to",
        )
    ]


def test_yaml_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(THEME)
    write_files(tmp_path / "project", BASE)
    (tmp_path / "project" / "roadmap" / "linked.yaml").symlink_to(outside)
    _, diagnostics = analyse(Layout(tmp_path / "project"), AS_OF)
    assert [(p[0], p[2]) for p in found(diagnostics, "file-unreadable")] == [
        ("roadmap/linked.yaml:1:1", "file-unreadable")
    ]


def test_file_holding_a_list(tmp_path: Path) -> None:
    _, diagnostics = build(tmp_path, {"roadmap/list.yaml": "- id: x\n"})
    assert found(diagnostics, "wrong-type") == [
        (
            "roadmap/list.yaml:1:1",
            "error",
            "wrong-type",
            "the file must hold a mapping of fields, not a list",
            "start the file with `id:` (themes, journeys), `kpis:`, `teams:` or `period:`",
        )
    ]


def test_unknown_kind_under_okrs(tmp_path: Path) -> None:
    _, diagnostics = build(tmp_path, {"okrs/notes.yaml": "title: notes\n"})
    assert found(diagnostics, "unknown-kind") == [
        (
            "okrs/notes.yaml:1:1",
            "error",
            "unknown-kind",
            "cannot tell what this file under okrs/ is",
            "a file here needs a top-level `kpis:`, `teams:` or `period:`",
        )
    ]


def test_no_roadmap_folders(tmp_path: Path) -> None:
    _, diagnostics = analyse(Layout(tmp_path), AS_OF)
    assert [(d.location, d.code) for d in diagnostics] == [(".:1:1", "no-roadmap")]


def test_nested_folders_of_a_custom_layout(tmp_path: Path) -> None:
    files = {f"content/{name}": text for name, text in BASE.items()}
    write_files(tmp_path, files)
    layout = Layout(tmp_path, "content/roadmap", "content/journeys", "content/okrs")
    roadmap, diagnostics = analyse(layout, AS_OF)
    assert [(d.location, d.code) for d in diagnostics] == [
        ("content/okrs/kpis.yaml:7:9", "kpi-stale")
    ]
    assert set(roadmap.themes) == {"onboarding"}
    assert set(roadmap.journeys) == {"new-team"}


def test_every_problem_is_collected_across_files(tmp_path: Path) -> None:
    broken_theme = THEME.replace("horizon: now", "horizon: nwo")
    broken_okrs = OKRS_Q3.replace("themes: [onboarding]", "themes: [nothing]")
    _, diagnostics = build(
        tmp_path,
        {
            "roadmap/onboarding.yaml": broken_theme,
            "okrs/2026-Q3.yaml": broken_okrs,
            "journeys/new-team.yaml": JOURNEY + "  - id: x\n\ttitle: y\n",
        },
    )
    assert [(d.location, d.code) for d in diagnostics if d.severity is Severity.ERROR] == [
        ("journeys/new-team.yaml:13:1", "yaml-syntax"),
        ("okrs/2026-Q3.yaml:6:14", "unknown-reference"),
        ("roadmap/onboarding.yaml:3:10", "invalid-choice"),
    ]


# -- format 1.1: decision rules, readouts, guardrails ---------------------------------------

THEME_1_1 = THEME.replace(
    "      expect: 0.45\n",
    "      expect: 0.45\n      kill: 0.40\n"
    "    guardrails:\n      - kpi: lead-time\n        limit: 9.5\n"
    "    decide_by: 2026-11-30\n",
).replace(
    "        end: 2026-11-08\n",
    "        end: 2026-11-08\n        readout:\n          control: 0.38\n"
    "          treatment: 0.46\n          interval: [0.02, 0.10]\n",
)


def test_format_1_1_fields_resolve(tmp_path: Path) -> None:
    roadmap, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": THEME_1_1})
    assert found(diagnostics, "unknown-reference", "kill-direction", "date-order") == []
    view = roadmap.hypotheses["setup-checklist"]
    # Readout 0.46 >= 0.45 with [0.02, 0.10] above 0; lead-time's last value since the
    # start (2026-10-01) is... none (its newest is 2026-09-01): no breach.
    assert (view.verdict, view.kill, view.decide_by) == (
        "supported",
        0.40,
        datetime.date(2026, 11, 30),
    )
    assert view.evidence is not None
    assert (view.evidence.source, view.evidence.value, view.evidence.date) == (
        "readout",
        0.46,
        datetime.date(2026, 11, 8),
    )
    assert [(g.kpi, g.limit, g.breached) for g in view.guardrails] == [("lead-time", 9.5, False)]
    assert "hypothesis:setup-checklist" in roadmap.kpis["lead-time"].used_by


@pytest.mark.parametrize(
    ("old", "new", "location", "code", "message"),
    [
        (
            "interval: [0.02, 0.10]", "interval: [0.10, 0.02]",
            "roadmap/onboarding.yaml:34:21", "interval-order",
            "`hypotheses[0].experiments[0].readout`: the interval's lower bound 0.1 is "
            "above its upper bound 0.02",
        ),
        (
            "      - kpi: lead-time\n", "      - kpi: lead-tim\n",
            "roadmap/onboarding.yaml:23:14", "unknown-reference", "unknown KPI 'lead-tim'",
        ),
        (
            "kill: 0.40", "kill: 0.50",
            "roadmap/onboarding.yaml:21:13", "kill-direction",
            "kill 0.5 is not below expect 0.45, but KPI 'invite-rate' should increase",
        ),
        (
            "kill: 0.40", "kill: 0.45",
            "roadmap/onboarding.yaml:21:13", "kill-direction",
            "kill 0.45 is not below expect 0.45, but KPI 'invite-rate' should increase",
        ),
        (
            "decide_by: 2026-11-30", "decide_by: 2026-09-30",
            "roadmap/onboarding.yaml:25:16", "date-order",
            "`hypotheses[0]`: `decide_by` (2026-09-30) is before the first experiment "
            "starts (2026-10-01)",
        ),
    ],
)  # fmt: skip
def test_format_1_1_mistakes_are_located(
    tmp_path: Path, old: str, new: str, location: str, code: str, message: str
) -> None:
    assert old in THEME_1_1
    _, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": THEME_1_1.replace(old, new)})
    assert [(p[0], p[2], p[3]) for p in found(diagnostics, code)] == [(location, code, message)]


def test_a_readout_needs_measured_by(tmp_path: Path) -> None:
    theme = THEME_1_1.replace("    status: testing\n", "    status: planned\n")
    start = theme.index("    measured_by:")
    end = theme.index("    journey_steps:")
    theme = theme[:start] + theme[end:]
    _, diagnostics = build(tmp_path, {"roadmap/onboarding.yaml": theme})
    assert [(p[0], p[2], p[3]) for p in found(diagnostics, "missing-field")] == [
        (
            "roadmap/onboarding.yaml:24:11",
            "missing-field",
            "experiment '50% rollout' has a readout, but hypothesis 'setup-checklist' has no "
            "`measured_by`",
        )
    ]


def test_guardrail_breach_decides_the_verdict(tmp_path: Path) -> None:
    rows = "date,value\n2026-07-01,10\n2026-10-15,9.8\n"  # 9.8 > limit 9.5 since 10-01
    roadmap, _ = build(
        tmp_path,
        {"roadmap/onboarding.yaml": THEME_1_1, "okrs/measurements/lead-time.csv": rows},
    )
    view = roadmap.hypotheses["setup-checklist"]
    assert view.verdict == "guardrail-breached"
    assert [(b.kpi, b.value.value, b.limit) for b in view.breaches] == [("lead-time", 9.8, 9.5)]


def outcome_from(start: str, baseline: str | None) -> str:
    line = f"    baseline: {baseline}\n" if baseline else ""
    return THEME.replace("    baseline: 0.38\n", line).replace("from: 2026-07-01", f"from: {start}")


@pytest.mark.parametrize("baseline", ["0.38", None])
def test_an_outcome_that_starts_later_is_not_started(tmp_path: Path, baseline: str | None) -> None:
    roadmap, _ = build(tmp_path, {"roadmap/onboarding.yaml": outcome_from("2026-11-23", baseline)})
    progress = roadmap.themes["onboarding"].outcomes[0].progress
    # Baseline omitted: the first value on or after 2026-11-23 is 0.52 (2026-11-29).
    assert (progress.status, progress.progress, progress.baseline) == (
        "not-started",
        None,
        0.38 if baseline else 0.52,
    )
    assert progress.value is not None and progress.value.value == 0.47  # latest still shown


def test_an_outcome_that_starts_on_as_of_has_started(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path, {"roadmap/onboarding.yaml": outcome_from("2026-11-22", "0.38")})
    progress = roadmap.themes["onboarding"].outcomes[0].progress
    # (0.47 - 0.38) / (0.55 - 0.38) = 0.529..., expected 0: on track.
    assert progress.status == "on-track"
    assert progress.progress == pytest.approx(0.529411764)


def test_outcome_and_kpi_trends(tmp_path: Path) -> None:
    roadmap, _ = build(tmp_path)
    # Judged on 2026-11-22: 0.47 (11-20); 30 days before is 10-23, last value 0.45 (10-04).
    trend = roadmap.themes["onboarding"].outcomes[0].progress.trend
    assert trend is not None
    assert (trend.since, trend.previous.value, trend.change) == (
        datetime.date(2026, 10, 23),
        0.45,
        pytest.approx(0.02),
    )
    assert roadmap.kpis["invite-rate"].trend == trend
    # The Q3 key result is judged on 2026-09-30 (0.44): 30 days before, 08-31 -> 0.38.
    q3 = roadmap.okrs["2026-Q3"].objectives[0].key_results[0].progress.trend
    assert q3 is not None
    assert (q3.since, q3.previous.value, q3.change) == (
        datetime.date(2026, 8, 31),
        0.38,
        pytest.approx(0.06),
    )

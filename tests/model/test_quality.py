"""The deliverable rule of the outcome-quality lint on a corpus, and on the demo."""

from __future__ import annotations

from pathlib import Path

from outcomes.model.quality import deliverable, lint
from outcomes.pipeline import analyse, project_layout
from outcomes.settings import Settings

REPO = Path(__file__).resolve().parents[2]

DELIVERABLES = [
    "Launch the new analytics dashboard", "ship SSO", "Release v2 of the mobile app",
    "Build a reporting API", "implement SCIM provisioning", "Migrate to the new billing",
    "add a setup checklist", "We will ship dark mode", "to roll out templates",
    "Rolling out the new editor", "Create an onboarding wizard", "deliver offline mode",
]  # fmt: skip
BEHAVIOURS = [
    "more admins inviting a teammate in week one", "teams find answers without asking",
    "We ship small changes every day without breaking anyone's day",
    "people who add a teammate stay longer", "fewer users building workarounds",
    "admins release seats they no longer need sooner", "new teams reach value in week one",
    "managers read check-ins instead of holding stand-ups", "less time lost to notifications",
    "customers launching projects from templates more often",
]  # fmt: skip


def test_every_planted_deliverable_is_found() -> None:
    assert [s for s in DELIVERABLES if deliverable(s) is None] == []


def test_no_behaviour_sentence_is_flagged() -> None:
    assert [s for s in BEHAVIOURS if deliverable(s) is not None] == []


def test_no_false_alarm_on_the_demo() -> None:
    settings = Settings(as_of=None)
    roadmap, _ = analyse(project_layout(REPO, settings), settings.day(), settings)
    sentences = [t.definition.title for t in roadmap.themes.values()] + [
        h.definition.will_result_in for h in roadmap.hypotheses.values()
    ]
    assert len(sentences) == 9 + len(roadmap.hypotheses)
    assert [s for s in sentences if deliverable(s)] == []


THEME = """\
id: dashboards
title: Launch the new analytics dashboard
horizon: now
outcomes:
  - kpi: invite-rate
    baseline: 0.4
    target: 0.5
    by: 2027-06-30
hypotheses:
  - id: weekly-email
    title: Weekly numbers email
    status: testing
    we_believe: a weekly email with the team's numbers
    for: team leads
    will_result_in: ship the weekly email
    measured_by:
      kpi: invite-rate
      expect: 0.38
"""
KPIS = """\
kpis:
  - id: invite-rate
    name: Invite rate
    unit: ratio
    direction: increase
    cadence: weekly
"""


def test_advice_lands_on_the_line_to_change(tmp_path: Path) -> None:
    (tmp_path / "roadmap").mkdir()
    (tmp_path / "okrs").mkdir()
    (tmp_path / "roadmap" / "dashboards.yaml").write_text(THEME, encoding="utf-8")
    (tmp_path / "okrs" / "kpis.yaml").write_text(KPIS, encoding="utf-8")
    settings = Settings(as_of=None)
    roadmap, _ = analyse(project_layout(tmp_path, settings), settings.day(), settings)
    found = sorted((p.path, p.line, p.col, p.code) for p in lint(roadmap, settings))
    assert found == [
        ("roadmap/dashboards.yaml", 2, 8, "outcome-is-output"),  # the theme's title
        ("roadmap/dashboards.yaml", 12, 13, "bet-without-exit"),  # status: testing
        ("roadmap/dashboards.yaml", 15, 21, "outcome-is-output"),  # will_result_in
        ("roadmap/dashboards.yaml", 18, 15, "expect-not-better"),  # measured_by.expect
    ]

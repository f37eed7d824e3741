"""The deliverable rule of the outcome-quality lint on a corpus, and on the demo."""

from __future__ import annotations

from pathlib import Path

from outcomes.model.quality import deliverable
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

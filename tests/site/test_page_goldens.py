"""The generated Markdown of every page kind, as golden files: a template change shows as
a reviewable diff. `OUTCOMES_UPDATE_GOLDEN=1 pytest tests/site/test_page_goldens.py`
rewrites them; review the diff like code.

The fixture is the site tests' main project plus a theme whose three bets complete the
set of verdicts, so the goldens hold a hypothesis page in each of the eight:

| hypothesis | verdict | why (as of 2026-11-22) |
|---|---|---|
| checklist | running | its experiment ends 2026-11-30 |
| tour | supported | invite rate 47% (2026-11-16) >= expected 45% |
| import-history | not-supported | 47% <= kill 48% |
| templates | untested | no experiment |
| empty-bet | no-data | its KPI has no value |
| guarded | guardrail-breached | signups 30 is below its limit 40 since 2026-10-01 |
| waited | inconclusive | 47% < 55%, no kill, decided by 2026-11-01 + 14 days |
| early | too-early | 47% < 55%, decide_by 2026-12-01 |
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from goldens import assert_golden
from outcomes.model.figures import VERDICTS
from outcomes.publication import Host, publish
from outcomes.settings import Settings
from sitekit import MAIN_PROJECT, write_files

GOLDEN = Path(__file__).parent / "golden_pages"
BET = """
  - id: {id}
    title: {title}
    status: testing
    we_believe: {belief}
    for: admins
    will_result_in: more invites
    measured_by:
      kpi: invite-rate
      expect: 0.55
{more}    experiments:
      - title: {experiment}
        start: 2026-10-01
        end: {end}
"""
VERDICTS_THEME = (
    """
id: verdicts
title: Every verdict in one theme
horizon: next
owner: core
outcomes:
  - kpi: invite-rate
    target: 0.60
    from: 2027-01-01
    by: 2027-06-30
hypotheses:"""
    + BET.format(
        id="guarded", title="Invite at signup", belief="asking for invites at signup",
        more="    guardrails:\n      - kpi: signups\n        limit: 40\n",
        experiment="Invite step", end="2026-11-15",
    )
    + BET.format(
        id="waited", title="Invite reminders", belief="a reminder on day three",
        more="", experiment="Reminder email", end="2026-11-01",
    )
    + BET.format(
        id="early", title="Team templates", belief="templates that name a teammate",
        more="    decide_by: 2026-12-01\n", experiment="Templates for half", end="2026-11-15",
    )
)  # fmt: skip


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("goldens")
    write_files(root, {**MAIN_PROJECT, "roadmap/verdicts.yaml": VERDICTS_THEME})
    settings = Settings(as_of=datetime.date(2026, 11, 22))
    publication = publish(root, settings, Host(board="board.md"))
    assert publication.failure is None, publication.diagnostics
    return {page.src_uri: page.content for page in publication.pages}


def test_the_fixture_shows_every_verdict(pages: dict[str, str]) -> None:
    shown = {v for v in VERDICTS if f"What the data says: {v}." in "".join(pages.values())}
    assert shown == set(VERDICTS)


KINDS = [
    "board.md",
    "themes/activation.md",
    "themes/verdicts.md",
    "hypotheses/index.md",
    *(f"hypotheses/{h}.md" for h in (
        "checklist", "tour", "import-history", "templates", "empty-bet", "guarded", "waited",
        "early",
    )),
    "kpis/index.md",
    "kpis/invite-rate.md",
    "okrs/2026-q4.md",
    "journeys/first-week.md",
    "teams/growth.md",
    "traceability.md",
    "priorities.md",
    "health.md",
    "legend.md",
    "changes.md",
]  # fmt: skip


@pytest.mark.parametrize("src_uri", KINDS)
def test_generated_page_matches_its_golden(pages: dict[str, str], src_uri: str) -> None:
    assert src_uri in pages, sorted(pages)
    assert_golden(GOLDEN / src_uri.replace("/", "__"), pages[src_uri])

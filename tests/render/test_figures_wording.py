"""Figures in words (format 1.1): changes in points, values told apart, verdict sentences.

Each expected text is what a stakeholder reads on the page; the figures behind it are
written next to it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from model.test_build import BASE, THEME_1_1, write_files
from outcomes.load.project import Layout
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import analyse
from outcomes.render import explain
from outcomes.render.numbers import distinct_formatter, format_change, format_share
from outcomes.render.wording import PageFigures

D = datetime.date
AS_OF = D(2026, 11, 22)


@pytest.mark.parametrize(
    ("delta", "unit", "text"),
    [
        (0.04, "percent", "+4.0 pts"),  # percent values are fractions: points, not %
        (-0.005, "percent", "−0.5 pts"),
        (-0.0001, "percent", "−0.01 pts"),  # small but real: never printed as zero
        (0.0, "percent", "±0.0 pts"),
        (-1.23, "minutes", "−1.2 min"),
        (1200, "count", "+1,200"),
        (-2.5, "currency", "−$2.50"),
        (0.003, "ratio", "+0.003"),
    ],
)
def test_changes(delta: float, unit: str, text: str) -> None:
    assert format_change(delta, unit) == text


def test_values_that_differ_never_print_alike() -> None:
    # Churn 0.047 against a baseline of 0.05: two decimals would print both as 0.05.
    fmt = distinct_formatter("ratio", [0.047, 0.05, 0.04])
    assert [fmt(v) for v in (0.047, 0.05, 0.04)] == ["0.047", "0.050", "0.040"]
    fmt = distinct_formatter("percent", [0.991, 0.996, None])
    assert [fmt(v) for v in (0.991, 0.996)] == ["99.1%", "99.6%"]  # already apart
    assert distinct_formatter("ratio", [0.5, 0.5])(0.5) == "0.50"  # equal values stay equal


def test_no_negative_zero_share() -> None:
    assert format_share(-0.001) == "0%"
    assert format_share(-0.006) == "-1%"


def test_dates_and_countdowns() -> None:
    assert explain.day(D(2026, 11, 6)) == "6 Nov 2026"
    assert explain.countdown(D(2026, 11, 27), AS_OF) == "in 5 days"
    assert explain.countdown(D(2026, 11, 23), AS_OF) == "in 1 day"
    assert explain.countdown(AS_OF, AS_OF) == "today"
    assert explain.countdown(D(2026, 11, 19), AS_OF) == "passed 3 days ago"


def test_every_status_and_verdict_has_plain_words() -> None:
    from outcomes.model.figures import STATUSES, VERDICTS
    from outcomes.schema.theme import STATUSES as HYPOTHESIS_STATUSES

    assert set(explain.STATUS_WORDS) == set(STATUSES)
    assert set(explain.VERDICT_WORDS) == set(VERDICTS)
    assert set(explain.HYPOTHESIS_STATUS_WORDS) == set(HYPOTHESIS_STATUSES)


def roadmap_with(tmp_path: Path, theme: str, **files: str) -> Roadmap:
    write_files(tmp_path, {**BASE, "roadmap/onboarding.yaml": theme, **files})
    roadmap, _ = analyse(Layout(tmp_path), AS_OF)
    return roadmap


def sentence(roadmap: Roadmap) -> tuple[str, str, str]:
    h = roadmap.hypotheses["setup-checklist"]
    figures = PageFigures(roadmap)
    return h.verdict, figures.verdict(h), figures.decision(h)


def test_a_readout_verdict_names_both_arms_the_lift_and_the_bar(tmp_path: Path) -> None:
    # invite-rate is a ratio KPI; readout 0.46 vs 0.38, lift 0.08, interval [0.02, 0.10].
    assert sentence(roadmap_with(tmp_path, THEME_1_1)) == (
        "supported",
        "Experiment readout: 0.46 vs 0.38 control, +0.08 [+0.02, +0.10] — reaches the "
        "expected 0.45, and the whole interval is above 0.",
        "Decision date 30 Nov 2026 (set by the team): in 8 days.",
    )


def test_short_of_the_bar_before_the_decision_date_is_too_early(tmp_path: Path) -> None:
    theme = THEME_1_1.replace("          treatment: 0.46\n", "          treatment: 0.43\n")
    theme = theme.replace("interval: [0.02, 0.10]", "interval: [0.01, 0.09]")
    assert sentence(roadmap_with(tmp_path, theme)) == (
        "too-early",
        "Experiment readout: 0.43 vs 0.38 control, +0.05 [+0.01, +0.09], short of the "
        "expected 0.45; the team decides by 30 Nov 2026.",
        "Decision date 30 Nov 2026 (set by the team): in 8 days.",
    )


def test_at_the_kill_value_is_not_supported(tmp_path: Path) -> None:
    theme = THEME_1_1.replace("          treatment: 0.46\n", "          treatment: 0.40\n")
    theme = theme.replace("interval: [0.02, 0.10]", "interval: [-0.01, 0.05]")
    assert sentence(roadmap_with(tmp_path, theme))[:2] == (
        "not-supported",
        "Experiment readout: 0.40 vs 0.38 control, +0.02 [−0.01, +0.05] — at or past the "
        "kill value 0.40 (expected 0.45).",
    )


def test_a_breached_guardrail_is_named_with_its_value_and_limit(tmp_path: Path) -> None:
    rows = "date,value\n2026-07-01,10\n2026-10-15,9.8\n"  # lead-time (days, decrease)
    roadmap = roadmap_with(tmp_path, THEME_1_1, **{"okrs/measurements/lead-time.csv": rows})
    verdict, text, _ = sentence(roadmap)
    assert verdict == "guardrail-breached"
    assert text == (
        "Guardrail Lead time for changes is 9.8 d on 15 Oct 2026, above its limit 9.5 d. "
        "Experiment readout: 0.46 vs 0.38 control, +0.08 [+0.02, +0.10]; expected 0.45."
    )


def test_a_running_and_an_untested_bet_say_what_comes_next(tmp_path: Path) -> None:
    running = THEME_1_1.replace("        end: 2026-11-08\n", "        end: 2026-11-30\n")
    assert sentence(roadmap_with(tmp_path, running))[:2] == (
        "running",
        "Experiment “50% rollout” runs until 30 Nov 2026; the data is read when it ends.",
    )
    later = (
        THEME_1_1.replace("start: 2026-10-01", "start: 2026-12-01")
        .replace("end: 2026-11-08", "end: 2026-12-20")
        .replace("decide_by: 2026-11-30", "decide_by: 2026-12-30")
    )
    assert sentence(roadmap_with(tmp_path, later)) == (
        "untested",
        "No experiment has started yet; the first starts on 1 Dec 2026.",
        "Decision date 30 Dec 2026 (set by the team): in 38 days.",
    )

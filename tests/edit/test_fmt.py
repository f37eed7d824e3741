"""`outcomes fmt`: canonical key order and indentation, comments kept, idempotent, safe."""

from __future__ import annotations

import shutil
from pathlib import Path

from clikit import run
from outcomes.edit.fmt import format_source
from outcomes.schema.fields import field_names
from outcomes.schema.kpi import KpiFile
from outcomes.schema.theme import Hypothesis, Theme

REPO = Path(__file__).resolve().parents[2]

MESSY = """\
# yaml-language-server: $schema=../schemas/theme.schema.json
# The onboarding theme.
title: New teams reach value   # eol on title
id: onboarding
hypotheses:
- status: idea    # still an idea
  id: checklist
  we_believe: a checklist
  title: Checklist
  for: admins
  will_result_in: more invites
  tags: [a, b]       # flow list kept
  scores: {usability: 2, value: 4, viability: 3, feasibility: 5}
  rank: 7   # unknown key: kept, after the known ones

# Outcomes come before hypotheses.
outcomes:
    -   kpi: invite-rate
        by: 2027-03-31
        target: 0.55    # ambitious
        baseline: 0.38
horizon: now
problem: |
    # Not a comment: Markdown.
    Admins leave.
"""

CANONICAL = """\
# yaml-language-server: $schema=../schemas/theme.schema.json
# The onboarding theme.
id: onboarding
title: New teams reach value   # eol on title
horizon: now
problem: |
  # Not a comment: Markdown.
  Admins leave.
# Outcomes come before hypotheses.
outcomes:
  - kpi: invite-rate
    baseline: 0.38
    target: 0.55        # ambitious
    by: 2027-03-31
hypotheses:
  - id: checklist
    title: Checklist
    status: idea  # still an idea
    we_believe: a checklist
    for: admins
    will_result_in: more invites
    tags: [a, b]     # flow list kept
    scores: {usability: 2, value: 4, viability: 3, feasibility: 5}
    rank: 7 # unknown key: kept, after the known ones

"""


def fmt(text: str, model: type[Theme] | type[KpiFile] | None = Theme) -> str:
    result, problems = format_source(text.encode("utf-8"), "roadmap/onboarding.yaml", model)
    assert problems == []
    assert result is not None
    return result


def test_key_order_comes_from_the_models() -> None:
    assert field_names(Theme) == [
        "id", "title", "horizon", "owner", "problem", "outcomes", "hypotheses", "visibility",
        "lint_ignore",
    ]  # fmt: skip
    assert field_names(Hypothesis)[:7] == [
        "id", "title", "status", "we_believe", "for", "will_result_in", "measured_by",
    ]  # fmt: skip


def test_reorders_reindents_and_keeps_comments() -> None:
    # Comments above a key move with it, end-of-line comments stay on their line, the
    # modeline and the header stay on top, block scalars and flow collections are kept.
    assert fmt(MESSY) == CANONICAL


def test_is_idempotent() -> None:
    assert fmt(CANONICAL) == CANONICAL
    assert fmt(fmt(MESSY)) == fmt(MESSY)


def test_nested_mappings_follow_their_own_model() -> None:
    text = (
        "kpis:\n"
        "- unit: count\n"
        "  direction: increase\n"
        "  # the id\n"
        "  id: signups\n"
        "  name: Sign-ups\n"
        "  source:\n"
        "      csv: okrs/signups.csv\n"
    )
    assert fmt(text, KpiFile) == (
        "kpis:\n"
        "  # the id\n"
        "  - id: signups\n"
        "    name: Sign-ups\n"
        "    unit: count\n"
        "    direction: increase\n"
        "    source:\n"
        "      csv: okrs/signups.csv\n"
    )


def test_file_of_unknown_kind_is_only_reindented() -> None:
    text = "zeta: 1\nalpha:\n- x\n"
    assert fmt(text, None) == "zeta: 1\nalpha:\n  - x\n"


def test_a_change_of_value_is_refused() -> None:
    # ruamel.yaml reads `+0x1` as a number, the project's reader as text: writing it
    # back would change the title, so the file is reported and left alone.
    text = b"id: t\ntitle: +0x1\nhorizon: now\n"
    result, problems = format_source(text, "roadmap/t.yaml", Theme)
    assert result is None
    assert [(d.location, d.code) for d in problems] == [("roadmap/t.yaml:2:8", "fmt-unsafe")]


def project(tmp_path: Path, theme: str) -> Path:
    root = tmp_path / "project"
    (root / "roadmap").mkdir(parents=True)
    (root / "roadmap" / "onboarding.yaml").write_text(theme, encoding="utf-8")
    return root


def test_check_reports_and_changes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path, MESSY)
    assert run("fmt", str(root), "--check") == (1, "would reformat roadmap/onboarding.yaml\n", "")
    assert (root / "roadmap" / "onboarding.yaml").read_text(encoding="utf-8") == MESSY
    assert run("fmt", str(root)) == (0, "reformatted roadmap/onboarding.yaml\n", "")
    assert (root / "roadmap" / "onboarding.yaml").read_text(encoding="utf-8") == CANONICAL
    assert run("fmt", str(root), "--check") == (0, "", "")
    assert run("fmt", str(root)) == (0, "", "")


def test_files_that_do_not_parse_are_located_errors_and_untouched(tmp_path: Path) -> None:
    broken = "id: onboarding\ntitle: [unclosed\n"
    root = project(tmp_path, broken)
    (root / "roadmap" / "other.yaml").write_text("title: T\nid: other\n", encoding="utf-8")
    for argv in (("fmt", str(root)), ("fmt", str(root), "--check")):
        code, out, err = run(*argv)
        assert code == 1 and err == ""
        assert "roadmap/onboarding.yaml:3:1: error[yaml-syntax]" in out
    assert (root / "roadmap" / "onboarding.yaml").read_text(encoding="utf-8") == broken
    assert (root / "roadmap" / "other.yaml").read_text(encoding="utf-8") == "id: other\ntitle: T\n"


def test_demo_is_canonical_through_the_cli(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    for folder in ("roadmap", "journeys", "okrs"):
        shutil.copytree(REPO / folder, root / folder)
    assert run("fmt", str(root), "--check") == (0, "", "")
    assert run("fmt", "--check", str(tmp_path / "missing")) == (
        2, "", f"outcomes: {tmp_path / 'missing'}: no such directory\n",
    )  # fmt: skip

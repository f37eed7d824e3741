"""`outcomes new`: every kind scaffolds a valid entity in the right file, and nothing else moves.

Golden files live in tests/edit/golden/; refresh them after an intended change with
`OUTCOMES_UPDATE_GOLDEN=1 pytest tests/edit` and review the diff like code.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from clikit import run
from goldens import assert_golden
from outcomes.settings import LINT_CODES

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-22"


SUMMARY = re.compile(r"^(ok: .*|\d+ errors?, \d+ warnings?)$")


def validate(root: Path) -> tuple[int, str]:
    """The exit code and problems of `validate`, without the summary line and without the
    `placeholder-text` warnings every scaffold has until its texts are written.

    A scaffold is checked for validity; the outcome-quality lint judges what its author
    has not written yet (no outcome, no user of a new KPI), so it is off here.
    """
    off = ",".join(f"{code}=off" for code in LINT_CODES)
    code, out, _ = run("validate", str(root), "--as-of", AS_OF, "--lint", off)
    kept: list[str] = []
    for line in out.splitlines(keepends=True):
        if line.startswith("  hint: ") and kept and "[placeholder-text]" in kept[-1]:
            kept.pop()
        elif not SUMMARY.match(line.rstrip("\n")):
            kept.append(line)
    return code, "".join(kept)


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    for folder in ("roadmap", "journeys", "okrs"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_every_kind_on_an_empty_project(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    steps = [
        (("theme", "search"),
         "created roadmap/search.yaml\ncreated schemas/theme.schema.json\n"),
        (("hypothesis", "typo-tolerance", "--theme", "search"),
         "added hypothesis 'typo-tolerance' to roadmap/search.yaml\n"),
        (("kpi", "search-success"),
         "created okrs/kpis.yaml\ncreated schemas/kpis.schema.json\n"
         "created okrs/measurements/search-success.csv\n"),
        (("kpi", "time-to-answer"),
         "added KPI 'time-to-answer' to okrs/kpis.yaml\n"
         "created okrs/measurements/time-to-answer.csv\n"),
        (("journey", "first-search"),
         "created journeys/first-search.yaml\ncreated schemas/journey.schema.json\n"),
        (("okr", "2027-Q1"), "created okrs/2027-Q1.yaml\ncreated schemas/okrs.schema.json\n"),
        (("hypothesis", "synonyms", "--theme", "search"),
         "added hypothesis 'synonyms' to roadmap/search.yaml\n"),
    ]  # fmt: skip
    for argv, printed in steps:
        assert run("new", *argv[:2], str(root), *argv[2:]) == (0, printed, ""), argv
        assert validate(root) == (0, ""), argv
    created = files(root)
    assert sorted(created) == [
        "journeys/first-search.yaml",
        "okrs/2027-Q1.yaml",
        "okrs/kpis.yaml",
        "okrs/measurements/search-success.csv",
        "okrs/measurements/time-to-answer.csv",
        "roadmap/search.yaml",
        # the schemas the modelines point at, written because the project had none
        "schemas/journey.schema.json",
        "schemas/kpis.schema.json",
        "schemas/okrs.schema.json",
        "schemas/theme.schema.json",
    ]
    assert created["okrs/measurements/search-success.csv"] == b"date,value\n"
    for path in ("journeys/first-search.yaml", "okrs/2027-Q1.yaml", "okrs/kpis.yaml",
                 "roadmap/search.yaml"):  # fmt: skip
        assert_golden(GOLDEN / path.replace("/", "--"), created[path].decode("utf-8"))
    assert run("fmt", "--check", str(root)) == (0, "", "")  # scaffolds are canonical


@pytest.mark.parametrize(
    "argv",
    [
        ("theme", "search"),
        ("hypothesis", "faster-invites", "--theme", "onboarding"),
        ("kpi", "search-success"),
        ("journey", "first-search"),
        ("okr", "2027-Q1"),
    ],
)
def test_every_kind_on_the_demo_keeps_it_valid(demo: Path, argv: tuple[str, ...]) -> None:
    before = validate(demo)
    assert before[0] == 0
    code, _, err = run("new", *argv[:2], str(demo), *argv[2:])
    assert (code, err) == (0, "")
    assert validate(demo) == before  # no new problem, not even a warning
    assert run("fmt", "--check", str(demo)) == (0, "", "")


def test_hypothesis_is_appended_and_every_other_byte_is_kept(demo: Path) -> None:
    theme = demo / "roadmap" / "onboarding.yaml"
    original = theme.read_bytes()
    assert run("new", "hypothesis", "faster-invites", str(demo), "--theme", "onboarding")[0] == 0
    changed = theme.read_bytes()
    assert changed.startswith(original)  # `hypotheses:` is the last key: added at the end
    assert changed[len(original) :].decode("utf-8") == (
        "  - id: faster-invites  # unique across the roadmap\n"
        "    title: Faster invites  # short name\n"
        "    status: idea  # idea | planned | testing | validated | invalidated | parked\n"
        "    we_believe: describe the change we make  # we believe <this change>\n"
        "    for: describe for whom  # for <these people>\n"
        "    will_result_in: describe the behaviour change we expect  # will result in <this>\n"
        "    # measured_by:  # needed from status `testing` on\n"
        "    #   kpi: change-failure-rate  # the KPI that will prove it right or wrong\n"
        "    #   expect: 0.45  # the value that would prove it right\n"
        "    # journey_steps: []  # steps it targets, as <journey-id>/<step-id>\n"
        "    # tags: []\n"
    )


THEME = """\
# yaml-language-server: $schema=../schemas/theme.schema.json
id: search   # the id
title: Find anything
horizon: next
hypotheses:
    -   id: typo-tolerance     # odd layout, kept
        title: Typos
        status: idea
        we_believe: a
        for: b
        will_result_in: c
        # a trailing comment of the item
# This comment describes `outcomes`, below.
outcomes: []
"""


def test_hypothesis_goes_at_the_end_of_the_list_in_the_file_own_layout(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "roadmap").mkdir(parents=True)
    (root / "roadmap" / "search.yaml").write_text(THEME, encoding="utf-8")
    assert run("new", "hypothesis", "synonyms", str(root), "--theme", "search")[0] == 0
    text = (root / "roadmap" / "search.yaml").read_text(encoding="utf-8")
    at = THEME.index("# This comment")
    assert text[:at] == THEME[:at]
    assert text[at:].startswith(
        "    -   id: synonyms  # unique across the roadmap\n        title: Synonyms  # short name\n"
    )
    assert text.endswith("        # tags: []\n" + THEME[at:])
    assert validate(root) == (0, "")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("theme", "onboarding"), "theme 'onboarding' already exists; choose another id"),
        (("hypothesis", "setup-checklist", "--theme", "find-anything"),
         "hypothesis 'setup-checklist' already exists; choose another id"),
        (("kpi", "nps"), "KPI 'nps' already exists; choose another id"),
        (("journey", "new-team"), "journey 'new-team' already exists; choose another id"),
        (("okr", "2026-Q4"), "OKR period '2026-Q4' already exists; choose another id"),
        (("theme", "Search_v2"), "'Search_v2' is not a valid id: use lowercase letters, digits "
         "and dashes, starting with a letter or digit (e.g. setup-checklist)"),
        (("okr", "2027-Q5"), "'2027-Q5' is not a period such as 2027-Q1, 2027-H1 or 2027"),
        (("hypothesis", "x", "--theme", "onbording"),
         "unknown theme 'onbording'; did you mean 'onboarding'?"),
        (("hypothesis", "x", "--theme", "zzz"), "unknown theme 'zzz'"),
        (("hypothesis", "x"), "a hypothesis belongs to a theme: add --theme THEME"),
        (("kpi", "x", "--theme", "onboarding"), "--theme is only for `outcomes new hypothesis`"),
    ],
)  # fmt: skip
def test_refusals_are_usage_errors_and_write_nothing(
    demo: Path, argv: tuple[str, ...], message: str
) -> None:
    before = files(demo)
    assert run("new", *argv[:2], str(demo), *argv[2:]) == (2, "", f"outcomes new: {message}\n")
    assert files(demo) == before


def test_a_theme_file_with_errors_is_not_touched(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "roadmap").mkdir(parents=True)
    broken = "id: search\ntitle: Find\nhorizon: soon\n"
    (root / "roadmap" / "search.yaml").write_text(broken, encoding="utf-8")
    code, out, err = run("new", "hypothesis", "x", str(root), "--theme", "search")
    assert (code, out) == (2, "")
    assert (
        err == "outcomes new: theme 'search' has problems; fix them first (`outcomes validate`)\n"
    )
    assert (root / "roadmap" / "search.yaml").read_text(encoding="utf-8") == broken
    assert run("new", "theme", "search", str(root))[2] == (
        "outcomes new: theme 'search' already exists; choose another id\n"
    )

"""`outcomes diff` on real temporary git repositories with known changes.

Golden files live in tests/diff/golden/; refresh them after an intended change with
`OUTCOMES_UPDATE_GOLDEN=1 pytest tests/diff` and review the diff like code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from clikit import run
from goldens import assert_golden
from outcomes.changes.report import code, escape

HERE = Path(__file__).parent
PROJECT = HERE / "project"
GOLDEN = HERE / "golden"


@pytest.fixture(autouse=True)
def _quiet_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """git reads no configuration of the machine running the tests."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.com",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        capture_output=True, text=True, check=True, timeout=60, env=os.environ,
    )  # fmt: skip
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit (tagged `base`) holds the small test project."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT, root)
    git(root, "init", "-q")
    commit_all(root, "base")
    git(root, "tag", "base")
    return root


def make_known_changes(root: Path) -> None:
    """One change of every kind the summary reports (see golden/changes.md)."""
    roadmap = root / "roadmap"
    edit(roadmap / "faster-delivery.yaml", "horizon: next", "horizon: now")
    edit(roadmap / "faster-delivery.yaml", "merging to main daily", "merging to main hourly")
    onboarding = roadmap / "onboarding.yaml"
    edit(onboarding, "    target: 0.55\n    from: 2026-07-01\n    by: 2027-03-31",
         "    target: 0.6\n    from: 2026-07-01\n    by: 2027-06-30")  # fmt: skip
    edit(onboarding, "status: testing", "status: validated")
    edit(onboarding, "expect: 0.45", "expect: 0.5")
    text = onboarding.read_text(encoding="utf-8")
    onboarding.write_text(text[: text.index("  - id: template-gallery")], encoding="utf-8")
    (roadmap / "find-anything.yaml").write_text(
        "id: find-anything\n"
        "title: 'Find *anything* <b>fast</b> [now](https://evil.example) @team #12'\n"
        "horizon: later\n"
        "hypotheses:\n"
        "  - id: typo-tolerant-search\n"
        "    title: Search forgives typos\n"
        "    status: idea\n"
        "    we_believe: matching words with one typo\n"
        "    for: everyone\n"
        "    will_result_in: more searches that end in a click\n",
        encoding="utf-8",
    )
    okrs = root / "okrs"
    edit(okrs / "kpis.yaml", "csv: okrs/measurements/lead-time-days.csv",
         "csv: okrs/measurements/lead-time.csv")  # fmt: skip
    (okrs / "measurements" / "lead-time-days.csv").rename(okrs / "measurements" / "lead-time.csv")
    with (okrs / "kpis.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - id: nps\n    name: Net promoter score\n    unit: score\n"
                     "    direction: increase\n")  # fmt: skip
    edit(okrs / "2026-Q4.yaml", "        target: 5", "        target: 4")
    with (okrs / "2026-Q4.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - id: happy-customers\n    title: Customers recommend us\n"
                     "    key_results:\n      - id: nps-up\n        kpi: nps\n"
                     "        target: 40\n")  # fmt: skip
    invites = okrs / "measurements" / "invite-rate.csv"
    edit(invites, "2026-11-01,0.46,", "2026-11-01,0.45,corrected")
    with invites.open("a", encoding="utf-8") as stream:
        stream.write("2026-11-22,0.48,\n2026-11-29,0.49,\n")
    journey = root / "journeys" / "new-team.yaml"
    new_step = "      - id: invite-team\n        title: Invite the team\n"
    edit(journey, "        kpis: [invite-rate]\n", "        kpis: [invite-rate]\n" + new_step)
    edit(journey, "      - id: signup\n        title: Sign up\n",
         "      - id: sign-up\n        title: Sign up\n")  # fmt: skip


def test_known_changes_between_two_commits(repo: Path) -> None:
    make_known_changes(repo)
    assert run("validate", str(repo), "--as-of", "2026-11-22")[0] == 0
    head = commit_all(repo, "changes")
    code_, out, err = run("diff", "base", "HEAD", "--dir", str(repo))
    assert (code_, err) == (0, "")
    base = git(repo, "rev-parse", "base")
    assert_golden(GOLDEN / "changes.md", out.replace(base[:12], "BASE").replace(head[:12], "HEAD"))
    code_, out, err = run("diff", "base", "HEAD", "--dir", str(repo), "--format", "json")
    assert (code_, err) == (0, "")
    document = json.loads(out)
    assert document["base"] == {"revision": "base", "commit": base}
    assert document["head"] == {"revision": "HEAD", "commit": head}
    document["base"]["commit"], document["head"]["commit"] = "BASE", "HEAD"
    assert_golden(GOLDEN / "changes.json", json.dumps(document, indent=2) + "\n")


def test_working_tree_is_the_default_head(repo: Path) -> None:
    make_known_changes(repo)
    code_, from_tree, err = run("diff", "base", "--dir", str(repo))
    assert (code_, err) == (0, "")
    assert "to the working tree." in from_tree
    commit_all(repo, "changes")
    _, from_commit, _ = run("diff", "base", "HEAD", "--dir", str(repo))
    body = from_tree.split("\n", 4)[4]
    assert body == from_commit.split("\n", 4)[4]
    assert "status: testing → validated" in body


def test_no_changes(repo: Path) -> None:
    (repo / "notes.txt").write_text("not part of the roadmap\n", encoding="utf-8")
    for argv in (("base",), ("base", "HEAD")):
        code_, out, err = run("diff", *argv, "--dir", str(repo))
        assert (code_, err) == (0, "")
        assert out.endswith("\n\nNo roadmap changes.\n"), out
    code_, out, _ = run("diff", "base", "--dir", str(repo), "--format", "json")
    assert code_ == 0
    document = json.loads(out)
    assert document["has_changes"] is False
    assert document["themes"] == {"added": [], "removed": [], "changed": []}


def test_only_other_fields_edited(repo: Path) -> None:
    edit(repo / "roadmap" / "onboarding.yaml", "look around and leave", "look around, leave")
    code_, out, _ = run("diff", "base", "--dir", str(repo))
    assert code_ == 0
    assert out.endswith(
        "### Themes\n\n"
        "- **Changed** `onboarding`: New teams reach value in their first week\n"
        "  - other fields edited (text, experiments, evidence…)\n"
    ), out


def test_invalid_base_is_reported_not_a_crash(repo: Path) -> None:
    onboarding = repo / "roadmap" / "onboarding.yaml"
    good = onboarding.read_text(encoding="utf-8")
    onboarding.write_text(good.replace("horizon: now", "horizon: [now"), encoding="utf-8")
    commit_all(repo, "broken")
    git(repo, "tag", "broken")
    onboarding.write_text(good, encoding="utf-8")
    edit(repo / "roadmap" / "faster-delivery.yaml", "horizon: next", "horizon: later")
    code_, out, err = run("diff", "broken", "--dir", str(repo))
    assert (code_, err) == (0, "")
    assert (
        "- `roadmap/onboarding.yaml:4:6` at `broken`: `yaml-syntax` did not find expected ',' "
        "or '\\]' while parsing a flow sequence that starts at line 3, column 10\n"
    ) in out
    # Its theme and hypotheses exist on both sides: not "added" for lack of a base.
    assert "onboarding" not in out.split("### Themes")[1]
    assert "**Added**" not in out
    assert "  - horizon: next → later\n" in out
    # And the other way round: an invalid head hides nothing as "removed".
    code_, out, _ = run("diff", "base", "broken", "--dir", str(repo), "--format", "json")
    document = json.loads(out)
    assert code_ == 0
    assert [u["path"] for u in document["unreadable"]] == ["roadmap/onboarding.yaml"]
    assert document["unreadable"][0]["side"] == "head"
    assert document["themes"]["removed"] == document["hypotheses"]["removed"] == []


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(PROJECT, root / "product")
    git(root, "init", "-q")
    commit_all(root, "base")
    edit(root / "product" / "roadmap" / "onboarding.yaml", "status: testing", "status: parked")
    code_, out, err = run("diff", "HEAD", "--dir", str(root / "product"))
    assert (code_, err) == (0, "")
    assert "  - status: testing → parked\n" in out
    assert "Not compared" not in out


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("no-such-branch", "outcomes diff: unknown revision 'no-such-branch': "
                           "no such branch, tag or commit\n"),
        ("--output=/tmp/x", "outcomes diff: '--output=/tmp/x' is not a revision "
                            "(it may not start with '-')\n"),
        ("base:roadmap", "outcomes diff: unknown revision 'base:roadmap': "
                         "no such branch, tag or commit\n"),
    ],
)  # fmt: skip
def test_bad_revisions_are_usage_errors(repo: Path, revision: str, message: str) -> None:
    assert run("diff", "--dir", str(repo), "base", "--", revision) == (2, "", message)
    assert run("diff", f"--dir={repo}", "--", revision) == (2, "", message)


def test_outside_a_repository(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    code_, out, err = run("diff", "main", "--dir", str(project))
    assert (code_, out) == (2, "")
    assert err.startswith("outcomes diff: fatal: not a git repository"), err


def test_escape_keeps_user_text_from_becoming_markup() -> None:
    assert escape("a *b* <i>c</i> [d](https://e.example) `f` www.g.com @h #1") == (
        r"a \*b\* \<i\>c\</i\> \[d\]\(https\://e\.example\) \`f\` www\.g\.com \@h \#1"
    )
    assert escape("line\nbreak  and\ttabs") == "line break and tabs"
    assert escape("x" * 200) == "x" * 119 + "…"
    assert code("a`b") == "``a`b``"
    assert code("`a") == "`` `a ``"


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "changing-the-roadmap.md"


def test_the_guide_shows_what_the_tool_prints(tmp_path: Path) -> None:
    """docs/guide/changing-the-roadmap.md shows `outcomes diff` on the demo, after the
    edits it describes; this replays them."""
    root = tmp_path / "demo"
    for folder in ("roadmap", "journeys", "okrs"):
        shutil.copytree(HERE.parents[1] / folder, root / folder)
    git(root, "init", "-q")
    commit_all(root, "demo")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    edit(root / "roadmap" / "async-checkins.yaml", "horizon: next", "horizon: now")
    onboarding = root / "roadmap" / "onboarding.yaml"
    edit(onboarding, "    target: 0.55\n", "    target: 0.6\n")
    checklist = "  - id: setup-checklist\n    title: Guided setup checklist\n    status: "
    edit(onboarding, checklist + "testing", checklist + "validated")
    assert (
        run("new", "hypothesis", "invite-from-checklist", str(root), "--theme", "onboarding")[0]
        == 0
    )
    code_, out, err = run("diff", "origin/main", "--dir", str(root))
    assert (code_, err) == (0, "")
    commit = git(root, "rev-parse", "HEAD")[:12]
    text = GUIDE.read_text(encoding="utf-8")
    shown = text.split("```markdown\n", 1)[1].split("```\n", 1)[0]
    assert shown == out.replace(commit, "4f9c2e1a7b3d")

"""The roadmap's history from real temporary git repositories with known edits and dates."""

from __future__ import annotations

import datetime
import json
import logging
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import pytest

from outcomes.adapters.cli import main
from outcomes.history import timeline
from outcomes.history.facts import appended_facts, file_facts
from outcomes.history.log import Step
from outcomes.history.timeline import read_history
from outcomes.load.project import Layout
from outcomes.publication import Host, publish
from outcomes.settings import Settings
from sitekit import MKDOCS_YML, build_site, read_page
from synthkit import synthetic_history

PROJECT = Path(__file__).parent.parent / "diff" / "project"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _quiet_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)


def git(repo: Path, *args: str, when: str | None = None, who: str = "Ada Lovelace") -> str:
    env = dict(os.environ)
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T09:00:00+00:00"
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", f"user.name={who}", "-c", "user.email=a@example.com",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        capture_output=True, text=True, check=True, timeout=60, env=env,
    )  # fmt: skip
    return done.stdout.strip()


def commit(repo: Path, when: str, message: str, who: str = "Ada Lovelace") -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when, who=who)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


GALLERY = """  - id: template-gallery
    title: Templates for common use cases
    status: idea
    we_believe: showing templates at sign-up
    for: new teams
    will_result_in: faster first project
    scores: {value: 3, viability: 3, usability: 3, feasibility: 2}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Six commits with known edits, 2 Mar to 18 Nov 2026."""
    root = tmp_path / "repo"
    shutil.copytree(PROJECT, root)
    onboarding = root / "roadmap" / "onboarding.yaml"
    delivery = root / "roadmap" / "faster-delivery.yaml"
    edit(onboarding, "status: testing", "status: idea")
    csv = root / "okrs" / "measurements" / "invite-rate.csv"
    measured = csv.read_text(encoding="utf-8")
    before = [line for line in measured.splitlines() if not line.startswith(("2026-1", "2027"))]
    csv.write_text("\n".join(before) + "\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "2026-03-02", "base")
    edit(
        onboarding,
        "status: idea\n    we_believe: adding",
        "status: planned\n    we_believe: adding",
    )
    commit(root, "2026-05-10", "plan the checklist", who="Grace Hopper")
    edit(onboarding, "status: planned", "status: testing")
    edit(onboarding, "target: 0.55", "target: 0.6")
    commit(root, "2026-09-01", "start testing")
    good = onboarding.read_text(encoding="utf-8")
    onboarding.write_text(good.replace("horizon: now", "horizon: [now"), encoding="utf-8")
    commit(root, "2026-10-15", "a broken edit")
    onboarding.write_text(good, encoding="utf-8")
    csv.write_text(measured, encoding="utf-8")
    commit(root, "2026-11-03", "fix and measure")
    edit(onboarding, "status: testing", "status: validated")
    edit(onboarding, GALLERY, "")
    delivery.write_text(delivery.read_text(encoding="utf-8") + GALLERY, encoding="utf-8")
    edit(delivery, "horizon: next", "horizon: now")
    commit(root, "2026-11-18", "validated; gallery moves")
    return root


def later(root: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    history = read_history(Layout(root))
    return [
        (e.commit.day.isoformat(), e.kind, e.subject, e.old, e.new)
        for e in history.events
        if e.commit.day > datetime.date(2026, 3, 2)
    ]


def test_events_of_known_edits_in_order(repo: Path) -> None:
    assert later(repo) == [
        ("2026-05-10", "status", "setup-checklist", "idea", "planned"),
        ("2026-09-01", "verdict", "trunk-based", "untested", "running"),
        ("2026-09-01", "status", "setup-checklist", "planned", "testing"),
        ("2026-09-01", "outcome", "invite-rate", "0.55", "0.6"),
        ("2026-10-15", "revision-error", "roadmap/onboarding.yaml", None, None),
        ("2026-10-15", "verdict", "trunk-based", "running", "supported"),
        ("2026-10-15", "verdict", "setup-checklist", "untested", "running"),
        ("2026-11-03", "verdict", "setup-checklist", "running", "supported"),
        ("2026-11-18", "hypothesis-moved", "template-gallery", "roadmap/onboarding.yaml",
         "roadmap/faster-delivery.yaml"),
        ("2026-11-18", "status", "setup-checklist", "testing", "validated"),
        ("2026-11-18", "horizon", "faster-delivery", "next", "now"),
    ]  # fmt: skip


def pages(root: Path, **options: object) -> dict[str, str]:
    settings = Settings(as_of=datetime.date(2026, 11, 20)).merged(options)
    host = Host(repo_url="https://example.com/acme/roadmap")
    publication = publish(root, settings, host)
    assert publication.failure is None
    return {p.src_uri: p.content for p in publication.pages}


def test_hypothesis_page_shows_its_status_and_verdict_history(repo: Path) -> None:
    page = pages(repo)["hypotheses/setup-checklist.md"]
    assert (
        "History: status idea 2 Mar 2026 → planned 10 May 2026 → testing 1 Sep 2026 → "
        "validated 18 Nov 2026; the data said untested 2 Mar 2026 → running 15 Oct 2026 → "
        "supported 3 Nov 2026." in page
    )


def test_theme_page_shows_how_its_targets_moved(repo: Path) -> None:
    page = pages(repo)["themes/onboarding.md"]
    assert "<li>1 Sep 2026: Week-1 invite rate target 0.55 → 0.6 (" in page


def test_changes_page_lists_the_last_30_days_with_commits(repo: Path) -> None:
    page = pages(repo)["changes.md"]
    assert (
        "<strong>4</strong> changes in the last 30 days, <strong>10</strong> in the last 90" in page
    )
    assert "Week of 16 Nov 2026" in page
    short = git(repo, "rev-parse", "--short", "HEAD")
    full = git(repo, "rev-parse", "HEAD")
    assert (
        f'<a href="https://example.com/acme/roadmap/commit/{full}"><code>{short}</code></a>' in page
    )
    assert (
        "roadmap/onboarding.yaml did not load at this commit: roadmap/onboarding.yaml:4:6: "
        "error[yaml-syntax]" in page
    )


def test_key_result_changes_read_by_kpi_and_objective_names_not_ids(repo: Path) -> None:
    okrs = repo / "okrs" / "2026-Q4.yaml"
    edit(okrs, "target: 0.50", "target: 0.55")
    edit(okrs, "      - id: faster-changes\n        kpi: lead-time\n        target: 5\n", "")
    commit(repo, "2026-11-19", "a higher bar for invites; lead time dropped")
    page = pages(repo)["changes.md"]
    assert (
        "Key result on Week-1 invite rate in “New teams succeed in their first week” (2026-Q4):"
        " target 0.5 → 0.55" in page
    )
    assert (
        "Key result on Lead time for changes removed from “New teams succeed in their first"
        " week” (2026-Q4)" in page
    )
    assert "2026-Q4/first-week-success" not in page


def test_feed_is_atom_with_ids_dates_and_links(repo: Path) -> None:
    feed = ET.fromstring(pages(repo)["changes.xml"])
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(read_history(Layout(repo)).events)
    first = entries[0]
    assert first.findtext(f"{ATOM}updated") == "2026-11-18T09:00:00+00:00"
    assert (
        first.findtext(f"{ATOM}title")
        == "Theme “Changes reach customers within days” moved from next to now"
    )
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Ada Lovelace"  # type: ignore[union-attr]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)
    assert feed.findtext(f"{ATOM}updated") == "2026-11-18T09:00:00+00:00"


def test_history_false_leaves_the_page_out(repo: Path) -> None:
    built = pages(repo, history=False)
    assert "changes.md" not in built and "changes.xml" not in built
    assert "History:" not in built["hypotheses/setup-checklist.md"]


def test_shallow_clone_builds_and_says_how_to_fetch(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = read_history(Layout(clone))
    assert history.state == "shallow" and history.events == ()
    page = pages(clone)["changes.md"]
    assert "`fetch-depth: 0`" in page or "<code>fetch-depth: 0</code>" in page


def test_folder_without_git_builds_and_says_so_once(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(PROJECT, root)
    publication = publish(root, Settings(as_of=datetime.date(2026, 11, 20)), Host())
    notes = [d for d in publication.diagnostics if d.code == "history-unavailable"]
    assert [(n.severity.value, n.message) for n in notes] == [
        ("info", "not a git repository: the Changes page has no history to show")
    ]


def test_export_rev_prints_the_model_of_that_revision(repo: Path) -> None:
    out, err = StringIO(), StringIO()
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    code = main(["export", str(repo), "--rev", first], out, err)
    assert code == 0, err.getvalue()
    exported = json.loads(out.getvalue())
    assert exported["as_of"] == "2026-03-02"
    hypotheses = {h["id"]: h for h in exported["hypotheses"]}
    assert hypotheses["setup-checklist"]["status"] == "idea"


def test_export_rev_reports_errors_of_that_revision(repo: Path) -> None:
    out, err = StringIO(), StringIO()
    broken = git(repo, "rev-list", "-n1", "--before=2026-10-20", "HEAD")
    code = main(["export", str(repo), "--rev", broken], out, err)
    assert code == 1
    assert err.getvalue().startswith(f"at revision {broken[:12]} (committed 15 Oct 2026):\n")
    assert "roadmap/onboarding.yaml:" in err.getvalue() and "error[" in err.getvalue()


def test_a_public_history_shows_no_internal_bet_and_no_confidential_target(
    repo: Path,
) -> None:
    # Made internal and confidential today: the past revisions never said so, the
    # current model does, and the public history follows the current model.
    edit(repo / "roadmap" / "onboarding.yaml", "  - id: setup-checklist\n",
         "  - id: setup-checklist\n    visibility: internal\n")  # fmt: skip
    edit(repo / "okrs" / "kpis.yaml", "    unit: percent\n",
         "    unit: percent\n    confidential: true\n")  # fmt: skip
    commit(repo, "2026-11-19", "internal bet, confidential KPI")
    internal, public = pages(repo), pages(repo, audience="public")
    moved = "outcome on Week-1 invite rate: target 0.55 → 0.6"

    def history_text(site: dict[str, str]) -> str:
        return site["changes.md"] + site["changes.xml"] + site["themes/onboarding.md"]

    assert "Guided setup checklist" in history_text(internal)
    assert moved in history_text(internal)
    assert "Guided setup checklist" not in history_text(public)
    assert "setup-checklist" not in history_text(public)
    assert moved not in history_text(public)
    # A revision's errors name files of any audience: never on the public page.
    assert "yaml-syntax" in internal["changes.md"]
    assert "yaml-syntax" not in public["changes.md"]
    # What stays public still shows: the gallery moved between two public themes.
    assert (
        "template-gallery" in public["changes.md"]
        or "Templates for common use cases" in (public["changes.md"])
    )


# -- under `mkdocs serve`, and judged only when needed ----------------------------------


def test_history_is_walked_again_only_when_head_moved(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walks: list[Path] = []
    real_log = timeline.roadmap_log

    def counted(root: Path, folders: list[str], tracked: tuple[str, ...]) -> list[Step]:
        walks.append(root)
        return real_log(root, folders, tracked)

    monkeypatch.setattr(timeline, "roadmap_log", counted)
    timeline._LAST.clear()
    first = read_history(Layout(repo))
    again = read_history(Layout(repo))
    assert again is first and len(walks) == 1
    (repo / "docs-note.txt").write_text("not the roadmap\n", encoding="utf-8")
    assert read_history(Layout(repo)) is first and len(walks) == 1  # HEAD did not move
    edit(repo / "roadmap" / "onboarding.yaml", "status: validated", "status: invalidated")
    assert read_history(Layout(repo)) is first and len(walks) == 1  # uncommitted
    commit(repo, "2026-11-19", "invalidated after all")
    moved = read_history(Layout(repo))
    assert len(walks) == 2 and moved is not first
    assert moved.events[-1].kind == "status" and moved.events[-1].new == "invalidated"


def test_verdicts_judged_only_when_inputs_or_dates_change_match_judging_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = synthetic_history(tmp_path / "synthetic", 60, commits=80)
    timeline._LAST.clear()
    judged: list[int] = []
    real_judge = timeline._Judge._judge

    def counted(self: timeline._Judge, *args: object) -> None:
        judged.append(1)
        real_judge(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(timeline._Judge, "_judge", counted)
    fast = read_history(Layout(root))
    fast_count = len(judged)
    timeline._LAST.clear()
    real_update = timeline._Judge.update

    def everything(self: timeline._Judge, *args: object) -> set[str]:
        self.windows = {h: (datetime.date.min, datetime.date.min) for h in self.windows}
        return real_update(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(timeline._Judge, "update", everything)
    judged.clear()
    every = read_history(Layout(root))
    assert every.events == fast.events and every.marks == fast.marks
    assert list(every.marks) == list(fast.marks)
    verdicts = [e for e in fast.events if e.kind == "verdict"]
    assert len(verdicts) >= 5  # experiments end and data arrives during the 80 days
    assert fast_count < len(judged) / 2  # a commit re-judges its file, its CSVs readers


def test_appended_measurement_rows_read_alone_give_the_whole_files_points(
    tmp_path: Path,
) -> None:
    layout = Layout(tmp_path)
    path = "okrs/measurements/invite-rate.csv"
    earlier = b"date,value\n2026-01-05,0.4\n2026-01-12,0.41\n"
    later = earlier + b"2026-01-19,0.43\n2026-01-26,0.44\n"
    facts = appended_facts(layout, path, later, earlier, file_facts(layout, path, earlier))
    assert facts.points == file_facts(layout, path, later).points
    assert [m.value for m in facts.points or []] == [0.4, 0.41, 0.43, 0.44]
    # Out of order or broken rows: the whole file is read, with its located error.
    broken = earlier + b"2026-01-10,0.5\n2026-01-12,0.6\n"
    facts = appended_facts(layout, path, broken, earlier, file_facts(layout, path, earlier))
    assert facts.error is not None and facts.error.code == "csv-duplicate-date"
    assert facts.error.line == 5


# -- real builds: mkdocs build --strict ------------------------------------------------


def _site(root: Path) -> None:
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n\nThe roadmap.\n", encoding="utf-8")


@pytest.mark.e2e
def test_strict_build_shows_changes_feed_and_each_hypothesis_history(repo: Path) -> None:
    _site(repo)
    site = build_site(repo, strict=True)
    changes = read_page(site, "changes/").plain
    assert "Week of 16 Nov 2026" in changes
    assert "“Changes reach customers within days” moved from next to now" in changes
    feed = ET.parse(site / "changes.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert len(feed.findall(f"{ATOM}entry")) == len(read_history(Layout(repo)).events)
    page = read_page(site, "hypotheses/setup-checklist/").plain
    assert (
        "History: status idea 2 Mar 2026 → planned 10 May 2026 → testing 1 Sep 2026 → "
        "validated 18 Nov 2026" in page
    )


@pytest.mark.e2e
def test_strict_build_of_a_shallow_clone_passes_with_the_fetch_depth_note(
    repo: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    _site(clone)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        site = build_site(clone, strict=True)
    assert "fetch-depth: 0" in read_page(site, "changes/").plain
    notes = [r for r in caplog.records if "shallow clone" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO


@pytest.mark.e2e
def test_strict_build_without_git_passes_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "no-git"
    shutil.copytree(PROJECT, root)
    # As in `repo`'s last commit, so the project itself has no warning for --strict.
    edit(root / "roadmap" / "onboarding.yaml", "status: testing", "status: validated")
    _site(root)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        site = build_site(root, strict=True)
    assert (site / "hypotheses" / "setup-checklist" / "index.html").is_file()
    notes = [r for r in caplog.records if "not a git repository" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO

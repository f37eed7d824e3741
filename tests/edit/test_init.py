"""`outcomes init`: a starting repository that validates and builds on a fresh clone.

The clone matters: git keeps no empty folder, so a starter that relied on one (an empty
`docs/`) would pass in place and fail in CI.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clikit import run
from outcomes.edit.starter import InstallRoute, starter_files
from outcomes.schema.jsonschema import json_schemas

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.com",
         "-c", "init.defaultBranch=main", *args],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`outcomes init` in a folder, committed, then cloned into another."""
    base = tmp_path_factory.mktemp("init")
    origin = base / "origin"
    code, out, err = run("init", str(origin))
    assert (code, err) == (0, "")
    assert f"created {origin.as_posix()}/mkdocs.yml\n" in out
    assert "Next steps:" in out
    assert "outcomes validate --strict" in out
    git(origin, "init", "-q")
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "Start the roadmap")
    git(base, "clone", "-q", str(origin), "clone")
    return base / "clone"


@pytest.mark.e2e
def test_the_clone_validates_with_strict(clone: Path) -> None:
    code, out, err = run("validate", "--strict", str(clone))
    assert (code, err) == (0, "")
    assert out == "ok: 1 theme, 2 hypotheses, 1 KPI, 1 journey, 1 OKR period\n"


@pytest.mark.e2e
def test_the_clone_builds_with_mkdocs_strict(clone: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "--site-dir",
         str(clone.parent / "site")],
        cwd=clone, capture_output=True, text=True, timeout=300, env=ENV,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    site = clone.parent / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="board/"' in home  # docs/index.md links the board, which moved to board/
    board = (site / "board" / "index.html").read_text(encoding="utf-8")
    assert "New teams reach value in their first week" in board
    assert (site / "hypotheses" / "setup-checklist" / "index.html").is_file()
    assert (site / "journeys" / "new-team" / "index.html").is_file()


@pytest.mark.parametrize("years", [1, 3, 10])
def test_the_starter_stays_valid_on_any_later_day(clone: Path, years: int) -> None:
    """No date in the starter turns into a warning as time passes (see edit/starter.py)."""
    later = datetime.date.today() + datetime.timedelta(days=365 * years)
    code, out, _ = run("validate", "--strict", str(clone), "--as-of", later.isoformat())
    assert code == 0, out
    assert "warning" not in out and "error" not in out


def test_the_starter_is_a_real_example(clone: Path) -> None:
    exported = json.loads(run("export", str(clone))[1])
    (theme,) = exported["themes"]
    assert len(theme["hypotheses"]) == 2
    testing = next(h for h in exported["hypotheses"] if h["status"] == "testing")
    assert testing["verdict"] == "running"
    onboarding = yaml.safe_load((clone / "roadmap" / "onboarding.yaml").read_text("utf-8"))
    measured_by = onboarding["hypotheses"][0]["measured_by"]
    assert set(measured_by) == {"kpi", "expect", "kill"}
    assert "describe" not in (clone / "roadmap" / "onboarding.yaml").read_text("utf-8")
    assert [k["id"] for k in exported["kpis"]] == ["week1-invite-rate"]
    assert exported["kpis"][0]["latest"] is not None
    assert len(exported["okrs"]) == 1
    assert len(exported["journeys"]) == 1
    teams = yaml.safe_load((clone / "okrs" / "teams.yaml").read_text("utf-8"))
    assert [t["id"] for t in teams["teams"]] == ["growth"]


def test_every_modeline_resolves_to_the_current_schema(clone: Path) -> None:
    schemas = json_schemas()
    for path in clone.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if not first.startswith("# yaml-language-server: $schema="):
            continue
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.read_text(encoding="utf-8") == schemas[target.name], path


def test_the_workflow_is_a_valid_github_workflow(clone: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         str(clone / ".github" / "workflows" / "roadmap.yml")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = (clone / ".github" / "workflows" / "roadmap.yml").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in workflow
    assert "pip install .\n" not in workflow


@pytest.mark.parametrize(
    "route",
    [
        InstallRoute("mkdocs-outcomes==0.1.0"),
        InstallRoute(
            "mkdocs-outcomes @ git+https://git.example/outcomes@0123abcd",
            "https://git.example/outcomes",
            "0123abcd",
        ),
    ],
)
def test_the_pre_commit_config_is_valid(tmp_path: Path, route: InstallRoute) -> None:
    files = starter_files(datetime.date(2026, 11, 22), route)
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(files[".pre-commit-config.yaml"], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    (repo,) = yaml.safe_load(config.read_text(encoding="utf-8"))["repos"]
    assert repo["hooks"][0]["id"] == "outcomes-validate"
    if route.git_url:  # installed from git: the repository's own hook, pinned
        assert (repo["repo"], repo["rev"]) == (route.git_url, route.commit)
        assert files["requirements.txt"].splitlines()[-1] == route.requirement
    else:
        assert repo["repo"] == "local"
    assert "github.com/example" not in files[".pre-commit-config.yaml"]


def test_dates_follow_the_day_of_init() -> None:
    files = starter_files(datetime.date(2026, 12, 3), InstallRoute("mkdocs-outcomes"))
    assert "okrs/2026-Q4.yaml" in files
    assert "by: 2027-03-31" in files["roadmap/onboarding.yaml"]
    rows = files["okrs/measurements/week1-invite-rate.csv"].splitlines()
    assert rows[0] == "date,value"
    assert rows[-1].startswith("2026-11-26,")  # a week before init: nothing in the future
    assert "by: 2027-12-31" in starter_files(datetime.date(2027, 8, 1))["roadmap/onboarding.yaml"]


def test_a_second_init_refuses_and_writes_nothing(tmp_path: Path) -> None:
    assert run("init", str(tmp_path))[0] == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, out, err = run("init", str(tmp_path))
    assert (code, out) == (2, "")
    assert "already exists" in err and "never overwrites" in err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_one_existing_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    code, out, err = run("init", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == (
        f"outcomes init: {tmp_path / 'mkdocs.yml'} already exists; `outcomes init` never "
        "overwrites a file: run it in an empty folder\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["mkdocs.yml"]


def test_dir_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("init")
    assert code == 0
    assert out.startswith("created .github/workflows/roadmap.yml\n")
    assert "  cd " not in out
    assert (tmp_path / "okrs" / "kpis.yaml").is_file()


def test_a_file_in_the_way_of_the_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("", encoding="utf-8")
    code, _, err = run("init", str(tmp_path / "taken"))
    assert code == 2
    assert "not a directory" in err


def test_every_starter_file_is_package_data() -> None:
    """The wheel ships what pyproject's package-data globs match (.ci/wheel-check proves it)."""
    import fnmatch
    import tomllib

    repo = Path(__file__).resolve().parents[2]
    package = repo / "plugins" / "outcomes"
    globs = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]["package-data"]["outcomes"]
    for path in (package / "edit" / "starter_files").rglob("*"):
        if path.is_file():
            relative = path.relative_to(package).as_posix()
            assert not path.name.startswith("."), relative  # package-data globs skip dot files
            assert any(
                fnmatch.fnmatch(relative, g) and relative.count("/") == g.count("/") for g in globs
            ), relative

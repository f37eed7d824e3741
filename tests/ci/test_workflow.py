"""The example GitHub Actions workflow, .github/workflows/roadmap.yml: a valid workflow
whose steps run the commands a roadmap's CI needs, in an order that makes sense."""

from __future__ import annotations

import shlex
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import yaml

from outcomes.adapters.cli import main

REPO = Path(__file__).resolve().parent.parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "roadmap.yml"
VALID = REPO / "tests" / "cli" / "fixtures" / "valid"


def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def triggers() -> dict[str, Any]:
    found: dict[str, Any] = workflow()[True]  # PyYAML reads the key `on` as YAML 1.1 true
    return found


def steps(job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return found


def index_of(job: str, *, uses: str = "", runs: str = "") -> int:
    """Position of the first step that uses an action or whose script has a command."""
    for index, step in enumerate(steps(job)):
        if uses and step.get("uses", "").split("@")[0] == uses:
            return index
        if runs and any(line.strip() == runs for line in step.get("run", "").splitlines()):
            return index
    raise AssertionError(f"job {job} has no step {uses or runs!r}")


def test_is_a_valid_github_workflow(tmp_path: Path) -> None:
    """Checked against the GitHub workflow schema that check-jsonschema ships (offline)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_runs_on_pull_requests_and_pushes_to_main() -> None:
    assert "pull_request" in triggers()
    assert triggers()["push"] == {"branches": ["main"]}
    assert workflow()["permissions"] == {"contents": "read"}


def test_pull_request_validates_comments_the_diff_and_builds() -> None:
    job = workflow()["jobs"]["review"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["permissions"]["pull-requests"] == "write"
    checkout = steps("review")[index_of("review", uses="actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0  # the base branch must be there for diff
    order = [
        index_of("review", uses="actions/checkout"),
        index_of("review", uses="actions/setup-python"),
        index_of("review", runs="sudo apt-get update -qq && sudo apt-get install -y -qq graphviz"),
        index_of("review", runs="pip install ."),
        index_of("review", runs="outcomes validate --format github --strict"),
        index_of("review", runs='outcomes diff "origin/$BASE_REF" > roadmap-diff.md'),
        index_of("review", uses="marocchino/sticky-pull-request-comment"),
        index_of("review", runs="mkdocs build --strict"),
    ]
    assert order == sorted(order)
    diff = steps("review")[order[5]]
    assert diff["env"] == {"BASE_REF": "${{ github.base_ref }}"}  # never inlined in the script
    assert diff["if"] == "${{ !cancelled() }}"  # reviewers see the changes even when invalid
    comment = steps("review")[order[6]]
    assert comment["with"]["path"] == "roadmap-diff.md"
    assert "!cancelled()" in comment["if"]


def test_push_to_main_builds_and_deploys_to_pages() -> None:
    jobs = workflow()["jobs"]
    assert jobs["build"]["if"] == "github.event_name != 'pull_request'"
    order = [
        index_of("build", runs="pip install ."),
        index_of("build", runs="outcomes validate --format github"),
        index_of("build", runs="mkdocs build --strict"),
        index_of("build", uses="actions/upload-pages-artifact"),
    ]
    assert order == sorted(order)
    assert steps("build")[order[-1]]["with"] == {"path": "site"}  # mkdocs' site_dir
    deploy = jobs["deploy"]
    assert (deploy["needs"], deploy["if"]) == ("build", "github.ref == 'refs/heads/main'")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == [
        "actions/deploy-pages"
    ]


def test_every_action_is_pinned_to_a_version() -> None:
    every_step = [step for job in workflow()["jobs"].values() for step in job["steps"]]
    used = [step["uses"] for step in every_step if "uses" in step]
    assert len(used) >= 7
    assert all("@" in action and action.split("@")[1] for action in used), used


def test_the_validate_command_line_is_one_outcomes_accepts() -> None:
    validate = index_of("review", runs="outcomes validate --format github --strict")
    command = shlex.split(steps("review")[validate]["run"])
    assert command[0] == "outcomes"
    out, err = StringIO(), StringIO()
    code = main([*command[1:], str(VALID), "--as-of", "2026-11-22"], out=out, err=err)
    assert (code, err.getvalue()) == (1, "")  # the fixture's overdue hypothesis fails --strict
    assert "::warning file=roadmap/onboarding.yaml," in out.getvalue()


def test_the_diff_command_line_is_one_outcomes_accepts() -> None:
    diff = index_of("review", runs='outcomes diff "origin/$BASE_REF" > roadmap-diff.md')
    first_line = steps("review")[diff]["run"].splitlines()[0]
    command = shlex.split(first_line.split(">")[0])
    assert command == ["outcomes", "diff", "origin/$BASE_REF"]
    out, err = StringIO(), StringIO()
    assert main([*command[1:], "--help"], out=out, err=err) == 0, err.getvalue()
    assert out.getvalue().startswith("usage: outcomes diff ")
    assert "BASE" in out.getvalue()

"""The pre-commit hook this repository offers: `.pre-commit-hooks.yaml` at its root."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent.parent
MANIFEST = REPO / ".pre-commit-hooks.yaml"


def hooks() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def test_pre_commit_accepts_the_manifest(tmp_path: Path) -> None:
    """pre-commit's own check of hook manifests (its store goes to a temporary folder)."""
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_would_refuse_a_wrong_manifest(tmp_path: Path) -> None:
    """The check above can fail."""
    wrong = tmp_path / "hooks.yaml"
    wrong.write_text(
        MANIFEST.read_text(encoding="utf-8").replace("language: python", "language: pythn")
    )
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(wrong)],
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "but got: 'pythn'" in result.stdout


def test_outcomes_validate_hook_checks_the_whole_roadmap() -> None:
    (hook,) = hooks()
    assert hook["id"] == "outcomes-validate"
    assert hook["entry"] == "outcomes validate"
    assert hook["language"] == "python"
    # References cross files: validate everything, once, whatever was staged.
    assert hook["pass_filenames"] is False
    assert hook["require_serial"] is True


def test_hook_entry_is_the_console_script() -> None:
    (hook,) = hooks()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    command, *arguments = shlex.split(hook["entry"])
    assert command in scripts
    assert arguments == ["validate"]


def test_hook_runs_when_a_roadmap_file_changes() -> None:
    (hook,) = hooks()
    files = re.compile(hook["files"])
    for changed in ("roadmap/onboarding.yaml", "journeys/new-team.yaml", "okrs/kpis.yaml",
                    "okrs/measurements/week1-invite-rate.csv"):  # fmt: skip
        assert files.search(changed), changed
    for unrelated in ("docs/index.md", "mkdocs.yml", "plugins/outcomes/cli.py", "my-roadmap/x"):
        assert not files.search(unrelated), unrelated

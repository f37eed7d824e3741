"""`outcomes new team ID`: a team in okrs/teams.yaml (created or appended), validated first;
and the schema a new file's modeline names is written when the project lacks it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clikit import run
from outcomes.schema.jsonschema import json_schemas

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-22"


def validate(root: Path) -> tuple[int, str]:
    code, out, _ = run("validate", str(root), "--as-of", AS_OF)
    return code, out


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = tmp_path / "demo"
    for folder in ("roadmap", "journeys", "okrs", "schemas"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def test_a_team_is_appended_and_every_other_byte_is_kept(demo: Path) -> None:
    teams = demo / "okrs" / "teams.yaml"
    original = teams.read_bytes()
    before = validate(demo)
    assert run("new", "team", "design", str(demo)) == (
        0, "added team 'design' to okrs/teams.yaml\n", ""
    )  # fmt: skip
    changed = teams.read_bytes()
    assert changed.startswith(original)
    assert changed[len(original) :].decode("utf-8") == (
        "  - id: design  # unique id; `owner:` of themes, objectives and KPIs names it\n"
        "    name: Design  # readable name\n"
        "    # description: what the team does and owns  # Markdown\n"
    )
    assert validate(demo) == before
    assert run("fmt", "--check", str(demo)) == (0, "", "")


def test_a_team_that_exists_is_refused(demo: Path) -> None:
    original = (demo / "okrs" / "teams.yaml").read_bytes()
    code, out, err = run("new", "team", "growth", str(demo))
    assert (code, out) == (2, "")
    assert err == "outcomes new: team 'growth' already exists; choose another id\n"
    assert (demo / "okrs" / "teams.yaml").read_bytes() == original


def test_a_new_teams_file_names_the_owners_already_used(demo: Path) -> None:
    """Once a teams file exists every `owner:` must name a team: none may break."""
    (demo / "okrs" / "teams.yaml").unlink()
    before = validate(demo)
    code, out, err = run("new", "team", "design", str(demo))
    assert (code, err) == (0, "")
    assert out == (
        "created okrs/teams.yaml\n"
        "added the teams already named as owners (collaboration, growth, mobile, platform) "
        "to okrs/teams.yaml\n"
    )
    assert validate(demo) == before
    text = (demo / "okrs" / "teams.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/teams.schema.json\n")
    assert [line for line in text.splitlines() if "- id:" in line] == [
        f"  - id: {team}  # unique id; `owner:` of themes, objectives and KPIs names it"
        for team in ("collaboration", "growth", "mobile", "platform", "design")
    ]
    assert run("fmt", "--check", str(demo)) == (0, "", "")


def test_on_an_empty_project_the_schema_comes_too(tmp_path: Path) -> None:
    assert run("new", "team", "growth", str(tmp_path)) == (
        0, "created okrs/teams.yaml\ncreated schemas/teams.schema.json\n", ""
    )  # fmt: skip
    schema = (tmp_path / "schemas" / "teams.schema.json").read_text(encoding="utf-8")
    assert schema == json_schemas()["teams.schema.json"]
    assert validate(tmp_path) == (
        0,
        "ok: 0 themes, 0 hypotheses, 0 KPIs, 0 journeys, 0 OKR periods\n",
    )


def test_an_existing_schema_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    mine = tmp_path / "schemas" / "theme.schema.json"
    mine.write_text("{}\n", encoding="utf-8")
    assert run("new", "theme", "search", str(tmp_path)) == (
        0, "created roadmap/search.yaml\n", ""
    )  # fmt: skip
    assert mine.read_text(encoding="utf-8") == "{}\n"


def test_a_bad_team_id_is_refused(tmp_path: Path) -> None:
    code, _, err = run("new", "team", "Growth Team", str(tmp_path))
    assert code == 2
    assert "is not a valid id" in err
    assert not any(tmp_path.iterdir())

"""`outcomes import sierra` on the real example roadmap of SierraSoftworks/roadmap."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

from ruamel.yaml import YAML

from outcomes.adapters.cli import main

EXAMPLE = Path(__file__).parent / "sierra" / "roadmap.yml"
UNWRITTEN_OUTCOME_CODES = {"theme-without-outcome", "outcome-is-output"}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_real_example_imports_into_a_project_that_validates_strictly(tmp_path: Path) -> None:
    code, out, err = run("import", "sierra", str(EXAMPLE), "--out", str(tmp_path))
    assert code == 0, err
    assert "imported 8 themes, 12 hypotheses, 1 teams" in out
    code, out, err = run("validate", str(tmp_path), "--strict")
    shown = out + err
    assert "0 errors" in shown and "error[" not in shown
    # Only warnings about outcomes still to write, which are the point of the import.
    codes = set(re.findall(r"warning\[([a-z0-9-]+)\]", shown))
    assert codes <= UNWRITTEN_OUTCOME_CODES, codes
    assert code == (1 if codes else 0)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.yaml"))
    assert len(written) == 9 and "okrs/teams.yaml" in written


def test_every_deliverable_is_in_the_output_and_the_report(tmp_path: Path) -> None:
    source = YAML(typ="safe", pure=True).load(EXAMPLE.read_text(encoding="utf-8"))
    deliverables = [d for m in source["milestones"] for d in m["deliverables"]]
    assert len(deliverables) == 12
    _, out, _ = run("import", "sierra", str(EXAMPLE), "--out", str(tmp_path))
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.yaml"))
    for deliverable in deliverables:
        assert f'title: "{deliverable["title"]}"' in text
        assert f"deliverable {deliverable['title']!r} ({deliverable['state']})" in out
    # A deliverable is an output: each imported hypothesis says its outcome is unwritten.
    assert text.count("TO WRITE: the behaviour change this deliverable should cause") == 12
    theme = (tmp_path / "roadmap" / "web-renderer.yaml").read_text(encoding="utf-8")
    assert '  - id: file-viewer\n    title: "File Viewer"\n    status: idea\n' in theme
    assert '  - id: editor\n    title: "Editor"\n    status: planned\n' in theme
    assert "tags: [deliverable, todo, may]" in theme
    assert "horizon: now" in theme


def test_what_has_no_field_is_kept_as_comments_and_reported(tmp_path: Path) -> None:
    _, out, _ = run("import", "sierra", str(EXAMPLE), "--out", str(tmp_path))
    first = (
        tmp_path / "roadmap" / "we-provide-a-single-universal-schema-for-high-level-planning.yaml"
    )
    text = first.read_text(encoding="utf-8")
    assert "# Timeline marker (no field in Outcomes): 2021-06-01: Demo Day" in text
    assert "#   This is the scheduled date for the first demo" in text
    assert "# The roadmap's description (no field in Outcomes):" in text
    assert "timeline marker 2021-04-21: Project Start: no field, kept as a comment" in out
    schema = (tmp_path / "roadmap" / "road-map-schema.yaml").read_text(encoding="utf-8")
    assert "  # Put together a JSONSchema file describing the road map file format." in schema
    assert 'url: "https://schemas.sierrasoftworks.com"' in schema


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "okrs").mkdir()
    (tmp_path / "okrs" / "teams.yaml").write_text("teams: []\n", encoding="utf-8")
    code, _, err = run("import", "sierra", str(EXAMPLE), "--out", str(tmp_path))
    assert code == 2
    assert "refusing to overwrite" in err and "teams.yaml" in err
    assert not (tmp_path / "roadmap").exists()
    assert (tmp_path / "okrs" / "teams.yaml").read_text(encoding="utf-8") == "teams: []\n"


def test_broken_input_gives_located_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "title: Plan\nmilestones:\n  - title: One\n    deliverables:\n"
        "      - title: A\n        state: WIP\n",
        encoding="utf-8",
    )
    code, _, err = run("import", "sierra", str(broken), "--out", str(tmp_path / "out"))
    assert code == 1
    assert f"{broken}:6:16: error[import-format] state 'WIP' is not one of" in err
    syntax = tmp_path / "syntax.yml"
    syntax.write_text("title: [Plan\n", encoding="utf-8")
    code, _, err = run("import", "sierra", str(syntax), "--out", str(tmp_path / "out"))
    assert code == 1 and f"{syntax}:" in err and "error[yaml-syntax]" in err
    assert not (tmp_path / "out").exists()

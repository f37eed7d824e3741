"""`outcomes import uroflavin` on the real example roadmaps of uroflavin/roadmap."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from outcomes.adapters.cli import main

FIXTURES = Path(__file__).parent / "uroflavin"
EXAMPLE = FIXTURES / "roadmap.yml"
UNWRITTEN_OUTCOME_CODES = {"theme-without-outcome", "outcome-is-output"}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def items(source: dict[str, object]) -> list[dict[str, object]]:
    """Every deliverable and key result of a uroflavin roadmap, in source order."""
    found: list[dict[str, object]] = []
    for objective in source.get("objectives") or []:  # type: ignore[attr-defined]
        found += objective.get("keyresults") or []
        for milestone in objective.get("milestones") or []:
            found += milestone.get("deliverables") or []
    for milestone in source.get("milestones") or []:  # type: ignore[attr-defined]
        found += milestone.get("deliverables") or []
    return found


@pytest.mark.parametrize(
    ("name", "summary"),
    [
        ("roadmap.yml", "imported 11 themes, 26 hypotheses, 1 teams"),
        ("roadmap.minimal.yml", "imported 2 themes, 0 hypotheses, 2 teams"),
        ("roadmap.minimal.okr.yml", "imported 2 themes, 2 hypotheses, 2 teams"),
    ],
)
def test_the_real_examples_import_into_projects_that_validate_strictly(
    tmp_path: Path, name: str, summary: str
) -> None:
    code, out, err = run("import", "uroflavin", str(FIXTURES / name), "--out", str(tmp_path))
    assert code == 0, err
    assert summary in out
    code, out, err = run("validate", str(tmp_path), "--strict")
    shown = out + err
    assert "0 errors" in shown and "error[" not in shown
    codes = set(re.findall(r"warning\[([a-z0-9-]+)\]", shown))
    assert codes <= UNWRITTEN_OUTCOME_CODES, codes
    assert code == (1 if codes else 0)


def test_every_deliverable_and_key_result_is_in_the_output_and_the_report(
    tmp_path: Path,
) -> None:
    source = YAML(typ="safe", pure=True).load(EXAMPLE.read_text(encoding="utf-8"))
    every = items(source)
    assert len(every) == 26
    _, out, _ = run("import", "uroflavin", str(EXAMPLE), "--out", str(tmp_path))
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.yaml"))
    for item in every:
        assert f'title: "{item["title"]}"' in text
        assert re.search(rf"(deliverable|key result) {re.escape(repr(item['title']))} "
                         rf"\({item.get('state', 'TODO')}\): hypothesis ", out)  # fmt: skip
    assert text.count("TO WRITE: the behaviour change this deliverable should cause") == 26
    # README is a deliverable twice: ids stay unique across the roadmap.
    assert "  - id: readme\n" in text and "  - id: readme-2\n" in text


def test_states_references_and_horizons_map(tmp_path: Path) -> None:
    run("import", "uroflavin", str(EXAMPLE), "--out", str(tmp_path))
    xls = (tmp_path / "roadmap" / "xls-file.yaml").read_text(encoding="utf-8")
    assert "horizon: now" in xls  # COMMITTED
    assert '  - id: csv-template\n    title: "csv-template"\n    status: planned\n' in xls
    assert '  - id: xls-renderer\n    title: "xls-renderer"\n    status: idea\n' in xls
    assert "tags: [deliverable, doing, must]" in xls
    web = (tmp_path / "roadmap" / "web-renderer.yaml").read_text(encoding="utf-8")
    assert "horizon: later" in web  # IDEA
    tooling = tmp_path / "roadmap" / "we-provide-official-tooling-for-most-common-use-cases.yaml"
    text = tooling.read_text(encoding="utf-8")
    assert "tags: [key-result, done, may]" in text
    assert '      - title: "see DOT-Template"\n' in text
    first = (
        tmp_path / "roadmap" / "we-provide-a-single-universal-schema-for-high-level-planning.yaml"
    )
    assert "Reference: [see json-schema.org](https://json-schema.org/)" in first.read_text(
        encoding="utf-8"
    )


def test_what_has_no_field_is_kept_as_comments_and_reported(tmp_path: Path) -> None:
    _, out, _ = run("import", "uroflavin", str(EXAMPLE), "--out", str(tmp_path))
    first = (
        tmp_path / "roadmap" / "we-provide-a-single-universal-schema-for-high-level-planning.yaml"
    )
    text = first.read_text(encoding="utf-8")
    assert "# Timeline marker (no field in Outcomes): 2023-12-17: Demo Day" in text
    assert "# Logo (no field in Outcomes): design-thinking-2.png" in text
    assert "logo design-thinking-2.png: no field, kept as a comment" in out
    schema = (tmp_path / "roadmap" / "roadmap-schema.yaml").read_text(encoding="utf-8")
    assert "  # Date (no field in Outcomes): Q1/2024" in schema
    # WSJF is kept, computed, and not turned into the four risk scores.
    assert "jobsize 100; WSJF = cost of delay 20 / job size 100 = 0.2" in schema
    assert "scores:" not in schema
    assert "deliverable 'Publish Schema': WSJF quantifiers kept as a comment, not as scores" in out
    web = (tmp_path / "roadmap" / "web-renderer.yaml").read_text(encoding="utf-8")
    assert "# Todo (no field in Outcomes): todo (OPEN): Carry out WSJF" in web
    assert "milestone 'Web Renderer': 2 todos kept as comments" in out
    nested = (tmp_path / "roadmap" / "test-meilenstein-1.yaml").read_text(encoding="utf-8")
    assert "# A milestone of the objective 'We provide a single, universal" in nested


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "roadmap").mkdir()
    (tmp_path / "roadmap" / "html.yaml").write_text("id: html\n", encoding="utf-8")
    code, _, err = run("import", "uroflavin", str(EXAMPLE), "--out", str(tmp_path))
    assert code == 2
    assert "refusing to overwrite" in err and "html.yaml" in err
    assert not (tmp_path / "okrs").exists()
    assert (tmp_path / "roadmap" / "html.yaml").read_text(encoding="utf-8") == "id: html\n"


def test_broken_input_gives_located_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "title: Plan\nauthors: []\nobjectives:\n  - title: One\n    state: DONE\n"
        "    keyresults:\n      - description: no title\n"
        "milestones:\n  - title: M\n    deliverables:\n      - title: A\n"
        "        requirement: NICE\n        reference: {name: x}\n",
        encoding="utf-8",
    )
    code, _, err = run("import", "uroflavin", str(broken), "--out", str(tmp_path / "out"))
    assert code == 1
    assert f"{broken}:5:12: error[import-format] state 'DONE' is not one of IDEA" in err
    assert f"{broken}:7:9: error[import-format] a key result needs a `title`" in err
    assert f"{broken}:12:22: error[import-format] requirement 'NICE' is not one of" in err
    assert f"{broken}:13:20: error[import-format] a reference needs a `link`" in err
    missing = tmp_path / "missing.yml"
    missing.write_text("title: Plan\n", encoding="utf-8")
    code, _, err = run("import", "uroflavin", str(missing), "--out", str(tmp_path / "out"))
    assert code == 1 and "missing required field `objectives`" in err
    assert not (tmp_path / "out").exists()

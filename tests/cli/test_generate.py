"""`outcomes generate`: the plugin's pages for the same settings, nav.yml, and an OUT_DIR
that holds exactly the current pages without touching anyone else's files."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from clikit import run
from outcomes.output_dir import MANIFEST
from sitekit import AS_OF, MAIN_PROJECT, MKDOCS_YML, build_site, read_page, write_files

# Two open bets whose order flips when only feasibility counts.
SCORED = """
    id: scored
    title: Scored bets
    horizon: later
    hypotheses:
      - id: big-value
        title: Big value
        status: idea
        we_believe: x
        for: y
        will_result_in: z
        scores: {value: 5, viability: 5, usability: 5, feasibility: 1}
      - id: easy-win
        title: Easy win
        status: planned
        we_believe: x
        for: y
        will_result_in: z
        scores: {value: 1, viability: 1, usability: 1, feasibility: 5}
    """
OPTIONS = """\
      weights: {value: 0, viability: 0, usability: 0, feasibility: 1}
      thresholds: {on_track: 0.25, at_risk: 0.45}
"""


def project(root: Path, options: str = "") -> Path:
    config = MKDOCS_YML.replace(f"as_of: {AS_OF}\n", f"as_of: {AS_OF}\n{options}")
    write_files(root, {**MAIN_PROJECT, "mkdocs.yml": config, "roadmap/scored.yaml": SCORED})
    return root


def generate(root: Path, out: Path, *flags: str) -> tuple[int, str, str]:
    return run("generate", str(root), str(out), *flags)


HYPOTHESIS_LINK = re.compile(r"hypotheses/([a-z0-9-]+)/$")


def ranked_ids(hrefs: list[str]) -> list[str]:
    """The hypotheses of the ranking table, in order (the list below it repeats none)."""
    found = [m.group(1) for href in hrefs if (m := HYPOTHESIS_LINK.search(href))]
    return found[:3]


def ranked(out: Path) -> list[str]:
    text = (out / "priorities.md").read_text(encoding="utf-8")
    return ranked_ids(re.findall(r'href="([^"]+)"', text))


def statuses(model: dict[str, object]) -> object:
    themes = model["themes"]
    assert isinstance(themes, list)
    return [[o["status"] for o in t["outcomes"]] for t in themes]


@pytest.mark.e2e
def test_generate_follows_mkdocs_yml_like_the_plugin_build(tmp_path: Path) -> None:
    root = project(tmp_path / "project", OPTIONS)
    site = build_site(root)
    out = tmp_path / "out"
    code, _, err = generate(root, out)
    assert code == 0 and "error[" not in err  # warnings are printed, as the plugin logs them
    built = json.loads((site / "roadmap.json").read_text(encoding="utf-8"))
    generated = json.loads((out / "roadmap.json").read_text(encoding="utf-8"))
    assert generated == built
    site_order = ranked_ids([a.attrs.get("href", "") for a in
                             read_page(site, "priorities/").find_all("a")])  # fmt: skip
    assert ranked(out) == site_order == ["easy-win", "templates", "big-value"]
    # The file's settings took effect, and flags override them.
    assert statuses(generated)[0][:3] == ["on-track", "on-track", "at-risk"]
    defaults = tmp_path / "defaults"
    flags = (
        "--weights",
        "value=1,viability=1,usability=1,feasibility=1",
        "--thresholds",
        "on_track=0.1,at_risk=0.3",
    )
    assert generate(root, defaults, *flags)[0] == 0
    assert ranked(defaults) == ["big-value", "templates", "easy-win"]  # 4.0, 3.5, 2.0
    model = json.loads((defaults / "roadmap.json").read_text(encoding="utf-8"))
    assert statuses(model)[0][:3] == ["on-track", "at-risk", "off-track"]


def test_nav_yml_lists_the_sections_not_every_page(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    out = tmp_path / "out"
    assert generate(root, out)[0] == 0
    nav = yaml.safe_load((out / "nav.yml").read_text(encoding="utf-8"))["nav"]
    labels = [next(iter(entry)) for entry in nav]
    assert labels[:2] == ["Board", "Themes"]
    assert {"Hypotheses", "KPIs", "Priorities", "Health", "Traceability"} <= set(labels)
    assert "hypotheses/checklist.md" not in json.dumps(nav)
    assert all((out / uri).is_file() for uri in re.findall(r'"([^"]+\.md)"', json.dumps(nav)))
    assert generate(root, out, "--no-nav")[0] == 0
    assert not (out / "nav.yml").exists()


def test_stale_pages_go_and_other_files_stay(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    out = tmp_path / "out"
    (out / "assets").mkdir(parents=True)
    (out / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (out / "notes.md").write_text("# Mine\n", encoding="utf-8")
    assert generate(root, out)[0] == 0
    assert (out / "hypotheses" / "big-value.md").is_file()
    assert (out / "themes" / "scored.md").is_file()
    (root / "roadmap" / "scored.yaml").unlink()
    code, printed, _ = generate(root, out)
    assert code == 0 and "removed 3 stale" in printed
    assert not (out / "hypotheses" / "big-value.md").exists()
    assert not (out / "themes" / "scored.md").exists()
    assert (out / "assets" / "logo.svg").read_text(encoding="utf-8") == "<svg/>"
    assert (out / "notes.md").read_text(encoding="utf-8") == "# Mine\n"
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    listed = {line.split("  ", 1)[1] for line in (out / MANIFEST).read_text().splitlines()
              if not line.startswith("#")}  # fmt: skip
    assert written == listed | {MANIFEST, "assets/logo.svg", "notes.md"}


def test_a_changed_stale_page_is_kept_and_named(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    out = tmp_path / "out"
    assert generate(root, out)[0] == 0
    (out / "themes" / "scored.md").write_text("# My edits\n", encoding="utf-8")
    (root / "roadmap" / "scored.yaml").unlink()
    code, _, err = generate(root, out)
    assert code == 0 and "kept" in err and "scored.md" in err
    assert (out / "themes" / "scored.md").read_text(encoding="utf-8") == "# My edits\n"


def test_a_forged_manifest_cannot_remove_files_outside(tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    out.mkdir()
    digest = hashlib.sha256(b"keep").hexdigest()
    (out / MANIFEST).write_text(f"{digest}  ../victim.txt\n{digest}  {victim}\n", encoding="utf-8")
    assert generate(root, out)[0] == 0
    assert victim.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("where", [".", "docs", "docs/generated", "roadmap", "okrs", ".."])
def test_refuses_the_project_itself(tmp_path: Path, where: str) -> None:
    root = project(tmp_path / "project")
    before = sorted(p.as_posix() for p in tmp_path.rglob("*"))
    code, out, err = generate(root, root / where)
    assert (code, out) == (2, "")
    assert err.startswith("outcomes: refusing to write into ")
    assert sorted(p.as_posix() for p in tmp_path.rglob("*")) == before


def test_refuses_a_configured_yaml_folder(tmp_path: Path) -> None:
    root = project(tmp_path / "project", "      okrs_dir: plans\n")
    code, _, err = generate(root, root / "plans")
    assert code == 2 and err == "outcomes: refusing to write into plans/; choose another folder\n"


def test_bad_settings_in_mkdocs_yml_are_usage_errors(tmp_path: Path) -> None:
    root = project(tmp_path / "project", "      dot_timeout: 0\n")
    code, _, err = generate(root, tmp_path / "out")
    assert code == 2
    assert err.endswith(
        "mkdocs.yml: the outcomes plugin's dot_timeout 0 is not a number of seconds up to 3600\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--dot-timeout", "0", "argument --dot-timeout: '0' is not a number of seconds"),
        ("--weights", "value", "argument --weights: 'value' is not a mapping"),
        ("--thresholds", "on_track=2", "argument --thresholds: 'on_track=2' is not a mapping"),
        ("--audience", "all", "argument --audience: invalid choice: 'all'"),
    ],
)
def test_flags_are_checked_like_options(
    tmp_path: Path, flag: str, value: str, message: str
) -> None:
    code, _, err = generate(project(tmp_path / "project"), tmp_path / "out", flag, value)
    assert code == 2 and message in err, err


def test_every_setting_has_a_flag_on_generate() -> None:
    from outcomes.settings import OPTIONS

    _, text, _ = run("generate", "--help")
    flags = set(re.findall(r"--(?:\[no-\])?([a-z-]+)", text))
    assert {name.replace("_", "-") for name in OPTIONS} - {"enabled"} <= flags | {
        name for name in ("nav", "history") if f"--no-{name}" in text
    }

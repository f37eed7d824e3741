"""Tests of the graphviz diagrams: golden DOT, escaping, links, SVG safety, dot's failures.

Golden files live in tests/render/golden_dot/; refresh them after an intended change with
`OUTCOMES_UPDATE_GOLDEN=1 pytest tests/render` and review the diff like code. The DOT
text is deterministic, so the comparison is exact; the SVG depends on the installed
Graphviz and fonts, so SVG tests assert properties, not bytes.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldens import assert_golden
from outcomes.diagnostics import Severity
from outcomes.load.project import Layout
from outcomes.model.roadmap import Roadmap
from outcomes.pipeline import analyse
from outcomes.render.diagrams import (
    MAX_HYPOTHESES_PER_GROUP,
    DiagramResult,
    dot_string,
    embeddable_svg,
    journey_dot,
    render_svg,
    traceability_dot,
    traceability_parts,
)
from outcomes.render.diagrams.journey import STEPS_PER_ROW

GOLDEN = Path(__file__).parent / "golden_dot"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
AS_OF = datetime.date(2026, 11, 22)
HAS_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")

HOSTILE = 'Say "hi" \\ <b>x</b> {{ 7*7 }} & &lt;i&gt;\nnext line \\l \\N \\G end\\'
"""Quotes, backslashes, HTML, a template, entities, a newline and dot's own escapes."""


# --------------------------------------------------------------------------- fixtures


def link_for(kind: str, ident: str) -> str:
    """Links as the journey and traceability pages would make them (two levels deep)."""
    if kind == "step":
        journey, step = ident.split("/")
        return f"../../journeys/{journey}/#step-{step}"
    if kind == "objective":
        period, objective = ident.split("/")
        return f"../../okrs/{period.lower()}/#{objective}"
    if kind == "okr":
        return f"../../okrs/{ident.lower()}/"
    folder = {"hypothesis": "hypotheses", "kpi": "kpis", "theme": "themes"}[kind]
    return f"../../{folder}/{ident}/"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


KPIS = """\
kpis:
  - id: week1-invite-rate
    name: Week-1 invite rate
    unit: percent
    direction: increase
  - id: trial-to-paid-rate
    name: Trial-to-paid conversion
    unit: percent
    direction: increase
    cadence: monthly
  - id: time-to-first-thread
    name: Time to first answered thread
    unit: hours
    direction: decrease
"""

OKRS = """\
period: 2026-Q4
objectives:
  - id: first-week-success
    title: New teams succeed in their first week
    themes: [onboarding]
    key_results:
      - id: invites
        kpi: week1-invite-rate
        baseline: 0.38
        target: 0.50
      - id: first-thread
        kpi: time-to-first-thread
        baseline: 30
        target: 20
"""


def journey_yaml(step_title: str = "First run", stage_title: str = "Set up") -> str:
    return f"""\
id: new-team
title: A new team's first week
persona: Workspace admin
stages:
  - id: discover
    title: Discover
    steps:
      - id: signup
        title: Sign up
        actions: [compares plans, starts a trial]
        touchpoints: [pricing page]
        emotion: 1
        boosters: [sees a template for their use case]
        blockers: [asked for a credit card]
        kpis: [trial-to-paid-rate]
  - id: set-up
    title: {q(stage_title)}
    steps:
      - id: first-run
        title: {q(step_title)}
        emotion: -2
        boosters: [{q(step_title)}]
        blockers: [empty workspace]
        kpis: [week1-invite-rate, time-to-first-thread]
      - id: invite
        title: Invite teammates
        emotion: 0
        kpis: [week1-invite-rate]
  - id: later
    title: Later
"""


def theme_yaml(hypothesis_title: str = "Guided setup checklist") -> str:
    return f"""\
id: onboarding
title: New teams reach value in their first week
horizon: now
outcomes:
  - kpi: week1-invite-rate
    baseline: 0.38
    target: 0.55
    from: 2026-07-01
    by: 2027-03-31
hypotheses:
  - id: setup-checklist
    title: {q(hypothesis_title)}
    status: testing
    we_believe: a setup checklist on the first-run screen
    for: workspace admins
    will_result_in: more admins inviting a teammate in week one
    measured_by: {{kpi: week1-invite-rate, expect: 0.45}}
    journey_steps: [new-team/first-run, new-team/invite]
    experiments:
      - {{title: 50% rollout, start: 2026-10-01, end: 2026-10-28}}
  - id: sample-workspace
    title: Sample workspace to explore first
    status: invalidated
    we_believe: a pre-filled sample workspace
    for: workspace admins
    will_result_in: a faster first answered thread
    measured_by: {{kpi: time-to-first-thread, expect: 20}}
    journey_steps: [new-team/first-run]
  - id: templates
    title: Templates for common team types
    status: planned
    we_believe: templates per team type
    for: new admins
    will_result_in: fuller workspaces on day one
    measured_by: {{kpi: week1-invite-rate, expect: 0.45}}
    journey_steps: [new-team/signup]
  - id: invite-nudge
    title: Day-two nudge to invite
    status: idea
    we_believe: an email on day two
    for: admins who have not invited anyone
    will_result_in: more invites
"""


def write_project(
    root: Path,
    *,
    step_title: str = "First run",
    stage_title: str = "Set up",
    hypothesis_title: str = "Guided setup checklist",
    extra_themes: dict[str, str] | None = None,
    extra_journeys: dict[str, str] | None = None,
) -> Roadmap:
    """A small valid project in `root`, analysed on AS_OF; fails on any error."""
    (root / "roadmap").mkdir(parents=True)
    (root / "journeys").mkdir()
    (root / "okrs" / "measurements").mkdir(parents=True)
    (root / "okrs" / "kpis.yaml").write_text(KPIS, encoding="utf-8")
    (root / "okrs" / "2026-q4.yaml").write_text(OKRS, encoding="utf-8")
    (root / "journeys" / "new-team.yaml").write_text(
        journey_yaml(step_title, stage_title), encoding="utf-8"
    )
    (root / "roadmap" / "onboarding.yaml").write_text(
        theme_yaml(hypothesis_title), encoding="utf-8"
    )
    for name, text in (extra_themes or {}).items():
        (root / "roadmap" / f"{name}.yaml").write_text(text, encoding="utf-8")
    for name, text in (extra_journeys or {}).items():
        (root / "journeys" / f"{name}.yaml").write_text(text, encoding="utf-8")
    series = {
        "week1-invite-rate": [("2026-10-05", 0.40), ("2026-11-16", 0.47)],
        "trial-to-paid-rate": [("2026-09-30", 0.12), ("2026-10-31", 0.13)],
        "time-to-first-thread": [("2026-10-05", 28.0), ("2026-11-16", 24.5)],
    }
    for kpi, rows in series.items():
        lines = ["date,value", *(f"{d},{v}" for d, v in rows)]
        (root / "okrs" / "measurements" / f"{kpi}.csv").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    roadmap, problems = analyse(Layout(root), AS_OF)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    assert not errors, errors
    return roadmap


@pytest.fixture
def roadmap(tmp_path: Path) -> Roadmap:
    return write_project(tmp_path)


@pytest.fixture
def hostile(tmp_path: Path) -> Roadmap:
    return write_project(
        tmp_path, step_title=HOSTILE, stage_title=HOSTILE, hypothesis_title=HOSTILE
    )


def golden(name: str, actual: str) -> None:
    assert_golden(GOLDEN / name, actual)


def svg_of(dot_source: str) -> str:
    result = render_svg(dot_source)
    assert result.problem is None, result.problem
    assert result.svg is not None
    return result.svg


def texts(svg: str) -> str:
    """Every line of text drawn in the SVG, joined by spaces (labels wrap at spaces)."""
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", svg))
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def hrefs(svg: str) -> set[str]:
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", svg))
    found = set()
    for anchor in root.iter(f"{SVG}a"):
        href = anchor.get("href") or anchor.get(XLINK_HREF)
        if href:
            found.add(href)
    return found


def assert_inert(svg: str) -> None:
    """Well-formed, nothing executable: no script, no on* handler, no javascript: URL.

    Text may *say* "javascript:" (a hostile title is shown literally); no attribute may.
    """
    root = ET.fromstring(svg)
    assert "<script" not in svg.lower()
    assert not re.search(r"\son[a-z]+\s*=", svg, re.IGNORECASE)
    for element in root.iter():
        assert not element.tag.endswith(("script", "foreignObject", "image", "use"))
        for key, value in element.attrib.items():
            assert not key.lower().startswith("on"), (element.tag, key)
            assert "javascript:" not in value.lower()
            assert not value.lower().startswith("data:")


# --------------------------------------------------------------------------- golden DOT


def test_journey_dot_matches_golden(roadmap: Roadmap) -> None:
    golden("journey-new-team.dot", journey_dot(roadmap.journeys["new-team"], roadmap, link_for))


def test_traceability_dot_matches_golden(roadmap: Roadmap) -> None:
    golden("traceability.dot", traceability_dot(roadmap, link_for))


def test_hostile_journey_dot_matches_golden(hostile: Roadmap) -> None:
    """The escaping of every awkward character, reviewable in one file."""
    golden("journey-hostile.dot", journey_dot(hostile.journeys["new-team"], hostile, link_for))


def test_dot_is_deterministic(tmp_path: Path) -> None:
    first = write_project(tmp_path / "a")
    second = write_project(tmp_path / "b")
    journey = journey_dot(first.journeys["new-team"], first, link_for)
    assert journey == journey_dot(second.journeys["new-team"], second, link_for)
    assert traceability_dot(first, link_for) == traceability_dot(second, link_for)


def test_node_ids_derive_from_our_ids(roadmap: Roadmap) -> None:
    dot = journey_dot(roadmap.journeys["new-team"], roadmap, link_for)
    for step in ("signup", "first-run", "invite"):
        assert f'"s_new-team__{step}" [' in dot
    assert '"s_new-team__signup" -> "s_new-team__first-run" [' in dot
    # Across stages too, and in the journey's order.
    assert '"s_new-team__first-run" -> "s_new-team__invite" [' in dot
    assert '"cluster_st_later"' in dot  # a stage without steps still has its column


ALLOWED_ATTRIBUTES = {
    "arrowhead", "arrowsize", "bgcolor", "class", "color", "compound", "dir", "fillcolor",
    "fontcolor", "fontname", "fontsize", "label", "labeljust", "labelloc", "lhead", "ltail",
    "margin", "minlen", "nodesep", "penwidth", "rankdir", "ranksep", "shape", "style",
    "tooltip", "URL", "weight", "width", "height", "newrank", "outputorder", "pad", "rank",
    "remincross",
}  # fmt: skip


@pytest.mark.parametrize("which", ["journey", "traceability"])
def test_dot_uses_only_our_attributes(hostile: Roadmap, which: str) -> None:
    """Outside quoted strings, the only names are ours: no image, shapefile, fontpath..."""
    if which == "journey":
        dot = journey_dot(hostile.journeys["new-team"], hostile, link_for)
    else:
        dot = traceability_dot(hostile, link_for)
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', '""', dot)
    names = set(re.findall(r"([A-Za-z_]+)\s*=", unquoted))
    assert names <= ALLOWED_ATTRIBUTES, names - ALLOWED_ATTRIBUTES
    assert "<" not in unquoted  # no HTML-like label anywhere
    for forbidden in ("image", "shapefile", "fontpath", "imagepath", "href"):
        assert forbidden not in names


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("plain", '"plain"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("ends\\", '"ends\\\\"'),
        (
            "left \\l right \\r name \\N graph \\G",
            '"left \\\\l right \\\\r name \\\\N graph \\\\G"',
        ),
        ("two\nlines", '"two\\nlines"'),
        ("cr\r\nlf", '"cr\\nlf"'),
        ("<b>x</b>", '"<b>x</b>"'),
        ("AT&T &lt;", '"AT&amp;T &amp;lt;"'),
        ("nul\x00bell\x07esc\x1b del\x7f c1\x85", '"nulbellesc del c1"'),
        ("bidi \u202eevil\u202c", '"bidi evil"'),
        ("tab\there", '"tab here"'),
    ],
)
def test_dot_string(text: str, quoted: str) -> None:
    assert dot_string(text) == quoted


@needs_dot
def test_hostile_labels_are_drawn_literally(hostile: Roadmap) -> None:
    journey = hostile.journeys["new-team"]
    svg = svg_of(journey_dot(journey, hostile, link_for))
    drawn = texts(svg)
    one_line = " ".join(HOSTILE.split())
    # Step title, booster, stage title and hypothesis title are all the hostile text.
    assert drawn.count(one_line) >= 3, drawn
    assert "49" not in drawn
    # In the markup, the HTML is escaped text, never elements.
    assert "&lt;b&gt;x&lt;/b&gt;" in svg
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", svg))
    assert not [e for e in root.iter() if e.tag in (f"{SVG}b", "b", f"{SVG}i", "i")]
    embedded = embeddable_svg(svg, HOSTILE, HOSTILE)
    assert_inert(embedded)
    assert texts(embedded).count(one_line) >= 3
    # The tooltip of the step keeps the text too (as a <title> of its link).
    titles = ["".join(t.itertext()) for t in ET.fromstring(embedded).iter(f"{SVG}title")]
    assert any(one_line in t for t in titles)


@needs_dot
def test_label_cannot_break_out_of_its_string(tmp_path: Path) -> None:
    """A title that tries to close the string and add attributes stays one label."""
    attack = 'x\\" URL="javascript:alert(1)" image="/etc/passwd" label="pwned'
    roadmap = write_project(tmp_path, step_title=attack)
    dot = journey_dot(roadmap.journeys["new-team"], roadmap, link_for)
    svg = svg_of(dot)
    assert "javascript:" not in " ".join(hrefs(svg))
    assert "<image" not in svg
    assert " ".join(attack.split()) in texts(svg)  # drawn as text, literally
    embedded = embeddable_svg(svg, "t", "d")
    assert_inert(embedded)
    assert "javascript:" not in " ".join(hrefs(embedded))


def visible(text: str) -> str:
    """What a label should show: the text without control or invisible format characters."""
    dropped = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufffe\uffff"
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r"
        or (unicodedata.category(ch) not in ("Cc", "Co", "Cs") and ch not in dropped)
    )


@needs_dot
@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=60))  # any text but surrogates
def test_any_text_renders_as_itself(text: str) -> None:
    """Random text in a label and a tooltip: dot parses it and draws it unchanged."""
    source = (
        "digraph g {\n"
        f'  a [label={dot_string(text)}, tooltip={dot_string(text)}, URL="../x/"];\n'
        "}\n"
    )
    result = render_svg(source)
    assert result.problem is None, (text, result.problem)
    assert result.svg is not None
    assert " ".join(texts(result.svg).split()) == " ".join(visible(text).split())
    assert_inert(embeddable_svg(result.svg, text, text))


# --------------------------------------------------------------------------- links


@needs_dot
def test_journey_svg_links_every_targeting_hypothesis(roadmap: Roadmap) -> None:
    journey = roadmap.journeys["new-team"]
    svg = svg_of(journey_dot(journey, roadmap, link_for))
    embedded = embeddable_svg(svg, journey.definition.title, "The journey map.")
    targeting = {h for step in journey.steps for h in step.hypotheses}
    assert targeting == {"setup-checklist", "sample-workspace", "templates"}
    for found in (hrefs(svg), hrefs(embedded)):
        for hypothesis in targeting:
            assert link_for("hypothesis", hypothesis) in found
        for kpi in ("week1-invite-rate", "trial-to-paid-rate", "time-to-first-thread"):
            assert link_for("kpi", kpi) in found
    assert embedded.count("<a ") >= len(targeting)


def test_step_links_to_its_only_hypothesis_or_its_anchor(roadmap: Roadmap) -> None:
    dot = journey_dot(roadmap.journeys["new-team"], roadmap, link_for)

    def url_of(node: str) -> str:
        match = re.search(rf'^\s*"{node}" \[.*URL="([^"]*)"', dot, re.MULTILINE)
        assert match, node
        return match.group(1)

    # signup: one hypothesis (templates); first-run: two; invite: one.
    assert url_of("s_new-team__signup") == link_for("hypothesis", "templates")
    assert url_of("s_new-team__first-run") == link_for("step", "new-team/first-run")
    assert url_of("s_new-team__invite") == link_for("hypothesis", "setup-checklist")
    for hypothesis in ("setup-checklist", "sample-workspace"):
        assert url_of(f"s_new-team__first-run__hyp_{hypothesis}") == link_for(
            "hypothesis", hypothesis
        )


def test_unsafe_links_from_link_for_are_dropped(roadmap: Roadmap) -> None:
    def hostile_link(kind: str, ident: str) -> str:
        return "javascript:alert(1)" if kind == "hypothesis" else "data:text/html,x"

    dot = journey_dot(roadmap.journeys["new-team"], roadmap, hostile_link)
    dot += traceability_dot(roadmap, hostile_link)
    assert "javascript:" not in dot
    assert "data:" not in dot
    assert "URL=" not in dot


@needs_dot
def test_traceability_links_every_entity(roadmap: Roadmap) -> None:
    svg = svg_of(traceability_dot(roadmap, link_for))
    found = hrefs(embeddable_svg(svg, "Traceability", "Objectives to themes."))
    expected = {
        link_for("okr", "2026-Q4"),
        link_for("objective", "2026-Q4/first-week-success"),
        link_for("theme", "onboarding"),
        *(link_for("hypothesis", h) for h in roadmap.hypotheses),
        # KPIs used by a key result, an outcome or a hypothesis (not journey-only ones).
        *(link_for("kpi", k) for k in ("week1-invite-rate", "time-to-first-thread")),
    }
    assert expected <= found, expected - found
    assert link_for("kpi", "trial-to-paid-rate") not in found


def test_traceability_edges_run_through_the_kpis(roadmap: Roadmap) -> None:
    dot = traceability_dot(roadmap, link_for)
    assert '"obj_2026-q4__first-week-success" -> "kr_2026-q4__first-week-success__invites";' in dot
    assert '"kr_2026-q4__first-week-success__invites" -> "k_week1-invite-rate";' in dot
    # Right-hand side: drawn reversed so KPIs sit in the middle column.
    assert '"k_week1-invite-rate" -> "o_onboarding__0" [dir="back"];' in dot
    assert '"o_onboarding__0" -> "t_onboarding" [dir="back"];' in dot
    assert re.search(
        r'"k_week1-invite-rate" -> "h_[a-z-]+" \[dir="back", '
        r'lhead="cluster_h_onboarding__week1-invite-rate"\];',
        dot,
    )
    # A hypothesis without a KPI is grouped under its theme only.
    assert '"cluster_h_onboarding__none"' in dot
    assert '"h_invite-nudge" -> "t_onboarding"' in dot


def test_traceability_has_a_graph_per_objective_then_the_other_themes(
    tmp_path: Path,
) -> None:
    lonely = (
        "id: lonely\ntitle: Nobody's objective\nhorizon: later\nhypotheses:\n"
        "  - id: lonely-bet\n    title: A bet on nothing measured\n    status: idea\n"
        "    we_believe: a\n    for: b\n    will_result_in: c\n"
    )
    roadmap = write_project(tmp_path, extra_themes={"lonely": lonely})
    parts = traceability_parts(roadmap, link_for)
    assert [p.anchor for p in parts] == ["objective-2026-q4-first-week-success", "other-themes"]
    first, rest = parts
    assert first.period == "2026-Q4" and rest.period is None
    # The objective's key results, their KPIs and the onboarding theme's bets on them.
    assert '"kr_invites" -> "k_week1-invite-rate";' in first.dot
    assert '"k_week1-invite-rate" -> "o_onboarding__0" [dir="back"];' in first.dot
    assert '"cluster_t_onboarding"' in first.dot and "lonely" not in first.dot
    # A key result reads as its KPI, not its id.
    assert "Key result: " in first.dot and "KR invites" not in first.dot
    assert '"cluster_t_lonely"' in rest.dot and '"h_lonely-bet"' in rest.dot


def test_traceability_graphs_are_three_columns_at_most(roadmap: Roadmap) -> None:
    """The width of a graph is bounded by its columns: key results, KPIs, themes' boxes."""
    for part in traceability_parts(roadmap, link_for):
        assert 'rankdir="LR"' in part.dot
        for label in re.findall(r'label="([^"]*)"', part.dot):
            # Wrapped lines ("\\n" in DOT) stay short, so each column stays narrow.
            assert all(len(line) <= 40 for line in label.split("\\n")), label


def test_journey_rows_hold_at_most_a_few_steps(tmp_path: Path) -> None:
    steps = "".join(f"      - id: s{i}\n        title: Step {i}\n" for i in range(7))
    journey = f"id: wide\ntitle: Wide\nstages:\n  - id: only\n    title: Only\n    steps:\n{steps}"
    roadmap = write_project(tmp_path, extra_journeys={"wide": journey})
    dot = journey_dot(roadmap.journeys["wide"], roadmap, link_for)
    assert 'rankdir="TB"' in dot
    same = [line for line in dot.splitlines() if "rank=same" in line]
    rows = [re.findall(r'"(s_wide__s\d)"', line) for line in same]
    assert [len(r) for r in rows] == [STEPS_PER_ROW, STEPS_PER_ROW]  # 3 + 3, then 1 alone
    assert [s for r in rows for s in r] == [f"s_wide__s{i}" for i in range(6)]


def test_traceability_caps_large_hypothesis_groups(tmp_path: Path) -> None:
    count = MAX_HYPOTHESES_PER_GROUP + 5
    hypotheses = "".join(
        f"""\
  - id: bet-{i:02d}
    title: Bet number {i}
    status: {"testing" if i % 2 else "idea"}
    we_believe: change {i}
    for: everyone
    will_result_in: more invites
    measured_by: {{kpi: week1-invite-rate, expect: 0.5}}
"""
        for i in range(count)
    )
    many = f"id: growth\ntitle: Grow\nhorizon: next\nhypotheses:\n{hypotheses}"
    roadmap = write_project(tmp_path, extra_themes={"growth": many})
    dot = traceability_dot(roadmap, link_for)
    drawn = re.findall(r'^\s*"h_bet-\d+" \[', dot, re.MULTILINE)
    assert len(drawn) == MAX_HYPOTHESES_PER_GROUP
    assert '"more_growth__week1-invite-rate"' in dot
    assert "+ 5 more hypotheses" in dot
    # Open bets being tested come first.
    assert all(f'"h_bet-{i:02d}" [' in dot for i in range(1, count, 2))


# --------------------------------------------------------------------------- embedding


@needs_dot
def test_embeddable_svg_is_accessible_responsive_and_inert(roadmap: Roadmap) -> None:
    journey = roadmap.journeys["new-team"]
    raw = svg_of(journey_dot(journey, roadmap, link_for))
    svg = embeddable_svg(raw, "A new team's <first> week", 'Stages "left" to right.')
    assert not svg.startswith("<?xml")
    assert "<!DOCTYPE" not in svg
    assert "<!--" not in svg
    assert "xlink:" not in svg
    assert_inert(svg)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "group"  # it holds links
    assert root.get("width") == "100%"
    assert root.get("height") is None
    raw_root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", raw))
    assert root.get("viewBox") == raw_root.get("viewBox")
    assert re.fullmatch(r"width: [0-9.]+pt; height: auto", root.get("style", ""))
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id"), title.text) == (
        f"{SVG}title",
        title_id,
        "A new team's <first> week",
    )
    assert (desc.tag, desc.get("id"), desc.text) == (
        f"{SVG}desc",
        desc_id,
        'Stages "left" to right.',
    )
    # Deterministic: the same input gives the same markup (and the same ids).
    assert svg == embeddable_svg(raw, "A new team's <first> week", 'Stages "left" to right.')


def test_embeddable_svg_strips_anything_executable() -> None:
    hostile = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz -->
<svg width="120pt" height="40pt" viewBox="0.00 0.00 120.00 40.00" onload="alert(1)"
 xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<script>alert(1)</script>
<style>* { background: url(javascript:alert(1)) }</style>
<g id="graph0" class="graph" onclick="alert(2)" style="fill: red">
<title>G</title>
<a xlink:href="javascript:alert(3)" xlink:title="evil"><text x="1" y="2">click</text></a>
<a xlink:href="JaVaScRiPt:alert(4)"><text>also</text></a>
<a href="data:text/html,&lt;script&gt;alert(5)&lt;/script&gt;"><text>data</text></a>
<a xlink:href="../../hypotheses/ok/" target="_blank"><text>fine</text></a>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
<image xlink:href="/etc/passwd"/>
<use xlink:href="#graph0"/>
<set attributeName="onmouseover" to="alert(6)"/>
<animate attributeName="href" to="javascript:alert(7)"/>
</g>
</svg>
"""
    svg = embeddable_svg(hostile, "t", "d")
    assert_inert(svg)
    for gone in ("alert", "style=\"fill", "<style", "foreignObject", "<image", "<use", "<set",
                 "<animate", "target=", "passwd"):  # fmt: skip
        assert gone not in svg, gone
    assert hrefs(svg) == {"../../hypotheses/ok/"}
    assert "click" in texts(svg) and "fine" in texts(svg)


@pytest.mark.parametrize(
    "broken", ["<svg", "<html><body/></html>", "", "<!DOCTYPE x [<!ENTITY a 'b'>]><svg/>"]
)
def test_embeddable_svg_never_raises(broken: str) -> None:
    svg = embeddable_svg(broken, "Journey map", "What it shows.")
    assert_inert(svg)
    root = ET.fromstring(svg)
    assert [child.tag for child in root] == [f"{SVG}title", f"{SVG}desc"]
    assert root.get("role") == "img"  # nothing to link: a plain image


# --------------------------------------------------------------------------- running dot


def big_graph(nodes: int = 3_000) -> str:
    edges = "\n".join(f'  "n{i}" -> "n{(i * 7 + 1) % nodes}";' for i in range(nodes))
    return f"digraph big {{\n{edges}\n}}\n"


@needs_dot
def test_render_svg_times_out_without_raising() -> None:
    result = render_svg(big_graph(), timeout=0.001)
    assert result == DiagramResult(None, "dot timed out after 0.001 s; the graph is too large")


def test_render_svg_without_dot_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = render_svg("digraph g { a -> b; }")
    assert result.svg is None
    assert result.problem is not None
    assert result.problem.startswith("Graphviz's dot is not installed")
    assert "apt-get install graphviz" in result.problem


@needs_dot
def test_render_svg_reports_dots_first_error_line() -> None:
    result = render_svg("digraph g { a -> ; }")
    assert result.svg is None
    assert result.problem is not None
    assert result.problem.startswith("dot failed: ")
    assert "syntax error" in result.problem
    assert "\n" not in result.problem


@needs_dot
def test_six_stage_thirty_step_journey_renders(tmp_path: Path) -> None:
    """The size benchmarked in the module's notes renders with every link."""
    stages = "".join(
        f"""\
  - id: stage-{s}
    title: Stage {s}
    steps:
"""
        + "".join(
            f"""\
      - id: step-{s}-{t}
        title: Step {t} of stage {s}
        emotion: {(s + t) % 5 - 2}
        boosters: [a booster for step {t}, another booster]
        blockers: [a blocker for step {t}]
        kpis: [week1-invite-rate]
"""
            for t in range(5)
        )
        for s in range(6)
    )
    refs = ", ".join(f"big/step-{s}-{t}" for s in range(6) for t in range(5))
    bets = f"""\
id: big-bets
title: Big bets
horizon: next
hypotheses:
  - id: bet-a
    title: Bet A
    status: idea
    we_believe: a
    for: b
    will_result_in: c
    journey_steps: [{refs}]
  - id: bet-b
    title: Bet B
    status: idea
    we_believe: a
    for: b
    will_result_in: c
    journey_steps: [big/step-0-0, big/step-5-4]
"""
    roadmap = write_project(
        tmp_path,
        extra_themes={"big-bets": bets},
        extra_journeys={"big": f"id: big\ntitle: Big\nstages:\n{stages}"},
    )
    journey = roadmap.journeys["big"]
    assert len(journey.steps) == 30
    svg = svg_of(journey_dot(journey, roadmap, link_for))
    found = hrefs(svg)
    assert {link_for("hypothesis", "bet-a"), link_for("hypothesis", "bet-b")} <= found
    assert link_for("step", "big/step-0-0") in found  # two hypotheses: the step's anchor
    assert link_for("hypothesis", "bet-a") in found

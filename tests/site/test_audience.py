"""Proof, not hope: a public build holds no internal entity and no confidential value.

Every internal entity of the corpus carries the marker `zqx` (in its id and title) and
every value of the confidential KPI lies between 7373 and 7374, so a leak anywhere in
the output (a page, the search index, the sitemap and its gzip'd copy, `roadmap.json`,
an SVG chart, journey map or traceability diagram) is found by reading every file
MkDocs wrote. The same corpus built for the internal audience shows every marker, so
the test cannot pass by reading nothing. The demo is checked the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from outcomes.adapters.cli import main
from sitekit import MKDOCS_YML, build_site, output_texts, write_files

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
# Files of the theme itself (Material's scripts, styles and fonts): not from the roadmap.
VALUE = re.compile(r"7,?37[34]")  # any rendering of a confidential value: 7373.1, 7,373
NAME = "zqx"

CORPUS: dict[str, str] = {
    "docs/about.md": "# About\n",
    "okrs/teams.yaml": """
        teams:
          - id: growth
            name: Growth
    """,
    "okrs/kpis.yaml": """
        kpis:
          - id: activation
            name: Activation rate
            unit: percent
            direction: increase
          - id: revenue
            name: Expansion revenue
            unit: score
            direction: increase
            confidential: true
          - id: zqx-margin
            name: Zqx gross margin
            unit: percent
            direction: increase
            visibility: internal
    """,
    "okrs/measurements/activation.csv": "date,value\n2026-09-01,0.31\n2026-11-01,0.36\n",
    "okrs/measurements/revenue.csv": (
        "date,value\n2026-09-01,7373.1\n2026-10-01,7373.4\n2026-11-01,7373.7\n"
    ),
    "okrs/measurements/zqx-margin.csv": "date,value\n2026-09-01,0.61\n2026-11-01,0.63\n",
    "okrs/2026-Q4.yaml": """
        period: 2026-Q4
        objectives:
          - id: grow
            title: Teams grow their workspace
            themes: [activation-theme]
            key_results:
              - id: revenue-up
                kpi: revenue
                baseline: 7373.1
                target: 7373.9
          - id: zqx-objective
            title: Zqx protect the margin
            visibility: internal
            themes: [zqx-theme]
            key_results:
              - id: zqx-margin-up
                kpi: zqx-margin
                target: 0.7
    """,
    "journeys/first-week.yaml": """
        id: first-week
        title: A team's first week
        stages:
          - id: start
            title: Start
            steps:
              - id: invite
                title: Invite a teammate
                kpis: [activation]
    """,
    "journeys/zqx-journey.yaml": """
        id: zqx-journey
        title: Zqx renewal negotiation
        visibility: internal
        stages:
          - id: talk
            title: Talk
            steps:
              - id: zqx-step
                title: Zqx discount asked
    """,
    "roadmap/activation-theme.yaml": """
        id: activation-theme
        title: New teams invite their colleagues in week one
        horizon: now
        owner: growth
        outcomes:
          - kpi: activation
            baseline: 0.30
            target: 0.45
            from: 2026-09-01
            by: 2027-03-31
          - kpi: revenue
            target: 7373.9
            from: 2026-09-01
            by: 2027-03-31
        hypotheses:
          - id: invite-prompt
            title: Invite prompt after the first message
            status: testing
            we_believe: a prompt to invite a colleague after the first message
            for: new workspace admins
            will_result_in: more admins inviting a teammate in week one
            journey_steps: [first-week/invite]
            measured_by:
              kpi: revenue
              expect: 7373.8
              kill: 7373.2
            guardrails:
              - kpi: revenue
                limit: 7373.0
            decide_by: 2026-12-15
            experiments:
              - title: Half of new workspaces
                start: 2026-09-01
                end: 2026-10-30
                readout: {control: 7373.3, treatment: 7373.6, interval: [0.1, 0.5]}
          - id: zqx-pricing-bet
            title: Zqx raise the seat price
            status: idea
            visibility: internal
            we_believe: a higher seat price
            for: new workspaces
            will_result_in: more revenue per workspace
            journey_steps: [first-week/invite]
    """,
    "roadmap/zqx-theme.yaml": """
        id: zqx-theme
        title: Zqx margins recover
        horizon: next
        owner: growth
        visibility: internal
        outcomes:
          - kpi: zqx-margin
            target: 0.7
            by: 2027-06-30
        hypotheses:
          - id: zqx-vendor-switch
            title: Zqx cheaper hosting vendor
            status: planned
            we_believe: moving to a cheaper vendor
            for: finance
            will_result_in: a higher gross margin
            journey_steps: [zqx-journey/zqx-step]
    """,
}


def _project(root: Path, audience: str) -> Path:
    yml = MKDOCS_YML.replace("      as_of:", f"      audience: {audience}\n      as_of:")
    yml = "site_url: https://example.com/roadmap/\n" + yml  # MkDocs lists pages in the sitemap
    write_files(root, {"mkdocs.yml": yml, **CORPUS})
    return root


def leaks(texts: dict[str, str], names: tuple[str, ...], values: re.Pattern[str]) -> list[str]:
    found = []
    for rel, text in texts.items():
        lowered = text.lower()
        found += [f"{rel}: {name}" for name in names if name in lowered or name in rel]
        found += [f"{rel}: {m.group(0)}" for m in values.finditer(text)]
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    built = {}
    for audience in ("public", "internal"):
        root = _project(tmp_path_factory.mktemp(audience), audience)
        built[audience] = output_texts(build_site(root))
    return built


def test_a_public_build_leaks_no_internal_entity_and_no_confidential_value(
    sites: dict[str, dict[str, str]],
) -> None:
    public = sites["public"]
    kinds = {rel.rsplit(".", 1)[-1] for rel in public}
    assert {"html", "json", "xml", "gz"} <= kinds  # the search index, the sitemap, zipped
    assert leaks(public, (NAME,), VALUE) == []


def test_the_same_corpus_built_internally_shows_every_marker(
    sites: dict[str, dict[str, str]],
) -> None:
    internal = sites["internal"]
    everything = "\n".join(internal.values()).lower()
    for marker in ("zqx-theme", "zqx-pricing-bet", "zqx-vendor-switch", "zqx-margin",
                   "zqx-journey", "zqx protect the margin", "7373.7"):  # fmt: skip
        assert marker in everything, marker
    assert "sitemap.xml.gz" in internal and "zqx-theme" in internal["sitemap.xml.gz"]
    assert "zqx" in internal["search/search_index.json"].lower()
    assert VALUE.search(internal["search/search_index.json"])
    assert VALUE.search(internal["roadmap.json"])


def test_a_confidential_kpi_keeps_its_name_progress_and_status(
    sites: dict[str, dict[str, str]],
) -> None:
    exported = json.loads(sites["public"]["roadmap.json"])
    kpis = {k["id"]: k for k in exported["kpis"]}
    assert sorted(kpis) == ["activation", "revenue"]
    assert kpis["revenue"] | {"used_by": None} == {
        "id": "revenue", "name": "Expansion revenue", "unit": "score",
        "direction": "increase", "cadence": "weekly", "owner": None, "latest": None,
        "trend": None, "stale": True, "confidential": True, "values": 0, "used_by": None,
    }  # fmt: skip
    assert kpis["revenue"]["used_by"] == [
        "theme:activation-theme", "hypothesis:invite-prompt", "okr:2026-Q4/grow/revenue-up",
    ]  # fmt: skip
    theme = exported["themes"][0]
    assert [t["id"] for t in exported["themes"]] == ["activation-theme"]
    assert theme["hypotheses"] == ["invite-prompt"]
    revenue = theme["outcomes"][1]
    assert (revenue["baseline"], revenue["target"], revenue["latest"]) == (None, None, None)
    assert revenue["progress"] == pytest.approx(0.75) and revenue["status"] != "no-data"
    assert [s["hypotheses"] for j in exported["journeys"] for s in j["steps"]] == [
        ["invite-prompt"]
    ]
    page = sites["public"]["kpis/revenue/index.html"]
    assert "Expansion revenue" in page and "are confidential" in page
    assert "outcomes-chart" not in page  # no chart, so no axis and no data table
    assert "outcomes-chart" in sites["internal"]["kpis/revenue/index.html"]


def test_counts_follow_the_audience(sites: dict[str, dict[str, str]]) -> None:
    public = json.loads(sites["public"]["roadmap.json"])
    internal = json.loads(sites["internal"]["roadmap.json"])
    assert [len(public[k]) for k in ("themes", "hypotheses", "kpis", "journeys")] == [1, 1, 2, 1]
    assert [len(internal[k]) for k in ("themes", "hypotheses", "kpis", "journeys")] == [
        2, 3, 3, 2,
    ]  # fmt: skip


def test_export_and_generate_take_the_audience(tmp_path: Path) -> None:
    root = _project(tmp_path / "p", "internal")
    out = tmp_path / "out.json"
    with out.open("w", encoding="utf-8") as stream:
        assert main(["export", str(root), "--audience", "public"], out=stream) == 0
    text = out.read_text(encoding="utf-8")
    assert NAME not in text.lower() and not VALUE.search(text)
    assert "7373.7" in _export(root, "internal", tmp_path)
    pages = tmp_path / "pages"
    assert main(["generate", str(root), str(pages), "--audience", "public"]) == 0
    written = {p.relative_to(pages).as_posix(): p.read_text(encoding="utf-8")
               for p in pages.rglob("*") if p.is_file()}  # fmt: skip
    assert written and leaks(written, (NAME,), VALUE) == []


def _export(root: Path, audience: str, tmp: Path) -> str:
    out = tmp / f"{audience}.json"
    with out.open("w", encoding="utf-8") as stream:
        assert main(["export", str(root), "--audience", audience], out=stream) == 0
    return out.read_text(encoding="utf-8")


def test_public_references_to_internal_entities_are_located_warnings(tmp_path: Path) -> None:
    root = _project(tmp_path, "internal")
    write_files(
        root,
        {
            "roadmap/leaky.yaml": """
        id: leaky
        title: Teams keep paying
        horizon: later
        outcomes:
          - kpi: zqx-margin
            target: 0.8
            by: 2027-06-30
    """
        },
    )
    out = tmp_path / "problems.txt"
    with out.open("w", encoding="utf-8") as stream:
        main(["validate", str(root), "--format", "json"], out=stream)
    found = [
        (d["path"], d["line"], d["code"])
        for d in json.loads(out.read_text(encoding="utf-8"))
        if d["code"] == "internal-reference"
    ]
    assert found == [("roadmap/leaky.yaml", 5, "internal-reference")]

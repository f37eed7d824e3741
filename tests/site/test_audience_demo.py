"""The demo, published for customers: no internal bet and no confidential figure anywhere.

The demo marks the revenue KPIs `net-revenue-retention` and `trial-to-paid-rate`
confidential and the bet `renewal-usage-report` internal. Their markers are taken from
the YAML and CSV themselves: the internal bet's id and title, and every measured value
of the confidential KPIs as written in their CSVs (1.021, 0.141, ...) and as the site
writes it (14.1%, ...) on their own pages, and every value of theirs in roadmap.json.
Hand-written pages (docs/) are the authors' text and are left out. The same checks on
the internal build find them all, so the test can fail.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from outcomes.render.numbers import format_value
from sitekit import build_site, output_texts

REPO = Path(__file__).resolve().parents[2]
CONFIDENTIAL = {"net-revenue-retention": "ratio", "trial-to-paid-rate": "percent"}
INTERNAL_BET = "renewal-usage-report"


def _demo(root: Path, audience: str) -> Path:
    for folder in ("roadmap", "journeys", "okrs", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - outcomes:\n" in yml
    yml = yml.replace("  - outcomes:\n", f"  - outcomes:\n      audience: {audience}\n", 1)
    (root / "mkdocs.yml").write_text("site_url: https://example.com/relay/\n" + yml)
    return root


def _internal_title() -> str:
    theme = YAML(typ="safe").load((REPO / "roadmap" / "enterprise-ready.yaml").read_text())
    found = [h for h in theme["hypotheses"] if h["id"] == INTERNAL_BET]
    assert found and found[0].get("visibility") == "internal"
    return str(found[0]["title"])


def _raw_values() -> re.Pattern[str]:
    values = set()
    for kpi in CONFIDENTIAL:
        with (REPO / "okrs" / "measurements" / f"{kpi}.csv").open() as rows:
            values |= {row["value"] for row in csv.DictReader(rows)}
    alternatives = "|".join(re.escape(v) for v in sorted(values))
    return re.compile(rf"(?<![\d.])(?:{alternatives})(?![\d])")


def _shown_values(kpi: str) -> set[str]:
    with (REPO / "okrs" / "measurements" / f"{kpi}.csv").open() as rows:
        return {
            format_value(float(row["value"]), CONFIDENTIAL[kpi]) for row in csv.DictReader(rows)
        }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    return {
        audience: output_texts(build_site(_demo(tmp_path_factory.mktemp(audience), audience)))
        for audience in ("public", "internal")
    }


def _hand_written() -> tuple[str, ...]:
    """URLs of the demo's own pages (docs/): their text is the authors', not generated."""
    urls = []
    for page in (REPO / "docs").rglob("*.md"):
        rel = page.relative_to(REPO / "docs").as_posix().removesuffix(".md")
        urls.append("" if rel == "index" else rel.removesuffix("/index") + "/")
    return tuple(u for u in urls if u)


def _generated(texts: dict[str, str]) -> dict[str, str]:
    """The generated outputs: every file but the hand-written pages, and the search index
    without their entries."""
    own = _hand_written()
    kept = {rel: text for rel, text in texts.items() if not rel.startswith(own)}
    index = json.loads(kept.pop("search/search_index.json"))
    index["docs"] = [d for d in index["docs"] if not d["location"].startswith(own)]
    kept["search/search_index.json"] = json.dumps(index, ensure_ascii=False)
    return kept


def _json_values(roadmap: dict[str, Any]) -> list[str]:
    """Values of a confidential KPI that roadmap.json carries (progress and status aside)."""
    found = []
    for kpi in roadmap["kpis"]:
        if kpi["id"] in CONFIDENTIAL and (kpi["latest"] or kpi["trend"] or kpi["values"]):
            found.append(f"roadmap.json: kpi {kpi['id']}")
    progress = [o for t in roadmap["themes"] for o in t["outcomes"]]
    progress += [kr for p in roadmap["okrs"] for o in p["objectives"] for kr in o["key_results"]]
    for item in progress:
        if item["kpi"] in CONFIDENTIAL:
            shown = [k for k in ("baseline", "target", "latest", "trend") if item[k] is not None]
            found += [f"roadmap.json: {item['kpi']} {k}" for k in shown]
    for h in roadmap["hypotheses"]:
        if h["kpi"] in CONFIDENTIAL:
            shown = [k for k in ("expect", "kill", "latest", "evidence") if h[k] is not None]
            found += [f"roadmap.json: {h['id']} {k}" for k in shown]
    return found


def findings(texts: dict[str, str]) -> list[str]:
    generated = _generated(texts)
    title, raw = _internal_title().lower(), _raw_values()
    found = [f"{rel}: {INTERNAL_BET}" for rel, text in generated.items()
             if INTERNAL_BET in text or INTERNAL_BET in rel]  # fmt: skip
    found += [f"{rel}: {title}" for rel, text in generated.items() if title in text.lower()]
    found += _json_values(json.loads(texts["roadmap.json"]))
    for kpi in CONFIDENTIAL:
        page = texts.get(f"kpis/{kpi}/index.html", "")
        found += [f"kpis/{kpi}/: {v}" for v in sorted(_shown_values(kpi)) if v in page]
        found += [f"kpis/{kpi}/: {m.group(0)}" for m in raw.finditer(page)]
    return found


def test_the_public_demo_shows_no_internal_bet_and_no_confidential_value(
    sites: dict[str, dict[str, str]],
) -> None:
    public = sites["public"]
    assert {"kpis/net-revenue-retention/index.html", "sitemap.xml.gz"} <= set(public)
    assert findings(public) == []


def test_the_internal_demo_shows_them_all(sites: dict[str, dict[str, str]]) -> None:
    found = findings(sites["internal"])
    assert any(INTERNAL_BET in f for f in found)
    assert any(_internal_title().lower() in f for f in found)
    assert any(f.startswith("roadmap.json: ") for f in found)
    for kpi in CONFIDENTIAL:
        assert any(f.startswith(f"kpis/{kpi}/: ") for f in found), kpi
